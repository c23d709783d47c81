import { vi } from 'vitest';
import { main } from '../../cli/main.ts';

/** What one run of the CLI in this process printed, and its exit code. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run the `pantau` CLI in this process with console output captured (not shown). */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await main(argv);
    return { code, out: log.mock.calls.flat().join('\n'), err: error.mock.calls.flat().join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
