import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { CR, LF, QUOTE } from './bytes.ts';
import { fileChunks } from './file-chunks.ts';

/** What one streaming pass over an uploaded file learns. */
export interface FileFacts {
  sha256: string;
  size: number;
  /** First bytes, for sniffing. */
  head: Buffer;
  /** Last bytes (at most {@link TAIL_BYTES}), for a CSV recap's closing rows (csv-recap.ts). */
  tail: Buffer;
  format: 'xlsx' | 'json' | 'text' | 'empty' | 'binary';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** Longest physical line in bytes (lines end at LF or CR). */
  longestLine: number;
  /**
   * No quote byte and no blank line (nothing, or only a CR, before an LF): each line of a text file is one
   * record, and a scan of its line structure (`scanCsvLines`) has nothing to tell.
   */
  plainLines: boolean;
}

const HEAD_BYTES = 256 * 1024;
/** Bytes kept from a file's end: a recap's summary block is a few rows. */
export const TAIL_BYTES = 16 * 1024;

/**
 * Bytes per read, into one buffer read into again and again. A stream's fresh 1 MiB buffer per read left up
 * to ~30 MB of dead buffers for the collector, and the C heap they came from stayed resident through the
 * rest of ingest: RSS when the reader starts was ~15 MB higher (a 16 MB workbook).
 */
const READ_BYTES = 1 << 20;

/**
 * Hash the file, keep its head and tail, and check in the same pass whether it is valid UTF-8 and how its
 * lines are made (the longest, and whether any is blank or holds a quote).
 */
export async function inspectFile(path: string): Promise<FileFacts> {
  const hash = createHash('sha256');
  const utf8 = new Utf8Check();
  const lines: LineState = { longest: 0, current: 0, sinceLf: 0, lastByte: -1, blank: false, quote: false };
  const heads: Buffer[] = [];
  let tail: Buffer = Buffer.alloc(0);
  let size = 0;
  for (const chunk of fileChunks(path, READ_BYTES)) {
    hash.update(chunk);
    measureLines(chunk, lines);
    utf8.push(chunk);
    // copied: the buffer is read into again
    if (size < HEAD_BYTES) heads.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - size)));
    tail = lastBytes(tail, chunk);
    size += chunk.length;
  }
  const head = heads.length === 1 ? heads[0]! : Buffer.concat(heads);
  const longestLine = Math.max(lines.longest, lines.current);
  const plainLines = !lines.quote && !lines.blank;
  return {
    sha256: hash.digest('hex'),
    size,
    head,
    tail,
    longestLine,
    plainLines,
    ...classify(head, utf8.end()),
  };
}

/** The last {@link TAIL_BYTES} of `kept` followed by `chunk`, copied (the chunk's buffer is read into again). */
function lastBytes(kept: Buffer, chunk: Buffer): Buffer {
  if (chunk.length >= TAIL_BYTES) return Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES));
  const joined = Buffer.concat([kept, chunk]);
  return joined.subarray(Math.max(0, joined.length - TAIL_BYTES));
}

/** The whole file when its head holds all of it (most exports), so that it need not be read again. */
export const wholeFile = (facts: Pick<FileFacts, 'head' | 'size'>): Buffer | undefined =>
  facts.head.length === facts.size ? facts.head : undefined;

/**
 * Whether a stream of chunks is valid UTF-8, chunk by chunk with the engine's own check; a character cut
 * by a chunk boundary is carried over (copied: the caller reuses its buffer) to the next chunk.
 */
class Utf8Check {
  private valid = true;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    this.valid = isUtf8(bytes.subarray(0, cut));
    this.carry = Buffer.from(bytes.subarray(cut));
  }

  end(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

/** Length of the bytes without a trailing character that the next chunk completes (at most 3 bytes). */
function completeLength(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && bytes.length - i <= 3 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i < need ? i : bytes.length;
}

/** What {@link measureLines} carries from one chunk to the next. */
interface LineState {
  longest: number;
  /** Bytes since the last line end (LF or CR). */
  current: number;
  /** Bytes since the last LF (or the file's start). */
  sinceLf: number;
  /** The last byte of the chunk before (-1: none). */
  lastByte: number;
  /** A line with nothing, or only a CR, before its LF has been seen. */
  blank: boolean;
  /** A quote byte has been seen. */
  quote: boolean;
}

/**
 * Track the longest run of bytes without a line end, across chunks (each search scans the chunk once), and
 * whether a quote byte or a blank line (as `scanCsvLines` counts them) occurs: each is looked for only
 * until it is first seen.
 */
function measureLines(chunk: Buffer, state: LineState): void {
  const next = (byte: number, from: number) => {
    const at = chunk.indexOf(byte, from);
    return at < 0 ? chunk.length : at;
  };
  if (!state.quote) state.quote = chunk.includes(QUOTE);
  let lf = next(LF, 0);
  let cr = next(CR, 0);
  let start = 0;
  let afterLf = -1; // where the line after this chunk's last LF so far starts
  while (Math.min(lf, cr) < chunk.length) {
    const end = Math.min(lf, cr);
    state.longest = Math.max(state.longest, state.current + end - start);
    state.current = 0;
    if (end === lf) {
      if (!state.blank) {
        const length = afterLf < 0 ? state.sinceLf + lf : lf - afterLf;
        const before = lf > 0 ? chunk[lf - 1]! : state.lastByte;
        state.blank = length === 0 || (length === 1 && before === CR);
      }
      afterLf = lf + 1;
    }
    start = end + 1;
    if (lf < start) lf = next(LF, start);
    if (cr < start) cr = next(CR, start);
  }
  state.current += chunk.length - start;
  state.sinceLf = afterLf < 0 ? state.sinceLf + chunk.length : chunk.length - afterLf;
  state.lastByte = chunk[chunk.length - 1] ?? state.lastByte;
}

function classify(head: Buffer, validUtf8: boolean): Pick<FileFacts, 'format' | 'encoding'> {
  if (head[0] === 0xff && head[1] === 0xfe) return { format: 'text', encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { format: 'text', encoding: 'utf-16be' };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { format: 'xlsx', encoding: 'utf-8' };
  const first = firstText(head);
  if (first === '') return { format: 'empty', encoding: 'utf-8' };
  if (head.includes(0)) return { format: 'binary', encoding: 'utf-8' };
  if (first === '[' || first === '{') return { format: 'json', encoding: 'utf-8' };
  return { format: 'text', encoding: validUtf8 ? 'utf-8' : 'windows-1252' };
}

/**
 * The first character of the head's text after a BOM and white space, or '' when there is none. A head
 * whose first byte after ASCII white space is ASCII needs no decoding (most do); any other is decoded.
 */
function firstText(head: Buffer): string {
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || (head[i]! >= 0x09 && head[i]! <= 0x0d))) i++;
  if (i < head.length && head[i]! < 0x80) return String.fromCharCode(head[i]!);
  return head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 1);
}
