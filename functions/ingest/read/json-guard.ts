import { LIMITS } from '../limits.ts';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  SPACE,
} from './bytes.ts';
import { fileChunks } from './file-chunks.ts';
import { UnreadableFileError } from './source.ts';

const ARRAY = -1;
/** Longer than any key: a string inside a record that goes on over chunks is kept only up to this. */
const MAX_KEY_BYTES = 1 << 16;

const reject = (why: string) =>
  new UnreadableFileError(`Berkas JSON tidak dapat dibaca sebagai data tabel: ${why}`);

/** Where the scan stands between two chunks of the file. */
interface ScanState {
  /** One entry per open container: ARRAY, or the number of keys seen so far in an object. */
  open: number[];
  inString: boolean;
  /** The previous byte was a backslash inside a string: the next byte is taken as it is. */
  escaped: boolean;
  records: RecordKeys;
}

/**
 * The keys of the records as the scan meets them: the records are the top-level objects (NDJSON, objects
 * one after another) or the objects of the one top-level array. `keys` holds every record's keys in the
 * order first met; `layout` the last record's keys as bytes, which nearly every next record repeats, so a
 * key is compared byte by byte and decoded only where it differs.
 */
interface RecordKeys {
  /** How the file holds its records: not known before its first container; `none` when not as objects. */
  shape: 'unknown' | 'array' | 'objects' | 'none';
  /** The depth (open containers) inside a record. */
  depth: number;
  keys: Set<string>;
  layout: Buffer[];
  /** The current record's keys so far. */
  index: number;
  /**
   * Where the last string inside a record starts (a key if a colon follows it): in this chunk from
   * `stringStart`, after `carried` (its bytes in earlier chunks, up to a key's longest; null: none there).
   * -1 with nothing carried: no such string, or one longer than a key can be.
   */
  stringStart: number;
  carried: Buffer | null;
}

/**
 * Scan a JSON or NDJSON export once, streaming, before the engine parses it: nesting deeper than
 * {@link LIMITS.maxJsonDepth} (which would exhaust the parser's stack) or an object with more keys than
 * {@link LIMITS.maxColumns} (which would make a table of a million columns) rejects the file, and so do
 * records with more keys between them than that. The answer: every record's keys in the order first met,
 * which the conversion takes as the columns (json.ts); null where the records are no objects (a value
 * that is not one, or none at all) or hold two keys the same but for case: the engine's reader decides.
 * `chunkBytes` sets the read size (tests cut the file at every byte); `whole`: the file's bytes when in
 * memory.
 */
export async function guardJson(
  path: string,
  chunkBytes = 1 << 20,
  whole?: Buffer,
): Promise<string[] | null> {
  const state: ScanState = {
    open: [],
    inString: false,
    escaped: false,
    records: {
      shape: 'unknown',
      depth: 1,
      keys: new Set(),
      layout: [],
      index: 0,
      stringStart: -1,
      carried: null,
    },
  };
  for (const chunk of fileChunks(path, chunkBytes, whole)) scanChunk(state, chunk);
  const { shape, keys } = state.records;
  if (shape === 'none' || shape === 'unknown' || keys.size === 0) return null;
  // keys the same but for case: no column names the engine tells apart
  const folded = new Set([...keys].map((k) => k.toLowerCase()));
  return folded.size === keys.size ? [...keys] : null;
}

/**
 * One chunk of {@link guardJson}'s scan. Text inside strings (most of an export's bytes) is skipped with
 * the native byte search to its closing quote; only the bytes between strings are looked at one by one.
 */
function scanChunk(state: ScanState, chunk: Buffer): void {
  const { open, records } = state;
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
      if (open.length < records.depth && b > SPACE && b !== COMMA) outsideRecords(records, open, b);
      if (b === QUOTE) {
        state.inString = true;
        if (open.length === records.depth) {
          records.stringStart = i;
          records.carried = null;
        }
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (open.length >= LIMITS.maxJsonDepth)
          throw reject(`susunan bersarang lebih dari ${LIMITS.maxJsonDepth} tingkat.`);
        open.push(b === OPEN_OBJECT ? 0 : ARRAY);
        if (open.length === records.depth) records.index = 0;
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) open.pop();
      else if (b === COLON && open.length > 0 && open[open.length - 1] !== ARRAY) {
        const keys = open[open.length - 1]! + 1;
        if (keys > LIMITS.maxColumns)
          throw reject(`satu objek berisi lebih dari ${LIMITS.maxColumns} kolom (kunci).`);
        open[open.length - 1] = keys;
        if (open.length === records.depth && records.shape !== 'none') keyMet(records, chunk, i - 1);
      }
    }
  }
  carryOver(records, chunk);
}

