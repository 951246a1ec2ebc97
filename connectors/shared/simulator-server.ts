// What the agency simulators (started by the tests) share: listening on a free loopback port,
// and stopping even while some answers are deliberately left hanging.
import type http from "node:http";
import type { AddressInfo } from "node:net";

export interface ListeningSimulator {
  url: string;
  stop(): Promise<void>;
}

export async function listenSimulator(
  server: http.Server,
  hanging: Set<http.ServerResponse>,
): Promise<ListeningSimulator> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
