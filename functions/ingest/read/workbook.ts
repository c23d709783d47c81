import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { columnOf, headerScore } from '../headers.ts';
import { HEADER_SEARCH_ROWS, MIN_HEADER_COLUMNS, UnreadableFileError } from './source.ts';

/** One row of a sheet as the officer sees it: its sheet row number and its cells' text. */
export interface SheetRow {
  number: number;
  cells: string[];
  /**
   * True when the reader knows that no cell holds a comma, double quote, CR or LF (its CSV record is the
   * cells joined by commas); otherwise unknown.
   */
  plain?: boolean;
}

/**
 * A sheet's rows, from whatever reads the workbook: streamed in batches (one wait per batch, not per row),
 * each batch read as it is iterated; empty rows may be left out.
 */
export interface SheetRows {
  sheetName: string;
  rows: AsyncIterable<Iterable<SheetRow>>;
}

/** What was found in a workbook: the sheet read, its header, and the rows skipped under the data. */
export interface WorkbookTable {
  sheetName: string;
  /** 0-based position of the sheet in the workbook. */
  sheetIndex: number;
  header: string[];
  skipped: { count: number; rows: number[] };
}

/** First cell of a summary or closing row of a recap: totals, NRR, IKM, grade, place/date, signature. */
const SUMMARY =
  /^(jumlah|total|rata|nrr|ikm|indeks|konversi|mutu|kinerja|nilai (rata|indeks|ikm|per|tertimbang|konversi)|kepala|mengetahui|nip|ttd|dibuat|disahkan)/i;
