import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** What one streaming pass over an uploaded file learns. */
export interface FileFacts {
  sha256: string;
  size: number;
  /** First bytes, for sniffing. */
  head: Buffer;
  format: 'xlsx' | 'json' | 'text' | 'empty' | 'binary';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** Longest physical line in bytes (lines end at LF or CR). */
  longestLine: number;
}

const HEAD_BYTES = 256 * 1024;

/** Hash the file, keep its head, and check in the same pass whether it is valid UTF-8. */
export async function inspectFile(path: string): Promise<FileFacts> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let size = 0;
  const chunks: Buffer[] = [];
  let kept = 0;
  const lines = { longest: 0, current: 0 };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    measureLines(chunk, lines);
    size += chunk.length;
    if (kept < HEAD_BYTES) {
      chunks.push(chunk.subarray(0, HEAD_BYTES - kept));
      kept += Math.min(chunk.length, HEAD_BYTES - kept);
    }
    if (validUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  const head = Buffer.concat(chunks);
  const longestLine = Math.max(lines.longest, lines.current);
  return { sha256: hash.digest('hex'), size, head, longestLine, ...classify(head, validUtf8) };
}

/** Track the longest run of bytes without a line end, across chunks (each search scans the chunk once). */
function measureLines(chunk: Buffer, state: { longest: number; current: number }): void {
  const next = (byte: number, from: number) => {
    const at = chunk.indexOf(byte, from);
    return at < 0 ? chunk.length : at;
  };
  let lf = next(0x0a, 0);
  let cr = next(0x0d, 0);
  let start = 0;
  while (Math.min(lf, cr) < chunk.length) {
    const end = Math.min(lf, cr);
    state.longest = Math.max(state.longest, state.current + end - start);
    state.current = 0;
    start = end + 1;
    if (lf < start) lf = next(0x0a, start);
    if (cr < start) cr = next(0x0d, start);
  }
  state.current += chunk.length - start;
}
function classify(head: Buffer, validUtf8: boolean): Pick<FileFacts, 'format' | 'encoding'> {
  if (head[0] === 0xff && head[1] === 0xfe) return { format: 'text', encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { format: 'text', encoding: 'utf-16be' };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { format: 'xlsx', encoding: 'utf-8' };
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text === '') return { format: 'empty', encoding: 'utf-8' };
  if (head.includes(0)) return { format: 'binary', encoding: 'utf-8' };
  if (text.startsWith('[') || text.startsWith('{')) return { format: 'json', encoding: 'utf-8' };
  return { format: 'text', encoding: validUtf8 ? 'utf-8' : 'windows-1252' };
}
