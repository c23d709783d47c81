/**
 * Per-step timings of ingest, for measuring where a file's time goes (`PANTAU_PROFILE=1`): each step's total
 * wall and CPU time (the whole process's, engine threads included) and count over the process, printed to
 * stderr by the caller. Off by default: then `timed` only runs `f`.
 */
const enabled = process.env.PANTAU_PROFILE === '1';
const totals = new Map<string, { ms: number; cpu: number; n: number }>();

/** Run one step, adding its wall and CPU time to the step's total when profiling. */
export async function timed<T>(step: string, f: () => Promise<T>): Promise<T> {
  if (!enabled) return f();
  const t = performance.now();
  const c = process.cpuUsage();
  try {
    return await f();
  } finally {
    const used = process.cpuUsage(c);
    const s = totals.get(step) ?? { ms: 0, cpu: 0, n: 0 };
    totals.set(step, {
      ms: s.ms + performance.now() - t,
      cpu: s.cpu + (used.user + used.system) / 1000,
      n: s.n + 1,
    });
  }
}

/** Print the steps' totals (wall ms, count, wall and CPU ms per call) to stderr, when profiling. */
export function printProfile(): void {
  if (!enabled) return;
  for (const [step, s] of [...totals].sort((a, b) => b[1].ms - a[1].ms))
    process.stderr.write(
      `profile ${step.padEnd(22)} ${s.ms.toFixed(0).padStart(8)} ms ${String(s.n).padStart(6)}× ${(s.ms / s.n).toFixed(1).padStart(8)} ms, cpu ${(s.cpu / s.n).toFixed(1).padStart(7)} ms\n`,
    );
}
