import { type ParseArgsConfig, parseArgs } from 'node:util';
import { METHODOLOGY_VERSIONS, type MethodologyVersion } from '#core/methodology.ts';

/** A usage error: exit code 2, message for the user. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parse a command's argv with node:util, turning its errors into UsageError. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--methodology v1|v2`: a shipped version, or undefined for the default (`PANTAU_METHODOLOGY`, else v2). */
export function methodologyFlag(flag: string | undefined): MethodologyVersion | undefined {
  if (flag === undefined) return undefined;
  if (!(METHODOLOGY_VERSIONS as readonly string[]).includes(flag))
    throw new UsageError(
      `--methodology harus salah satu dari ${METHODOLOGY_VERSIONS.join(', ')}, bukan "${flag}"`,
    );
  return flag as MethodologyVersion;
}

/** The lake folder: `--lake`, else `PANTAU_LAKE`, else `./.pantau`. */
export function lakeDir(flag: string | undefined): string {
  return flag ?? process.env.PANTAU_LAKE ?? '.pantau';
}

/** A progress line on a terminal (stderr), silent when not a TTY. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}