/**
 * A byte outside every record (no space, no comma): the start of the file's records, or of a value that is
 * no record object. The first container decides the shape: an array holds the records, an object is one.
 */
function outsideRecords(records: RecordKeys, open: number[], b: number): void {
  // a byte-order mark before the first value
  if (records.shape === 'unknown' && b >= 0x80) return;
  if (open.length === 0) {
    if (records.shape === 'unknown' && (b === OPEN_ARRAY || b === OPEN_OBJECT)) {
      records.shape = b === OPEN_ARRAY ? 'array' : 'objects';
      records.depth = b === OPEN_ARRAY ? 2 : 1;
    } else if (!(records.shape === 'objects' && b === OPEN_OBJECT)) records.shape = 'none';
  } else if (b !== OPEN_OBJECT && b !== CLOSE_ARRAY) records.shape = 'none';
}

/**
 * The chunk is read and its buffer will be filled again: the bytes from the last string inside a record on
 * are kept (copied: once a chunk at most), up to a key's longest.
 */
function carryOver(records: RecordKeys, chunk: Buffer): void {
  if (records.stringStart < 0) return;
  const part = chunk.subarray(records.stringStart);
  const kept = (records.carried?.length ?? 0) + part.length;
  records.carried =
    kept > MAX_KEY_BYTES
      ? null
      : records.carried
        ? Buffer.concat([records.carried, part])
        : Buffer.from(part);
  records.stringStart = records.carried ? 0 : -1;
}

/**
 * A colon inside a record, at `colon` in the chunk: the last string was its next key, the same as the last
 * record's at its place (compared where it lies) or noted. Its closing quote is the byte before the colon
 * but for spaces. No such string (a key too long, no JSON): the engine decides.
 */
function keyMet(records: RecordKeys, chunk: Buffer, colon: number): void {
  const { stringStart: start, carried } = records;
  records.stringStart = -1;
  records.carried = null;
  const at = records.index++;
  if (start < 0) {
    records.shape = 'none';
    return;
  }
  if (carried === null) {
    // nearly every key: in this chunk, and the same as the last record's
    let end = colon - 1;
    while (end > start && chunk[end]! <= SPACE) end--;
    const same = records.layout[at];
    if (
      chunk[end] === QUOTE &&
      same !== undefined &&
      same.length === end - start &&
      sameBytes(same, chunk, start)
    )
      return;
    noteKey(records, at, chunk.subarray(start, end + 1));
  } else noteKey(records, at, Buffer.concat([carried, chunk.subarray(0, colon)]));
}

/**
 * A key other than the last record's at its place `at`, noted: `bytes` from after its opening quote to
 * before the colon (its closing quote, spaces).
 */
function noteKey(records: RecordKeys, at: number, bytes: Buffer): void {
  let end = bytes.length - 1;
  while (end > 0 && bytes[end]! <= SPACE) end--;
  if (bytes[end] !== QUOTE) {
    records.shape = 'none';
    return;
  }
  const raw = Buffer.from(bytes.subarray(0, end));
  if (records.layout[at]?.equals(raw)) return;
  records.layout[at] = raw;
  const text = keyText(raw);
  if (text === null) {
    records.shape = 'none';
    return;
  }
  records.keys.add(text);
  if (records.keys.size > LIMITS.maxColumns)
    throw reject(
      `rekaman-rekamannya berisi lebih dari ${LIMITS.maxColumns} kunci berbeda (kolom). Hapus kunci yang tidak dipakai lalu unggah ulang.`,
    );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A key's text from its bytes between the quote marks; null where it is no valid UTF-8 or JSON text. */
function keyText(raw: Buffer): string | null {
  try {
    const text = utf8.decode(raw);
    return raw.includes(BACKSLASH) ? (JSON.parse(`"${text}"`) as string) : text;
  } catch {
    return null;
  }
}

/** Whether `bytes` from `start` are `known`'s bytes. */
function sameBytes(known: Buffer, bytes: Buffer, start: number): boolean {
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}