/** How a place-and-date line (`Bandung, 30 September 2026`) starts; {@link PLACE_DATE} is the whole line. */
const PLACE_DATE_START = /^[\p{L} .'-]+,\s*\d{1,2}\s+\p{L}+\s+\d{4}/u;
const PLACE_DATE = new RegExp(`${PLACE_DATE_START.source}$`, 'u');

/** Whether a cell has text besides blanks (one that starts with a visible ASCII character needs no trim). */
function hasText(cell: string): boolean {
  const c = cell.charCodeAt(0);
  return (c > 0x20 && c < 0x7f) || (cell.length > 0 && cell.trim() !== '');
}
const isEmpty = (cells: readonly string[]) => !cells.some(hasText);
function firstText(cells: readonly string[]): string {
  for (const cell of cells) if (hasText(cell)) return cell.trim();
  return '';
}
/** Whether a row's first text opens or continues a recap's closing block (a place and date has a comma). */
const summaryText = (text: string) => SUMMARY.test(text) || (text.includes(',') && PLACE_DATE.test(text));

/** Whether a row opens or continues a recap's closing block: totals, NRR, IKM, grade, place/date, signature. */
export function isSummaryRow(cells: readonly string[]): boolean {
  return summaryText(firstText(cells));
}

/** Whether text that starts with a row's first text may be a summary row (a prefix test: false rules it out). */
export function mayStartSummaryRow(start: string): boolean {
  return SUMMARY.test(start) || PLACE_DATE_START.test(start);
}

/**
 * A header over two rows (recap workbooks: "Nilai Unsur Pelayanan" merged over U1…U9, other headings merged
 * downwards), assembled without merge information: per column the lower cell when it has one, else the
 * upper; a lower cell that names nothing alone is tried with the upper heading carried right over it.
 */
export function assembleHeader(
  ds: Dataset<Record<string, Column>>,
  upper: readonly string[],
  lower: readonly string[],
): string[] {
  const out: string[] = [];
  let carry = '';
  for (let j = 0; j < Math.max(upper.length, lower.length); j++) {
    const up = upper[j]?.trim() ?? '';
    const low = lower[j]?.trim() ?? '';
    if (up !== '') carry = up;
    if (low === '') {
      carry = up === '' ? '' : carry;
      out.push(up);
      continue;
    }
    const joined = carry === '' ? low : `${carry} ${low}`;
    out.push(columnOf(ds, low) || !columnOf(ds, joined) ? low : joined);
  }
  return out;
}

/** How many rows the best header among `rows` spans (2: a recap's merged header), or 0 without one. */
export function headerRowCount(ds: Dataset<Record<string, Column>>, rows: readonly SheetRow[]): number {
  const filled = rows.filter((r) => !isEmpty(r.cells));
  return findHeader(ds, filled)?.rows ?? 0;
}

/** The best header among the first rows: one row, or two adjacent rows assembled; null when none. */
function findHeader(ds: Dataset<Record<string, Column>>, rows: readonly SheetRow[]) {
  let best: { at: number; header: string[]; score: number; rows: number } | null = null;
  rows.forEach((row, i) => {
    const candidates = [{ header: row.cells, rows: 1 }];
    const next = rows[i + 1];
    if (next && next.number === row.number + 1)
      candidates.push({ header: assembleHeader(ds, row.cells, next.cells), rows: 2 });
    for (const c of candidates) {
      const score = headerScore(ds, c.header);
      if (score >= MIN_HEADER_COLUMNS && (!best || score > best.score)) best = { at: i, ...c, score };
    }
  });
  return best as { at: number; header: string[]; score: number; rows: number } | null;
}

/** Sorts the rows under the header: data, or the summary/closing block of a recap (skipped, counted). */
class Trailer {
  private active = false;
  private empties: number[] = [];
  readonly skipped: number[] = [];
  constructor(private readonly mapped: number[]) {}

  /** Whether the row is data; otherwise it is counted as skipped (or, if empty, held until it is known). */
  isData(row: SheetRow): boolean {
    const text = firstText(row.cells);
    let filled = 0;
    for (const j of this.mapped) if (j < row.cells.length && hasText(row.cells[j]!)) filled++;
    if (filled === 0 && !SUMMARY.test(text)) {
      if (this.active) this.empties.push(row.number);
      return false;
    }
    const summary = summaryText(text);
    if (!summary && (!this.active || filled * 2 >= this.mapped.length)) return true;
    this.active = true;
    this.skipped.push(...this.empties, row.number);
    this.empties = [];
    return false;
  }
}

/**
 * Read the first sheet whose header is recognisable (an instructions sheet before the data is normal),
 * hand each data row to `emit` with its sheet row number, and skip the summary and signature rows of a
 * recap workbook. Throws {@link UnreadableFileError} when no sheet has a recognisable header.
 */
export async function readWorkbook(
  sheets: AsyncIterable<SheetRows> | Iterable<SheetRows>,
  ds: Dataset<Record<string, Column>>,
  emit: (row: SheetRow) => Promise<void> | undefined,
): Promise<WorkbookTable> {
  const seen: string[] = [];
  for await (const sheet of sheets) {
    seen.push(sheet.sheetName);
    const pending: SheetRow[] = [];
    let table: { header: string[]; trailer: Trailer } | undefined;
    rows: for await (const batch of sheet.rows)
      for (const row of batch) {
        if (table) {
          if (table.trailer.isData(row)) {
            const written = emit(row);
            if (written) await written;
          }
          continue;
        }
        if (isEmpty(row.cells)) continue;
        pending.push(row);
        if (pending.length >= HEADER_SEARCH_ROWS) {
          table = await start(ds, pending, emit);
          if (!table) break rows;
        }
      }
    table ??= await start(ds, pending, emit);
    if (table) {
      const rows = table.trailer.skipped;
      return {
        sheetName: sheet.sheetName,
        sheetIndex: seen.length - 1,
        header: table.header,
        skipped: { count: rows.length, rows },
      };
    }
  }
  throw new UnreadableFileError(
    `Baris judul kolom tidak ditemukan pada ${HEADER_SEARCH_ROWS} baris pertama lembar mana pun (${seen.map((s) => `"${s}"`).join(', ') || 'tidak ada lembar'}): nama kolom tidak dikenali.`,
  );
}

/** Choose the header among the buffered rows and emit the data rows after it; undefined when none. */
async function start(
  ds: Dataset<Record<string, Column>>,
  pending: SheetRow[],
  emit: (row: SheetRow) => Promise<void> | undefined,
): Promise<{ header: string[]; trailer: Trailer } | undefined> {
  const found = findHeader(ds, pending);
  if (!found) return undefined;
  const mapped = found.header.flatMap((h, j) => (columnOf(ds, h) ? [j] : []));
  const trailer = new Trailer(mapped);
  for (const row of pending.slice(found.at + found.rows)) if (trailer.isData(row)) await emit(row);
  return { header: found.header, trailer };
}
