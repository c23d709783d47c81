import { LIMITS, sizeText } from '../limits.ts';
import {
  entryBytes,
  entryStream,
  rejectWorkbook,
  WHOLE_ENTRY_BYTES,
  type ZipEntry,
  zipEntries,
} from './zip.ts';

/**
 * Inflated bytes per chunk while a large entry is counted. The count allocates nothing else, so the
 * collector seldom runs: 64 KiB chunks piled up as 30–60 MB of dead buffers in the C heap, which then stayed
 * resident through the rest of ingest in most runs (a 200 k-row sheet's peak RSS ~25 MB higher). A chunk
 * above the C library's largest heap allocation (glibc maps anything over 32 MiB on its own) is returned to
 * the system as soon as it is collected, and only the pages zlib writes to are resident.
 */
const LARGE_ENTRY_CHUNK_BYTES = 40 * 1024 * 1024;
/** Entries from this compressed size on are counted in large chunks; smaller ones leave little garbage. */
const LARGE_ENTRY_BYTES = 1024 * 1024;

/** Inflate one entry, counting bytes, and stop as soon as it passes `cap` (sizes in headers can lie). */
async function inflatedSize(path: string, entry: ZipEntry, cap: number): Promise<number> {
  if (entry.method === 0) return entry.compressed;
  // a small part in memory is inflated at once; one beyond `cap` is streamed, to stop where it always did
  const whole = entryBytes(entry, Math.min(cap, WHOLE_ENTRY_BYTES));
  if (whole) return whole.length;
  const large = entry.compressed >= LARGE_ENTRY_BYTES;
  const inflate = await entryStream(path, entry, large ? LARGE_ENTRY_CHUNK_BYTES : undefined);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) break;
    }
  } catch {
    throw rejectWorkbook(`bagian ${entry.name} rusak atau terpotong.`);
  } finally {
    inflate.destroy();
  }
  return total;
}

/**
 * Check an XLSX package before a parser sees it: a sound zip, a bounded number of entries, and bounded
 * inflated sizes (all entries together, and the shared-string table, which the reader keeps in memory),
 * measured by inflating rather than trusting the sizes the package declares. Returns the entries.
 */
export async function guardZip(path: string, size: number): Promise<ZipEntry[]> {
  let budget: number = LIMITS.maxInflatedBytes;
  const entries = await zipEntries(path, size);
  for (const entry of entries) {
    const shared = /sharedStrings\.xml$/i.test(entry.name);
    const cap = shared ? Math.min(budget, LIMITS.maxSharedStringsBytes) : budget;
    const inflated = await inflatedSize(path, entry, cap);
    if (shared && inflated > LIMITS.maxSharedStringsBytes)
      throw rejectWorkbook(
        `tabel teks bersama (shared strings) melebihi ${sizeText(LIMITS.maxSharedStringsBytes)} setelah dibuka. Simpan ulang sebagai CSV.`,
      );
    budget -= inflated;
    if (budget < 0)
      throw rejectWorkbook(
        `isi berkas melebihi ${sizeText(LIMITS.maxInflatedBytes)} setelah dibuka (kemungkinan bom zip). Periksa berkas atau simpan ulang sebagai CSV.`,
      );
  }
  return entries;
}
