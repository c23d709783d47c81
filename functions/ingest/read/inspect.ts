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
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
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
  return { sha256: hash.digest('hex'), size, head, ...classify(head, validUtf8) };
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
