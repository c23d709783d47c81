import { createReadStream, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { LIMITS } from '../limits.ts';
import { withFile } from './file-chunks.ts';
import { UnreadableFileError } from './source.ts';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  /** The inflated size the directory declares (it may lie: the zip guard counts the bytes). */
  declared: number;
  offset: number;
  /** The entry's stored bytes, when the whole file was read with its directory (see {@link zipEntries}). */
  data?: Buffer;
  /** Set by the zip guard on an entry whose inflated bytes it counts as a reader inflates it. */
  tally?: InflatedTally;
  /**
   * The entry's inflated bytes, when the zip guard has inflated them whole to count them: the reader takes
   * them (see {@link entryChunks}) instead of inflating the entry a second time.
   */
  inflated?: Buffer;
}

/** Counts an entry's inflated bytes as they are read: `add` per chunk, `end` once the entry is read whole. */
export interface InflatedTally {
  add(bytes: number): void;
  end(): void;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A file-level rejection of a workbook, in Bahasa Indonesia. */
export const rejectWorkbook = (why: string) =>
  new UnreadableFileError(`Berkas Excel tidak dapat dibaca: ${why}`);

/** Longest end-of-directory record (22 bytes and a comment of up to 64 KiB): where it is searched for. */
const EOCD_AREA = 65_557;
/**
 * Files up to this size are read whole with their directory: each entry's bytes are then served from
 * memory (most workbooks units upload are a few kB; a part read from the file costs two opens).
 */
const WHOLE_FILE_BYTES = 1024 * 1024;

/** The central directory of a zip file (no zip64: an export that needs it is far beyond every limit). */
export async function zipEntries(path: string, size: number): Promise<ZipEntry[]> {
  return withFile(path, (fd) => {
    const readSize = size <= WHOLE_FILE_BYTES ? size : Math.min(size, EOCD_AREA);
    const read = Buffer.alloc(readSize);
    readSync(fd, read, 0, readSize, size - readSize);
    const whole = readSize === size ? read : undefined;
    const tail = read.subarray(readSize - Math.min(size, EOCD_AREA));
    const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (at < 0 || tail.readUInt32LE(at) !== EOCD) throw rejectWorkbook('struktur zip rusak atau terpotong.');
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count > LIMITS.maxZipEntries) throw rejectWorkbook(`terlalu banyak bagian (${count}).`);
    if (dirOffset + dirSize > size) throw rejectWorkbook('struktur zip rusak atau terpotong.');
    let dir: Buffer;
    if (whole) dir = whole.subarray(dirOffset, dirOffset + dirSize);
    else {
      dir = Buffer.alloc(dirSize);
      readSync(fd, dir, 0, dirSize, dirOffset);
    }
    return directory(dir, count, whole);
  });
}

/** The `count` entries of a central directory (with their bytes when the file is `whole` in memory). */
function directory(dir: Buffer, count: number, whole: Buffer | undefined): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw rejectWorkbook('direktori zip rusak.');
    const nameLength = dir.readUInt16LE(p + 28);
    const skip = nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method: dir.readUInt16LE(p + 10),
      compressed: dir.readUInt32LE(p + 20),
      declared: dir.readUInt32LE(p + 24),
      offset: dir.readUInt32LE(p + 42),
    };
    const data = whole && storedBytes(whole, entry);
    out.push(data ? { ...entry, data } : entry);
    p += 46 + skip;
  }
  return out;
}

/**
 * An entry's stored bytes in a file read whole, when its local header is sound and the bytes are in the
 * file; otherwise undefined, and the entry is read from the file (which rejects a broken header as before).
 */
function storedBytes(file: Buffer, entry: ZipEntry): Buffer | undefined {
  if (entry.offset + 30 > file.length || file.readUInt32LE(entry.offset) !== LOCAL) return undefined;
  const start =
    entry.offset + 30 + file.readUInt16LE(entry.offset + 26) + file.readUInt16LE(entry.offset + 28);
  return start + entry.compressed <= file.length ? file.subarray(start, start + entry.compressed) : undefined;
}

