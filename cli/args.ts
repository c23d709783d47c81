import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import {
  isMethodologyVersion,
  METHODOLOGY_VERSIONS,
  type MethodologyVersion,
} from '#core/methodology-versions.ts';
import { type Period, parsePeriod } from '#core/period.ts';

/** The one error a command raises for wrong use: exit code 2, a sentence in Bahasa Indonesia. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util's parser messages, as one Bahasa Indonesia sentence naming the flags the command has. */
function parserMessage(e: NodeJS.ErrnoException, options: Options): string {
  const flags = Object.keys(options)
    .map((o) => `--${o}`)
    .join(', ');
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `opsi tidak dikenal: ${quoted}; opsi yang ada: ${flags || '(tidak ada)'}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `opsi ${quoted.split(/\s/)[0]} perlu nilai yang benar (${flags})`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argumen tidak terduga: ${quoted}; perintah ini hanya menerima opsi ${flags}`;
    default:
      return `argumen tidak dapat dibaca (${e.code ?? 'tanpa kode'})`;
  }
}

/** Parse a command's argv with node:util, turning its errors into a {@link UsageError} in Bahasa. */
export function parse<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(parserMessage(e as NodeJS.ErrnoException, options));
  }
}

/** `--methodology v1|v2`: a shipped version, or undefined for the default (`PANTAU_METHODOLOGY`, else v2). */
export function methodologyFlag(flag: string | undefined): MethodologyVersion | undefined {
  if (flag === undefined) return undefined;
  if (!isMethodologyVersion(flag))
    throw new UsageError(
      `--methodology harus salah satu dari ${METHODOLOGY_VERSIONS.join(', ')}, bukan "${flag}"`,
    );
  return flag;
}

/** The lake folder: `--lake`, else `PANTAU_LAKE`, else `./.pantau`. */
export function lakeDir(flag: string | undefined): string {
  return flag ?? process.env.PANTAU_LAKE ?? '.pantau';
}

/** The lake folder of a command that reads one: it must exist and be a folder. */
export function existingLake(flag: string | undefined): string {
  const given = lakeDir(flag);
  if (given.trim() === '') throw new UsageError('--lake kosong: beri folder lake, mis. --lake ./.pantau');
  const dir = resolve(given);
  const isDir = (() => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isDir)
    throw new UsageError(
      `folder lake ${dir} tidak ada; periksa --lake (atau PANTAU_LAKE), atau buat lake dengan pantau demo / pantau ingest`,
    );
  return dir;
}

/** A `--period` value as a {@link Period}; a usage error with the expected form otherwise. */
export function periodArg(value: string): Period {
  const period = parsePeriod(value);
  if (!period) throw new UsageError(invalidPeriodMessage(value));
  return period;
}

/** A progress line on a terminal (stderr), silent when not a TTY. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}
