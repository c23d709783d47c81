import { LIMITS } from '../limits.ts';
import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COLON, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './bytes.ts';
import { fileChunks } from './file-chunks.ts';
import { UnreadableFileError } from './source.ts';

const ARRAY = -1;

const reject = (why: string) =>
  new UnreadableFileError(`Berkas JSON tidak dapat dibaca sebagai data tabel: ${why}`);

/** Where the scan stands between two chunks of the file. */
interface ScanState {
  /** One entry per open container: ARRAY, or the number of keys seen so far in an object. */
  open: number[];
  inString: boolean;
  /** The previous byte was a backslash inside a string: the next byte is taken as it is. */
  escaped: boolean;
}

/**
 * Scan a JSON or NDJSON export once, streaming, before the engine parses it: nesting deeper than
 * {@link LIMITS.maxJsonDepth} (which would exhaust the parser's stack) or an object with more keys than
 * {@link LIMITS.maxColumns} (which would make a table of a million columns) rejects the file.
 * `chunkBytes` sets the read size (tests cut the file at every byte); `whole`: the file's bytes when in memory.
 */
export async function guardJson(path: string, chunkBytes = 1 << 20, whole?: Buffer): Promise<void> {
  const state: ScanState = { open: [], inString: false, escaped: false };
  for (const chunk of fileChunks(path, chunkBytes, whole)) scanChunk(state, chunk);
}

/**
 * One chunk of {@link guardJson}'s scan. Text inside strings (most of an export's bytes) is skipped with
 * the native byte search to its closing quote; only the bytes between strings are looked at one by one.
 */
function scanChunk(state: ScanState, chunk: Buffer): void {
  const { open } = state;
  const n = chunk.length;
  let backslash = chunk.indexOf(BACKSLASH);
  let i = 0;
  while (i < n) {
    if (state.escaped) {
      state.escaped = false;
      i++;
    } else if (state.inString) {
      const quote = chunk.indexOf(QUOTE, i);
      const end = quote < 0 ? n : quote;
      if (backslash >= 0 && backslash < i) backslash = chunk.indexOf(BACKSLASH, i);
      if (backslash >= 0 && backslash < end) {
        state.escaped = true;
        i = backslash + 1;
      } else {
        state.inString = quote < 0;
        i = end + 1;
      }
    } else {
      const b = chunk[i++]!;
      if (b === QUOTE) state.inString = true;
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
