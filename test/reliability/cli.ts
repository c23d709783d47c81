import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SubmissionReport } from '#ingest/report.ts';

const BIN = fileURLToPath(new URL('../../bin/pantau.js', import.meta.url));

/** What one `pantau` child process did: exit code, JSON lines, wall time and peak RSS (GNU time). */
export interface CliRun {
  code: number | null;
  reports: SubmissionReport[];
  stderr: string;
  seconds: number;
  peakRssMb: number;
}

/** Run `pantau ARGS…` in a child process under /usr/bin/time; `delayMs` staggers concurrent starts. */
export function pantau(
  args: string[],
  options: { delayMs?: number; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      const child = spawn('/usr/bin/time', ['-f', '__time %e %M', process.execPath, BIN, ...args], {
        env: { ...process.env, PANTAU_PII_SALT: 'uji-garam', ...options.env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code) => {
        const line = stderr.split('\n').find((l) => l.startsWith('__time ')) ?? '__time NaN NaN';
        const [, seconds, kb] = line.split(' ');
        resolve({
          code,
          reports: stdout
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as SubmissionReport),
          stderr,
          seconds: Number(seconds),
          peakRssMb: Number(kb) / 1024,
        });
      });
    }, options.delayMs ?? 0);
  });
}
