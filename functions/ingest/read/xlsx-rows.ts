import { LIMITS } from '../limits.ts';
import { UnreadableFileError } from './source.ts';
import type { SheetRow, SheetRows } from './workbook.ts';
import { elementsOf, type WorkbookParts, workbookParts } from './workbook-parts.ts';
import { runText, xmlText } from './xml-scan.ts';
import type { ZipEntry } from './zip.ts';

/** Most cells per row kept: one past the limit, so that a too-wide header is reported. */
const MAX_COLUMNS = LIMITS.maxColumns + 1;
const MS_PER_DAY = 86_400_000;

/** An Excel serial date as ISO text (`2026-08-12`, or `2026-08-12 09:15:00` when it has a time). */
export function serialDateText(serial: number, date1904: boolean): string {
  const iso = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY)).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** Where the `r`, `t` and `s` attribute values of the start tag being scanned lie (reused: no allocation). */
const found = { r: -1, rEnd: -1, t: -1, tEnd: -1, s: -1, sEnd: -1 };

/** Find the `r`, `t` and `s` attributes of the start tag between `from` and its `>` at `to`. */
function scanAttributes(xml: string, from: number, to: number): void {
  found.r = found.t = found.s = -1;
  let i = from;
  while (i < to) {
    const c = xml.charCodeAt(i);
    if (c <= 0x20 || c === 0x2f) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && xml.charCodeAt(i) !== 0x3d && xml.charCodeAt(i) > 0x20) i++;
    const nameLength = i - nameStart;
    while (i < to && xml.charCodeAt(i) !== 0x3d) i++;
    i++;
    while (i < to && xml.charCodeAt(i) <= 0x20) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) return;
    const end = xml.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end < 0 || end > to) return;
    if (nameLength === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 0x72) [found.r, found.rEnd] = [i + 1, end];
      else if (name === 0x74) [found.t, found.tEnd] = [i + 1, end];
      else if (name === 0x73) [found.s, found.sEnd] = [i + 1, end];
    }
    i = end + 1;
  }
}

/** Zero-based column of the cell reference found (`C7` → 2), or -1 without one. */
function foundColumn(xml: string): number {
  if (found.r < 0) return -1;
  let col = 0;
  let i = found.r;
  for (; i < found.rEnd; i++) {
    const c = xml.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === found.r ? -1 : col - 1;
}

function foundInteger(xml: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return start < end ? n : Number.NaN;
}

/** A plain integer without leading zeros reads back as itself: no float round trip needed. */
function plainInteger(v: string): boolean {
  if (v.length === 0 || v.length > 15 || (v.length > 1 && v.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < v.length; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** Element names with the part's namespace prefix. */
interface Tags {
  cell: string;
  cellEnd: string;
  value: string;
  valueEnd: string;
  inline: string;
  prefix: string;
}
const tagSets = new Map<string, Tags>();
function tagsOf(prefix: string): Tags {
  let tags = tagSets.get(prefix);
  if (!tags) {
    tags = {
      cell: `<${prefix}c`,
      cellEnd: `</${prefix}c>`,
      value: `<${prefix}v`,
      valueEnd: `</${prefix}v>`,
      inline: `<${prefix}is`,
      prefix,
    };
    tagSets.set(prefix, tags);
  }
  return tags;
}

const nameEnds = (c: number) =>
  c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

/** The text a cell shows from its type, style and stored (or cached formula) value. */
function cellText(type: string, style: number, v: string, parts: WorkbookParts): string {
  switch (type) {
    case 's':
      return parts.sharedStrings[Number(v)] ?? '';
    case 'str':
    case 'e':
    case 'd':
      return xmlText(v);
    case 'b':
      return Number(v) !== 0 ? 'true' : 'false';
    default: {
      if (!parts.dateStyles[style] && plainInteger(v)) return v;
      const n = Number.parseFloat(v);
      if (Number.isNaN(n)) return xmlText(v);
      return parts.dateStyles[style] ? serialDateText(n, parts.date1904) : String(n);
    }
  }
}

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
  const style = found.s < 0 ? 0 : foundInteger(xml, found.s, found.sEnd);
  return cellText(type, style, v, parts);
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

async function* sheetRows(
  path: string,
  entry: ZipEntry,
  parts: WorkbookParts,
  seen: { rows: number },
): AsyncGenerator<SheetRow> {
  let number = 0;
  for await (const batch of elementsOf(path, entry, 'worksheet', 'row')) {
    const tags = tagsOf(batch.prefix);
    for (const xml of batch.elements) {
      const gt = xml.indexOf('>');
      scanAttributes(xml, 1 + tags.prefix.length + 3, gt);
      const r = found.r < 0 ? Number.NaN : foundInteger(xml, found.r, found.rEnd);
      number = Number.isNaN(r) ? number + 1 : r;
      if (++seen.rows > LIMITS.maxSheetRows)
        throw new UnreadableFileError(
          `Buku kerja berisi lebih dari ${LIMITS.maxSheetRows} baris (batas Excel); berkas rusak atau dibuat tidak wajar.`,
        );
      yield { number, cells: rowCells(xml, tags, parts) };
    }
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
