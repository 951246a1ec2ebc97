// The end of a server process the bench starts (view-floor-main.ts, ingest-floor-main.ts): on
// SIGTERM or SIGINT — the bench's stop(), or orphan-guard.ts when the bench is gone — `stop` runs
// once and the process exits 0, or 1 if stopping failed.
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
