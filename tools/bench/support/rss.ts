// A process's resident memory (VmRSS), sampled every 250 ms from /proc/<pid>/status, and its
// high-water mark (VmHWM) when sampling stops. The servers the bench measures run in their own
// processes (server-process.ts), so sampling a server's pid gives the server's memory alone;
// sampling this process (the default) gives the bench's: the load generator, the Kafka producer
// and whatever the scenario holds (a generated dataset, the produced stream).
import { megabytes, memory } from "./proc.ts";

export interface RssFigures {
  /** The first sample. */
  startMb: number;
  /** The highest sample taken (every `intervalMs` while sampling). */
  peakMb: number;
  /** The last sample. */
  lastMb: number;
  /**
   * VmHWM when sampling stopped: the highest resident size since the process STARTED (spikes
   * between samples included). For a server started for the measurement, its peak; for the
   * bench process, it includes whatever came before (seeding, earlier scenarios).
   */
  hwmMb: number;
}

export interface RssSampler {
  /** Stops sampling and returns the figures in MB (the last values read, if the process has gone). */
  stop(): RssFigures;
}

export function sampleRss(pid: number = process.pid, intervalMs = 250): RssSampler {
  const first = memory(pid);
  if (!first) throw new Error(`no process ${pid} to sample`);
  let peak = first.rss;
  let last = first;
  const read = () => {
    const m = memory(pid);
    if (!m) return;
    last = m;
    if (m.rss > peak) peak = m.rss;
  };
  const timer = setInterval(read, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      read();
      return {
        startMb: megabytes(first.rss),
        peakMb: megabytes(peak),
        lastMb: megabytes(last.rss),
        hwmMb: megabytes(Math.max(last.hwm, peak)),
      };
    },
  };
}
