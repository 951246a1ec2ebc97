// Binding the hub's port, with a port already taken told in one line (an OperatorError) rather
// than an unhandled 'error' event and a stack trace.
import net from "node:net";
import type http from "node:http";
import { OperatorError } from "#errors/operator-error.ts";

/**
 * Fails fast, before the slow parts of start-up (embedded database, migrations, Kafka), when the
 * port is already taken. listen() below still reports a port taken in between.
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await listenOn(probe, port, host);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Listens on `host`:`port` (0: any free port) and returns the port bound. */
export async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await listenOn(server, port, host);
  const address = server.address();
  return typeof address === "object" && address ? address.port : port;
}

function listenOn(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(portError(port, error));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function portError(port: number, error: NodeJS.ErrnoException): Error {
  if (error.code === "EADDRINUSE")
    return new OperatorError(
      `Port ${port} is already in use (is another hub running?); stop it or set PORT to a free port`,
    );
  if (error.code === "EACCES")
    return new OperatorError(
      `Port ${port} needs privileges this process lacks; set PORT above 1023`,
    );
  return error;
}
