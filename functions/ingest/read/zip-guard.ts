import { LIMITS, sizeText } from '../limits.ts';
import {
  entryBytes,
  entryStream,
  type InflatedTally,
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

/**
 * Inflate one entry, counting bytes, and stop as soon as it passes `cap` (sizes in headers can lie). A part
 * inflated whole is handed to `keep` (the reader may take it instead of inflating it again).
 */
async function inflatedSize(
  path: string,
  entry: ZipEntry,
  cap: number,
  keep: (whole: Buffer) => void,
): Promise<number> {
  if (entry.method === 0) return entry.compressed;
  // a small part in memory is inflated at once; one beyond `cap` is streamed, to stop where it always did
  const whole = entryBytes(entry, Math.min(cap, WHOLE_ENTRY_BYTES));
  if (whole) {
    keep(whole);
    return whole.length;
  }
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
 * Most inflated bytes the guard keeps for the reader, all entries together (parts it inflated whole, each at
 * most WHOLE_ENTRY_BYTES; the rest are inflated again when read).
 */
const KEPT_BYTES = 16 * 1024 * 1024;

const isSharedStrings = (entry: ZipEntry) => /sharedStrings\.xml$/i.test(entry.name);

/**
 * The guard's checks, entry by entry in directory order: the shared-string table within its cap, all
 * entries together within the inflated budget. `size` counts one entry's inflated bytes, stopping past `cap`.
 */
async function check(
  entries: readonly ZipEntry[],
  size: (entry: ZipEntry, cap: number, shared: boolean) => Promise<number>,
): Promise<void> {
  let budget: number = LIMITS.maxInflatedBytes;
  for (const entry of entries) {
    const shared = isSharedStrings(entry);
    const cap = shared ? Math.min(budget, LIMITS.maxSharedStringsBytes) : budget;
    const inflated = await size(entry, cap, shared);
    if (shared && inflated > LIMITS.maxSharedStringsBytes)
      throw rejectWorkbook(
        `tabel teks bersama (shared strings) melebihi ${sizeText(LIMITS.maxSharedStringsBytes)} setelah dibuka. Simpan ulang sebagai CSV.`,
      );
    budget -= inflated;
    if (budget < 0) throw tooLarge();
  }
}

const tooLarge = () =>
  rejectWorkbook(
    `isi berkas melebihi ${sizeText(LIMITS.maxInflatedBytes)} setelah dibuka (kemungkinan bom zip). Periksa berkas atau simpan ulang sebagai CSV.`,
  );

/**
 * Whether an entry's count may wait until a reader inflates it: a large deflated part (a sheet) other than
 * the shared strings (held in memory, so bounded first), in a package whose declared sizes fit the budget
 * and do not lie low (an archive that declares less than it stores is counted before anything is read).
 */
function owedEntries(entries: readonly ZipEntry[]): Set<ZipEntry> {
  const declared = entries.reduce((sum, e) => sum + e.declared, 0);
  if (declared > LIMITS.maxInflatedBytes) return new Set();
  return new Set(
    entries.filter(
      (e) =>
        e.method === 8 &&
        e.compressed >= LARGE_ENTRY_BYTES &&
        e.declared >= e.compressed &&
        !isSharedStrings(e),
    ),
  );
}

/**
 * An XLSX package the guard has checked (see {@link guardZip}), except for the inflated sizes of its large
 * parts, which are counted as the reader inflates them (each sheet inflated once instead of twice) and
 * settled by {@link GuardedZip.settle}: the same checks, in the same order, with the same rejections.
 */
export class GuardedZip {
  /** Inflated sizes counted whole (exact), by entry. */
  private readonly known = new Map<ZipEntry, number>();
  /** Inflated bytes kept on entries for the reader (see {@link KEPT_BYTES}). */
  private kept = 0;

  private constructor(
    private readonly path: string,
    readonly entries: ZipEntry[],
  ) {}

  /**
   * Check the package: a sound zip, a bounded number of entries, the entries counted up front within the
   * budgets. The large parts' counts are owed: each such entry carries a tally (zip.ts) for the reader.
   */
  static async open(path: string, size: number): Promise<GuardedZip> {
    const zip = new GuardedZip(path, await zipEntries(path, size));
    const owed = owedEntries(zip.entries);
    try {
      await check(
        zip.entries.filter((e) => !owed.has(e)),
        (e, cap, shared) => zip.count(e, cap, shared),
      );
    } catch (e) {
      await zip.settle(); // a rejection of the part counted up front may be another one in directory order
      throw e;
    }
    for (const entry of owed) entry.tally = zip.tally(entry);
    return zip;
  }

  /**
   * Finish the checks once reading is over (or has failed): count what the reader did not inflate whole,
   * then throw the rejection the guard gives when it counts every entry before reading, if any.
   */
  async settle(): Promise<void> {
    let total = 0;
    for (const entry of this.entries) total += this.known.get(entry) ?? Number.POSITIVE_INFINITY;
    if (total <= LIMITS.maxInflatedBytes) return;
    await check(this.entries, (e, cap, shared) => this.count(e, cap, shared));
  }

  /** An entry's inflated size as the guard counts it (a known exact size, unless the cap needs a new count). */
  private async count(entry: ZipEntry, cap: number, shared: boolean): Promise<number> {
    const known = this.known.get(entry);
    // past the cap, any size rejects the same way, but for the shared strings (which cap counted it)
    if (known !== undefined && (known <= cap || !shared)) return known;
    const inflated = await inflatedSize(this.path, entry, cap, (whole) => {
      if (entry.inflated || this.kept + whole.length > KEPT_BYTES) return;
      entry.inflated = whole;
      this.kept += whole.length;
    });
    if (inflated <= cap) this.known.set(entry, inflated);
    return inflated;
  }

  /**
   * The tally of an owed entry: its bytes as the reader inflates them, known once read whole. Past what the
   * budget leaves it (the budget less every size known), the reading stops; {@link settle} then rejects.
   */
  private tally(entry: ZipEntry): InflatedTally {
    let total = 0;
    let left = Number.NaN;
    return {
      add: (bytes) => {
        if (Number.isNaN(left)) {
          left = LIMITS.maxInflatedBytes;
          for (const [e, n] of this.known) if (e !== entry) left -= n;
        }
        total += bytes;
        if (total > left) throw tooLarge();
      },
      end: () => this.known.set(entry, total),
    };
  }
}

/**
 * Check an XLSX package before a parser sees it: a sound zip, a bounded number of entries, and bounded
 * inflated sizes (all entries together, and the shared-string table, which the reader keeps in memory),
 * measured by inflating rather than trusting the sizes the package declares. Returns the entries. The
 * workbook reader uses {@link GuardedZip} instead, which counts the large parts as it reads them.
 */
export async function guardZip(path: string, size: number): Promise<ZipEntry[]> {
  const zip = await GuardedZip.open(path, size);
  await zip.settle();
  return zip.entries.map(({ tally: _, inflated: __, ...entry }) => entry);
}
