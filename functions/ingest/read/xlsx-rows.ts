import { LIMITS } from '../limits.ts';
import { UnreadableFileError } from './source.ts';
import type { SheetRow, SheetRows } from './workbook.ts';
import { elementsOf, type WorkbookParts, workbookParts } from './workbook-parts.ts';
import {
  cellText,
  found,
  foundColumn,
  foundInteger,
  foundStyle,
  MAX_COLUMNS,
  nameEnds,
  scanAttributes,
  type Tags,
  tagsOf,
} from './xlsx-cells.ts';
import { FastRowReader } from './xlsx-fast-rows.ts';
import { runText } from './xml-scan.ts';
import type { ZipEntry } from './zip.ts';

/** The stored value between a cell's start tag end `from` and its end tag at `to`, or undefined. */
function storedValue(xml: string, from: number, to: number, tags: Tags): string | undefined {
  let at = xml.indexOf(tags.value, from);
  while (at >= 0 && at < to && !nameEnds(xml.charCodeAt(at + tags.value.length)))
    at = xml.indexOf(tags.value, at + 1);
  if (at < 0 || at >= to) return undefined;
  const gt = xml.indexOf('>', at);
  if (xml.charCodeAt(gt - 1) === 0x2f) return '';
  const end = xml.indexOf(tags.valueEnd, gt);
  return end < 0 || end > to ? undefined : xml.slice(gt + 1, end);
}

/** One cell's text, the cell's start tag spanning `at`…`gt`. */
function cellAt(xml: string, gt: number, end: number, tags: Tags, parts: WorkbookParts): string {
  const type = found.t < 0 ? 'n' : xml.slice(found.t, found.tEnd);
  if (type === 'inlineStr') {
    const is = xml.indexOf(tags.inline, gt);
    return is < 0 || is > end ? '' : runText(xml.slice(is, end), tags.prefix);
  }
  const v = storedValue(xml, gt, end, tags);
  if (v === undefined) return '';
  return cellText(type, foundStyle(xml), v, parts);
}

/** The cells of one `<row>` element, by column, gaps as empty text. */
function rowCells(xml: string, tags: Tags, parts: WorkbookParts): string[] {
  const cells: string[] = [];
  let pos = xml.indexOf('>') + 1;
  for (;;) {
    let at = xml.indexOf(tags.cell, pos);
    while (at >= 0 && !nameEnds(xml.charCodeAt(at + tags.cell.length))) at = xml.indexOf(tags.cell, at + 1);
    if (at < 0) break;
    const gt = xml.indexOf('>', at);
    if (gt < 0) break;
    scanAttributes(xml, at + tags.cell.length, gt);
    const closed = xml.charCodeAt(gt - 1) === 0x2f;
    const end = closed ? gt : xml.indexOf(tags.cellEnd, gt);
    if (end < 0) break;
    pos = closed ? gt + 1 : end + tags.cellEnd.length;
    const ref = foundColumn(xml);
    const col = ref < 0 ? cells.length : ref;
    if (col >= MAX_COLUMNS) continue;
    const text = closed ? '' : cellAt(xml, gt, end, tags, parts);
    while (cells.length < col) cells.push('');
    cells[col] = text;
  }
  return cells;
}

/** A row the fast path left, read from its text (`number` NaN without an `r` attribute): the general path. */
export function generalRow(xml: string, tags: Tags, parts: WorkbookParts): SheetRow {
  scanAttributes(xml, 1 + tags.prefix.length + 3, xml.indexOf('>'));
  const number = found.r < 0 ? Number.NaN : foundInteger(xml, found.r, found.rEnd);
  return { number, cells: rowCells(xml, tags, parts) };
}

/** A sheet's rows in batches (one per chunk of the part), each row numbered as it is iterated. */
async function* sheetRows(
  path: string,
  entry: ZipEntry,
  parts: WorkbookParts,
  seen: { rows: number },
): AsyncGenerator<Iterable<SheetRow>> {
  const at = { number: 0 };
  for await (const batch of elementsOf(path, entry, 'worksheet', 'row', new FastRowReader(parts)))
    yield numbered(batch.elements, tagsOf(batch.prefix), parts, seen, at);
}

/** The rows of a batch: those the fast path read, the others read now; numbered, the sheet limit kept. */
function* numbered(
  elements: (string | SheetRow)[],
  tags: Tags,
  parts: WorkbookParts,
  seen: { rows: number },
  at: { number: number },
): Generator<SheetRow> {
  for (const element of elements) {
    if (++seen.rows > LIMITS.maxSheetRows)
      throw new UnreadableFileError(
        `Buku kerja berisi lebih dari ${LIMITS.maxSheetRows} baris (batas Excel); berkas rusak atau dibuat tidak wajar.`,
      );
    const row = typeof element === 'string' ? generalRow(element, tags, parts) : element;
    at.number = Number.isNaN(row.number) ? at.number + 1 : row.number;
    row.number = at.number;
    yield row;
  }
}

/**
 * Every sheet of an XLSX package in workbook order, each row streamed from the sheet XML: shared strings
 * resolved, formulas by their cached values, date-formatted numbers as ISO text. Memory holds the shared
 * strings (bounded by the zip guard) and one row at a time.
 */
export async function* workbookSheets(path: string, entries: ZipEntry[]): AsyncGenerator<SheetRows> {
  const parts = await workbookParts(path, entries);
  const seen = { rows: 0 };
  for (const sheet of parts.sheets)
    yield { sheetName: sheet.name, rows: sheetRows(path, sheet.entry, parts, seen) };
}
