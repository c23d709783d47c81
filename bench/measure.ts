import { spawnSync } from 'node:child_process';

/** Wall time and peak RSS of a whole child process, measured by GNU time. */
export interface Measured {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

export function measure(command: string, args: string[], env: Record<string, string> = {}): Measured {
  const res = spawnSync('/usr/bin/time', ['-f', '__time %e %M', command, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 30,
  });
  const line = res.stderr.split('\n').find((l) => l.startsWith('__time '));
  if (res.status !== 0 || !line)
    throw new Error(`${command} ${args.join(' ')} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  const [, seconds, kb] = line.split(' ');
  return { seconds: Number(seconds), peakRssMb: Number(kb) / 1024, stdout: res.stdout };
}

export const fmt = (x: number, digits = 2) => x.toFixed(digits);
