// The bench process's resident memory, sampled every 250 ms: where a scenario runs the hub in
// process, this is the hub's memory (plus the bench's own, which a scenario keeps small).
export interface RssSampler {
  /** Stops sampling; the first sample, the peak and the last, in MB. */
  stop(): { startMb: number; peakMb: number; lastMb: number };
}

export function sampleRss(intervalMs = 250): RssSampler {
  const start = process.memoryUsage.rss();
  let peak = start;
  let last = start;
  const timer = setInterval(() => {
    last = process.memoryUsage.rss();
    if (last > peak) peak = last;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      last = process.memoryUsage.rss();
      peak = Math.max(peak, last);
      const mb = (bytes: number) => Math.round(bytes / 1_048_576);
      return { startMb: mb(start), peakMb: mb(peak), lastMb: mb(last) };
    },
  };
}
