import { spawnSync } from 'node:child_process';

/** Wall time and peak RSS of a whole child process, measured by GNU time. */
export interface Measured {
  seconds: number;
  /** User + system CPU time of the process and the children it waited for. */
  cpuSeconds: number;
  peakRssMb: number;
  stdout: string;
}

export function measure(command: string, args: string[], env: Record<string, string> = {}): Measured {
  const res = spawnSync('/usr/bin/time', ['-f', '__time %e %M %U %S', command, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 30,
  });
  const line = res.stderr.split('\n').find((l) => l.startsWith('__time '));
  if (res.status !== 0 || !line)
    throw new Error(`${command} ${args.join(' ')} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  const [, seconds, kb, user, system] = line.split(' ');
  return {
    seconds: Number(seconds),
    cpuSeconds: Number(user) + Number(system),
    peakRssMb: Number(kb) / 1024,
    stdout: res.stdout,
  };
}

/** The median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median time and RSS of each side over `runs` rounds, the sides alternating within every round. */
export function alternate<K extends string>(
  runs: number,
  sides: Record<K, () => Measured>,
): Record<K, Measured & { all: number[] }> {
  const seen = Object.fromEntries(Object.keys(sides).map((k) => [k, [] as Measured[]])) as Record<
    K,
    Measured[]
  >;
  for (let i = 0; i < runs; i++) for (const k of Object.keys(sides) as K[]) seen[k].push(sides[k]());
  return Object.fromEntries(
    (Object.entries(seen) as [K, Measured[]][]).map(([k, ms]) => [
      k,
      {
        seconds: median(ms.map((m) => m.seconds)),
        cpuSeconds: median(ms.map((m) => m.cpuSeconds)),
        peakRssMb: median(ms.map((m) => m.peakRssMb)),
        stdout: ms.at(-1)!.stdout,
        all: ms.map((m) => m.seconds),
      },
    ]),
  ) as Record<K, Measured & { all: number[] }>;
}

export const fmt = (x: number, digits = 2) => x.toFixed(digits);
