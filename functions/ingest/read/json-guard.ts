import { createReadStream } from 'node:fs';
import { LIMITS } from '../limits.ts';
import { UnreadableFileError } from './source.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const ARRAY = -1;

const reject = (why: string) =>
  new UnreadableFileError(`Berkas JSON tidak dapat dibaca sebagai data tabel: ${why}`);

/**
 * Scan a JSON or NDJSON export once, streaming, before the engine parses it: nesting deeper than
 * {@link LIMITS.maxJsonDepth} (which would exhaust the parser's stack) or an object with more keys than
 * {@link LIMITS.maxColumns} (which would make a table of a million columns) rejects the file.
 */
export async function guardJson(path: string): Promise<void> {
  // one entry per open container: ARRAY, or the number of keys seen so far in an object
  const open: number[] = [];
  let inString = false;
  let escaped = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (open.length >= LIMITS.maxJsonDepth)
          throw reject(`susunan bersarang lebih dari ${LIMITS.maxJsonDepth} tingkat.`);
        open.push(b === OPEN_OBJECT ? 0 : ARRAY);
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) open.pop();
      else if (b === COLON && open.length > 0 && open[open.length - 1] !== ARRAY) {
        const keys = open[open.length - 1]! + 1;
        if (keys > LIMITS.maxColumns)
          throw reject(`satu objek berisi lebih dari ${LIMITS.maxColumns} kolom (kunci).`);
        open[open.length - 1] = keys;
      }
    }
  }
}
