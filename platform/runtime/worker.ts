/** A long-running part of a hub process besides HTTP (consumers, relay, e-mail worker, live bus). */
export interface Worker {
  name: string;
  start(): Promise<void>;
  /** Finishes what is in hand, commits, then lets go. */
  stop(): Promise<void>;
  /** For /readyz. */
  ready(): boolean;
}