/** Where an entry's data starts (after its local header). */
function dataStart(path: string, entry: ZipEntry): number {
  const header = Buffer.alloc(30);
  withFile(path, (fd) => readSync(fd, header, 0, 30, entry.offset));
  if (header.readUInt32LE(0) !== LOCAL) throw rejectWorkbook('bagian zip rusak.');
  return entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * Bytes per read and per inflated chunk. Small on purpose: a part's text is decoded chunk by chunk, and a
 * chunk above V8's largest regular object (128 KiB) lands in large-object space, which only a full
 * collection frees; 1 MiB chunks made the heap grow by ~60 MB on a 200 k-row sheet. UTF-8 with one
 * character beyond ASCII decodes to two bytes a character, so a 64 KiB chunk was already past it.
 */
const CHUNK_BYTES = 32 * 1024;
/**
 * Compressed bytes per read of a deflated entry: its chunks are only inflated, never decoded, so larger
 * reads cost fewer reads and stream steps (a 3.5 MB sheet: 14 reads instead of 110, its inflate ~20 %
 * less CPU) while the inflated chunks keep `chunkBytes`.
 */
const DEFLATED_READ_BYTES = 256 * 1024;

/** The inflated bytes of one entry, streamed in chunks of `chunkBytes` (stored or deflated entries only). */
export async function entryStream(
  path: string,
  entry: ZipEntry,
  chunkBytes: number = CHUNK_BYTES,
): Promise<Readable> {
  const start = entry.data ? 0 : dataStart(path, entry);
  if (entry.method !== 0 && entry.method !== 8)
    throw rejectWorkbook(`metode kompresi ${entry.method} tidak didukung.`);
  if (entry.compressed === 0) return Readable.from([]);
  // from memory, in the chunks a read stream of the file gives
  const readBytes = entry.method === 8 ? DEFLATED_READ_BYTES : CHUNK_BYTES;
  const raw = entry.data
    ? Readable.from(chunks(entry.data, readBytes), { objectMode: false })
    : createReadStream(path, { start, end: start + entry.compressed - 1, highWaterMark: readBytes });
  if (entry.method === 0) return raw;
  const inflate = createInflateRaw({ chunkSize: chunkBytes });
  raw.on('error', (e: Error) => inflate.destroy(e)).pipe(inflate);
  return inflate;
}

/**
 * The inflated bytes of one entry, for reading: a small part held in memory is inflated at once (see
 * {@link entryBytes}), or taken as the zip guard inflated it, and handed on in chunks of `chunkBytes`; any
 * other is streamed by {@link entryStream}.
 */
export async function entryChunks(
  path: string,
  entry: ZipEntry,
  chunkBytes: number = CHUNK_BYTES,
): Promise<Readable> {
  const whole = entry.inflated ?? entryBytes(entry, WHOLE_ENTRY_BYTES);
  entry.inflated = undefined;
  return whole
    ? Readable.from(chunks(whole, chunkBytes), { objectMode: false })
    : entryStream(path, entry, chunkBytes);
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Most inflated bytes of a part held whole in memory (see {@link entryBytes}). */
export const WHOLE_ENTRY_BYTES = 4 * 1024 * 1024;

/**
 * The inflated bytes of an entry held in memory (see {@link zipEntries}), inflated at once, when they are
 * at most `max` bytes and inflate cleanly; otherwise undefined, and the entry is streamed (which reports a
 * broken or oversized part as before). A stream costs a zlib object and a thread-pool trip per chunk, most
 * of the time a small part takes.
 */
export function entryBytes(entry: ZipEntry, max: number): Buffer | undefined {
  if (!entry.data || entry.data.length === 0) return undefined;
  if (entry.method === 0) return entry.data.length <= max ? entry.data : undefined;
  if (entry.method !== 8) return undefined;
  try {
    return inflateRawSync(entry.data, { maxOutputLength: Math.max(1, max) });
  } catch {
    return undefined;
  }
}
