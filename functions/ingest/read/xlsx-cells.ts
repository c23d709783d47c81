import { LIMITS } from '../limits.ts';
import { APOSTROPHE, CR, EQUALS, GT, LF, QUOTE, SLASH, SPACE } from './bytes.ts';
import type { WorkbookParts } from './workbook-parts.ts';
import { xmlText } from './xml-scan.ts';

/** Most cells per row kept: one past the limit, so that a too-wide header is reported. */
export const MAX_COLUMNS = LIMITS.maxColumns + 1;

/** Where the `r`, `t` and `s` attribute values of the start tag being scanned lie (reused: no allocation). */
export const found = { r: -1, rEnd: -1, t: -1, tEnd: -1, s: -1, sEnd: -1 };

/** Find the `r`, `t` and `s` attributes of the start tag between `from` and its `>` at `to`. */
export function scanAttributes(xml: string, from: number, to: number): void {
  found.r = found.t = found.s = -1;
  let i = from;
  while (i < to) {
    const c = xml.charCodeAt(i);
    if (c <= SPACE || c === SLASH) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && xml.charCodeAt(i) !== EQUALS && xml.charCodeAt(i) > SPACE) i++;
    const nameLength = i - nameStart;
    while (i < to && xml.charCodeAt(i) !== EQUALS) i++;
    i++;
    while (i < to && xml.charCodeAt(i) <= SPACE) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== QUOTE && quote !== APOSTROPHE) return;
    const end = xml.indexOf(quote === QUOTE ? '"' : "'", i + 1);
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
export function foundColumn(xml: string): number {
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

/** The decimal digits between `start` and `end` as a number; NaN when empty or not all digits. */
export function foundInteger(xml: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return start < end ? n : Number.NaN;
}

/**
 * Whether the text between `start` and `end` is a plain integer without leading zeros (at most 15 digits):
 * it reads back as itself, no float round trip needed.
 */
export function plainInteger(v: string, start = 0, end = v.length): boolean {
  const length = end - start;
  if (length <= 0 || length > 15 || (length > 1 && v.charCodeAt(start) === 0x30)) return false;
  for (let i = start; i < end; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** The style index found (0 without an `s` attribute; NaN when it is not a number). */
export const foundStyle = (xml: string) => (found.s < 0 ? 0 : foundInteger(xml, found.s, found.sEnd));

/** Element names with the part's namespace prefix. */
export interface Tags {
  prefix: string;
  /** `<c`, `</c>`, `<v`, `</v>`, `<is` (with the prefix). */
  cell: string;
  cellEnd: string;
  value: string;
  valueEnd: string;
  inline: string;
}
const tagSets = new Map<string, Tags>();

/** The tag names of a part whose root has namespace prefix `prefix` (`x:` or ''). */
export function tagsOf(prefix: string): Tags {
  let tags = tagSets.get(prefix);
  if (!tags) {
    tags = {
      prefix,
      cell: `<${prefix}c`,
      cellEnd: `</${prefix}c>`,
      value: `<${prefix}v`,
      valueEnd: `</${prefix}v>`,
      inline: `<${prefix}is`,
    };
    tagSets.set(prefix, tags);
  }
  return tags;
}

/** Whether a character ends an element name (a space, tab, line break, `>` or `/`). */
export const nameEnds = (c: number) =>
  c === SPACE || c === GT || c === SLASH || c === 0x09 || c === LF || c === CR;

/** The text a cell shows from its type, style and stored (or cached formula) value. */
export function cellText(type: string, style: number, v: string, parts: WorkbookParts): string {
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

const MS_PER_DAY = 86_400_000;
/** Days from 0000-01-01 to 9999-12-31 (in ms since 1970): there ISO text is `YYYY-MM-DD…`. */
const FOUR_DIGIT_YEARS = [-62_167_219_200_000, 253_402_300_800_000] as const;
/** ISO dates by day number since 1970, as computed (bounded: cleared when full). */
const dayTexts = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An Excel serial date as ISO text (`2026-08-12`, or `2026-08-12 09:15:00` when it has a time). */
export function serialDateText(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY);
  if (!(ms >= FOUR_DIGIT_YEARS[0] && ms < FOUR_DIGIT_YEARS[1])) {
    const iso = new Date(ms).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  const day = Math.floor(ms / MS_PER_DAY);
  let date = dayTexts.get(day);
  if (date === undefined) {
    if (dayTexts.size >= 4096) dayTexts.clear();
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dayTexts.set(day, date);
  }
  const seconds = Math.floor((ms - day * MS_PER_DAY) / 1000);
  if (ms === day * MS_PER_DAY) return date;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  return `${date} ${pad2(hh)}:${pad2(mm)}:${pad2(seconds % 60)}`;
}
