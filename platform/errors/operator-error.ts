/**
 * A problem the person running a process can fix, told in one line (the port is taken, the
 * embedded database is open in another process). Entry points print the message alone, without a
 * stack trace, and exit non-zero.
 */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperatorError";
  }
}
