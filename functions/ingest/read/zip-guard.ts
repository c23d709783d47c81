import { LIMITS, sizeText } from '../limits.ts';
import { entryStream, rejectWorkbook, type ZipEntry, zipEntries } from './zip.ts';

/** Inflate one entry, counting bytes, and stop as soon as it passes `cap` (sizes in headers can lie). */
async function inflatedSize(path: string, entry: ZipEntry, cap: number): Promise<number> {
  if (entry.method === 0) return entry.compressed;
  const inflate = await entryStream(path, entry);
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
