import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { LIMITS, sizeText } from '../limits.ts';
import { UnreadableFileError } from './source.ts';

interface Entry {
  name: string;
  method: number;
  compressed: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const reject = (why: string) => new UnreadableFileError(`Berkas Excel tidak dapat dibaca: ${why}`);

/** The central directory of a zip file (no zip64: an export that needs it is far beyond every limit). */
async function entries(path: string, size: number): Promise<Entry[]> {
  const file = await open(path, 'r');
  try {
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (at < 0 || tail.readUInt32LE(at) !== EOCD) throw reject('struktur zip rusak atau terpotong.');
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count > LIMITS.maxZipEntries) throw reject(`terlalu banyak bagian (${count}).`);
    if (dirOffset + dirSize > size) throw reject('struktur zip rusak atau terpotong.');
    const dir = Buffer.alloc(dirSize);
    await file.read(dir, 0, dirSize, dirOffset);
    const out: Entry[] = [];
    for (let p = 0, i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw reject('direktori zip rusak.');
      const nameLength = dir.readUInt16LE(p + 28);
      const skip = nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
      out.push({
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
        method: dir.readUInt16LE(p + 10),
        compressed: dir.readUInt32LE(p + 20),
        offset: dir.readUInt32LE(p + 42),
      });
      p += 46 + skip;
    }
    return out;
  } finally {
    await file.close();
  }
}

/** Where an entry's data starts (after its local header). */
async function dataStart(path: string, entry: Entry): Promise<number> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(30);
    await file.read(header, 0, 30, entry.offset);
    if (header.readUInt32LE(0) !== LOCAL) throw reject('bagian zip rusak.');
    return entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await file.close();
  }
}

/** Inflate one entry, counting bytes, and stop as soon as it passes `cap` (sizes in headers can lie). */
async function inflatedSize(path: string, entry: Entry, cap: number): Promise<number> {
  const start = await dataStart(path, entry);
  if (entry.method === 0) return entry.compressed;
  if (entry.method !== 8) throw reject(`metode kompresi ${entry.method} tidak didukung.`);
  if (entry.compressed === 0) return 0;
  const inflate = createInflateRaw();
  createReadStream(path, { start, end: start + entry.compressed - 1 })
    .on('error', (e) => inflate.destroy(e))
    .pipe(inflate);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) break;
    }
  } catch {
    throw reject(`bagian ${entry.name} rusak atau terpotong.`);
  } finally {
    inflate.destroy();
  }
  return total;
}

/**
 * Check an XLSX package before a parser sees it: a sound zip, a bounded number of entries, and bounded
 * inflated sizes (all entries together, and the shared-string table, which the reader keeps in memory),
 * measured by inflating rather than trusting the sizes the package declares.
 */
export async function guardZip(path: string, size: number): Promise<void> {
  let budget: number = LIMITS.maxInflatedBytes;
  for (const entry of await entries(path, size)) {
    const shared = /sharedStrings\.xml$/i.test(entry.name);
    const cap = shared ? Math.min(budget, LIMITS.maxSharedStringsBytes) : budget;
    const inflated = await inflatedSize(path, entry, cap);
    if (shared && inflated > LIMITS.maxSharedStringsBytes)
      throw reject(
        `tabel teks bersama (shared strings) melebihi ${sizeText(LIMITS.maxSharedStringsBytes)} setelah dibuka. Simpan ulang sebagai CSV.`,
      );
    budget -= inflated;
    if (budget < 0)
      throw reject(
        `isi berkas melebihi ${sizeText(LIMITS.maxInflatedBytes)} setelah dibuka (kemungkinan bom zip). Periksa berkas atau simpan ulang sebagai CSV.`,
      );
  }
}
