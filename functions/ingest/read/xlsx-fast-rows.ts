import { needsQuotes } from '#core/contract/csv.ts';
import { AMP, APOSTROPHE, CR, EQUALS, GT, LF, LT, QUOTE, SLASH, SPACE } from './bytes.ts';
import type { SheetRow } from './workbook.ts';
import type { WorkbookParts } from './workbook-parts.ts';
import { cellText, foundInteger, MAX_COLUMNS, nameEnds, plainInteger } from './xlsx-cells.ts';
import type { InPlaceReader } from './xml-cutter.ts';
import { utf8Of } from './xml-scan.ts';

/** Cell types: none or `n`, `str`, `s`, anything else. */
const NUMBER = 0;
const STR = 1;
const SHARED = 2;
const OTHER = 3;

/** What a byte of a value is to the scan: text, the end tag's `<`, `&`, beyond ASCII, or CSV-quoted. */
const TEXT = 0;
const END = 1;
const ENTITY = 2;
const WIDE = 3;
const QUOTED = 4;
const BYTE_KINDS = new Uint8Array(256).fill(WIDE, 0x80);
BYTE_KINDS[LT] = END;
BYTE_KINDS[AMP] = ENTITY;
// the bytes that make a CSV field quoted (see needsQuotes): double quote, comma, CR, LF
for (const c of [QUOTE, 0x2c, CR, LF]) BYTE_KINDS[c] = QUOTED;

/** Whether `bytes` hold `tag` (ASCII) at `at`. */
function has(bytes: Uint8Array, at: number, tag: string): boolean {
  if (at + tag.length > bytes.length) return false;
  for (let i = 0; i < tag.length; i++) if (bytes[at + i] !== tag.charCodeAt(i)) return false;
  return true;
}

/**
 * The fast path of the sheet row source, for parts without a namespace prefix (what Excel, LibreOffice and
 * most libraries write). Reads a `<row>` where it lies in the chunk text, without cutting it out, when its
 * cells have the plain form: `<c r="B7" t="str" s="1">`, double-quoted attributes, then nothing (`/>`), an
 * optional `<f>` without markup inside, and `<v>value</v></c>` or `</c>`, cells separated by spaces or line
 * breaks at most. Anything else, an unfinished row, or a value that does not convert leaves the row to the
 * general path (xlsx-rows.ts), which gives the same cells: both convert values with {@link cellText}.
 */
export class FastRowReader implements InPlaceReader<SheetRow> {
  end = -1;
  /** Where the cell being read ends (set by `cell`). */
  private next = -1;
  private type = NUMBER;
  private typeAt = -1;
  private typeEnd = -1;
  private style = 0;
  /** Where the value of the cell being read lies (`valueAt` -1: none); whether it has `&` or non-ASCII. */
  private valueAt = -1;
  private valueEnd = -1;
  private ampersand = false;
  private wide = false;
  /** Whether the value's raw bytes hold one that makes a CSV field quoted; whether a cell of the row does. */
  private quotedBytes = false;
  private quoted = false;
  /** Per shared string: 0 not yet known, 1 needs no quotes in a CSV record, 2 needs them. */
  private readonly sharedQuoting: Uint8Array;

  /** Whether the part has no namespace prefix; the bytes of the text being read (one character a byte). */
  private plain = false;
  private bytes: Uint8Array = Buffer.alloc(0);
  /** Reused for the bytes of each chunk (a chunk is ~100 kB). */
  private scratch = Buffer.alloc(0);

  constructor(private readonly parts: WorkbookParts) {
    this.sharedQuoting = new Uint8Array(parts.sharedStrings.length);
  }

  /** Take the text rows are read from next: its bytes are read faster than its characters. */
  begin(text: string, prefix: string): void {
    this.plain = prefix === '';
    if (!this.plain) return;
    if (this.scratch.length < text.length) this.scratch = Buffer.allocUnsafe(Math.max(text.length, 1 << 17));
    this.scratch.write(text, 0, 'latin1');
    this.bytes = this.scratch.subarray(0, text.length);
  }

  /** The row at `start` of the text given to `begin` (its `number` NaN without an `r` attribute), or undefined. */
  read(text: string, start: number): SheetRow | undefined {
    if (!this.plain) return undefined;
    try {
      return this.row(text, this.bytes, start);
    } catch {
      return undefined;
    }
  }

  private row(text: string, b: Uint8Array, start: number): SheetRow | undefined {
    const n = b.length;
    let gt = start + 4;
    while (gt < n && b[gt] !== GT && b[gt] !== LT) gt++;
    if (gt >= n || b[gt] !== GT) return undefined;
    const number = rowNumber(b, start + 4, gt);
    const cells: string[] = [];
    this.quoted = false;
    let p = gt + 1;
    if (b[gt - 1] !== SLASH)
      for (;;) {
        while (p < n && (b[p] === SPACE || b[p] === 0x0a || b[p] === 0x0d)) p++;
        if (p + 6 > n || b[p] !== LT) return undefined;
        if (b[p + 1] === SLASH) {
          if (!has(b, p, '</row>')) return undefined;
          p += 6;
          break;
        }
        if (b[p + 1] !== 0x63 || !nameEnds(b[p + 2]!)) return undefined;
        const col = this.cell(text, b, p + 2, cells.length);
        if (col < 0) return undefined;
        if (col < MAX_COLUMNS) {
          const value = this.value(text);
          if (value === undefined) return undefined;
          while (cells.length < col) cells.push('');
          cells[col] = value;
        }
        p = this.next;
      }
    this.end = p;
    return { number, cells, plain: !this.quoted };
  }

  /**
   * Read the start tag, formula and extent of the cell whose attributes start at `from` (`filled` cells so
   * far): its column (-1 when not of the plain form); `next` is set past the cell, `valueAt`/`valueEnd`
   * around its value (`valueAt` -1: none), and its type and style.
   */
  private cell(text: string, b: Uint8Array, from: number, filled: number): number {
    const n = b.length;
    let p = from;
    let col = filled;
    let styleAt = -1;
    let styleEnd = -1;
    this.typeAt = -1;
    // the usual first attribute, ` r="B7"` (letters, then digits), read without the general scan below
    if (b[p] === SPACE && b[p + 1] === 0x72 && b[p + 2] === EQUALS && b[p + 3] === QUOTE) {
      let q = p + 4;
      let ref = 0;
      for (let v = b[q]!; v >= 65 && v <= 90; v = b[++q]!) ref = ref * 26 + (v - 64);
      const digits = q;
      while (b[q]! >= 0x30 && b[q]! <= 0x39) q++;
      if (digits > p + 4 && q > digits && b[q] === QUOTE) {
        col = ref - 1;
        p = q + 1;
      }
    }
    for (;;) {
      if (p >= n) return -1;
      const c = b[p]!;
      if (c === SPACE) {
        p++;
        continue;
      }
      if (c === GT || c === SLASH) break;
      const name = p;
      // a one-letter name (`r`, `t`, `s`: what nearly every cell has) is known without a scan
      if (b[p + 1] === EQUALS) p++;
      else while (p < n && b[p]! > SPACE && b[p] !== EQUALS && b[p] !== GT) p++;
      if (p + 1 >= n || b[p] !== EQUALS || b[p + 1] !== QUOTE) return -1;
      const at = p + 2;
      p = at;
      if (p - name === 3 && c === 0x72) {
        // the reference: the column its letters make (`AA7` → 26), or the cell's place without letters
        let ref = 0;
        for (let v = b[p]!; v >= 65 && v <= 90 && p < n; v = b[++p]!) ref = ref * 26 + (v - 64);
        col = p > at ? ref - 1 : filled;
      }
      while (p < n && b[p] !== QUOTE && b[p] !== GT && b[p] !== LT) p++;
      if (p >= n || b[p] !== QUOTE) return -1;
      if (at - name === 3) {
        if (c === 0x74) {
          this.typeAt = at;
          this.typeEnd = p;
        } else if (c === 0x73) {
          styleAt = at;
          styleEnd = p;
        }
      }
      p++;
    }
    this.type = this.typeOf(b);
    this.style = styleAt < 0 ? 0 : foundInteger(text, styleAt, styleEnd);
    this.valueAt = -1;
    if (b[p] === SLASH) {
      if (p + 1 >= n || b[p + 1] !== GT) return -1;
      this.next = p + 2;
    } else if (!this.content(b, p + 1)) return -1;
    return col;
  }

  /** Read a cell's content from `at` (after its start tag) to its end tag: whether it has the plain form. */
  private content(b: Uint8Array, at: number): boolean {
    const n = b.length;
    let p = at;
    if (p + 2 < n && b[p] === LT && b[p + 1] === 0x66 && nameEnds(b[p + 2]!)) {
      p = formulaEnd(b, p + 2);
      if (p < 0) return false;
    }
    if (p + 4 > n || b[p] !== LT) return false;
    if (b[p + 1] === SLASH) {
      if (b[p + 2] !== 0x63 || b[p + 3] !== GT) return false;
      this.next = p + 4;
      return true;
    }
    if (b[p + 1] !== 0x76 || b[p + 2] !== GT) return false;
    const from = p + 3;
    let ampersand = false;
    let wide = false;
    let quoted = false;
    for (p = from; p < n; p++) {
      const kind = BYTE_KINDS[b[p]!];
      if (kind === TEXT) continue;
      if (kind === END) break;
      if (kind === ENTITY) ampersand = true;
      else if (kind === WIDE) wide = true;
      else quoted = true;
    }
    // `</v></c>`
    if (
      p + 8 > n ||
      b[p + 1] !== SLASH ||
      b[p + 2] !== 0x76 ||
      b[p + 3] !== GT ||
      b[p + 4] !== LT ||
      b[p + 5] !== SLASH ||
      b[p + 6] !== 0x63 ||
      b[p + 7] !== GT
    )
      return false;
    this.valueAt = from;
    this.valueEnd = p;
    this.ampersand = ampersand;
    this.wide = wide;
    this.quotedBytes = quoted;
    this.next = p + 8;
    return true;
  }

  private typeOf(b: Uint8Array): number {
    const at = this.typeAt;
    if (at < 0) return NUMBER;
    const length = this.typeEnd - at;
    const first = b[at];
    if (length === 1) return first === 0x6e ? NUMBER : first === 0x73 ? SHARED : OTHER;
    return length === 3 && first === 0x73 && b[at + 1] === 0x74 && b[at + 2] === 0x72 ? STR : OTHER;
  }

  /**
   * The text of the cell just read (undefined: an inline string, left to the general path); notes whether
   * it needs quotes in a CSV record.
   */
  private value(text: string): string | undefined {
    const from = this.valueAt;
    const to = this.valueEnd;
    if (from < 0) return '';
    if (this.wide || this.ampersand) {
      const value = this.converted(text);
      if (value !== undefined && !this.quoted) this.quoted = needsQuotes(value);
      return value;
    }
    // ASCII without references: the text is the value's bytes, and a number, date or boolean made of them
    // holds no character a CSV field is quoted for
    this.quoted ||= this.quotedBytes;
    switch (this.type) {
      case NUMBER:
        if (!this.parts.dateStyles[this.style] && plainInteger(text, from, to)) return text.slice(from, to);
        return cellText('n', this.style, text.slice(from, to), this.parts);
      case STR:
        return text.slice(from, to);
      case SHARED:
        return this.shared(text);
      default:
        return this.converted(text);
    }
  }

  /** A shared string (whether it needs quotes noted once per string). */
  private shared(text: string): string {
    const from = this.valueAt;
    const to = this.valueEnd;
    const index = to - from <= 9 ? foundInteger(text, from, to) : Number.NaN;
    if (Number.isNaN(index)) {
      // not all digits: the string cellText finds (`1.0` is 1, an empty value 0), tested as it comes
      const value = cellText('s', this.style, text.slice(from, to), this.parts);
      if (!this.quoted) this.quoted = needsQuotes(value);
      return value;
    }
    const value = this.parts.sharedStrings[index] ?? '';
    if (this.quoted || index >= this.sharedQuoting.length) return value;
    let known = this.sharedQuoting[index];
    if (known === 0) this.sharedQuoting[index] = known = needsQuotes(value) ? 2 : 1;
    this.quoted = known === 2;
    return value;
  }

  /** A value converted by {@link cellText}, decoded first when it has bytes beyond ASCII. */
  private converted(text: string): string | undefined {
    const decode = this.wide ? utf8Of : (bytes: string) => bytes;
    const type = this.typeAt < 0 ? 'n' : decode(text.slice(this.typeAt, this.typeEnd));
    if (type === 'inlineStr') return undefined;
    return cellText(type, this.style, decode(text.slice(this.valueAt, this.valueEnd)), this.parts);
  }
}

/**
 * The row number of a row's start tag (its attributes between `from` and its `>` at `to`): the value of its
 * last `r` attribute as {@link foundInteger} reads it, NaN without one; what `scanAttributes` finds, read from
 * the bytes (a row's attributes are ASCII) without searching the text.
 */
function rowNumber(b: Uint8Array, from: number, to: number): number {
  let r = -1;
  let rEnd = -1;
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c <= SPACE || c === SLASH) {
      i++;
      continue;
    }
    const name = i;
    while (i < to && b[i] !== EQUALS && b[i]! > SPACE) i++;
    const nameLength = i - name;
    while (i < to && b[i] !== EQUALS) i++;
    i++;
    while (i < to && b[i]! <= SPACE) i++;
    const quote = b[i];
    if (quote !== QUOTE && quote !== APOSTROPHE) break;
    let end = i + 1;
    while (end < to && b[end] !== quote) end++;
    if (end >= to) break;
    if (nameLength === 1 && c === 0x72) {
      r = i + 1;
      rEnd = end;
    }
    i = end + 1;
  }
  if (r < 0 || r === rEnd) return Number.NaN;
  let number = 0;
  for (let k = r; k < rEnd; k++) {
    const d = b[k]! - 48;
    if (d < 0 || d > 9) return Number.NaN;
    number = number * 10 + d;
  }
  return number;
}

/** Past a formula (`<f …/>` or `<f …>text</f>`) whose attributes start at `from`, or -1. */
function formulaEnd(b: Uint8Array, from: number): number {
  const n = b.length;
  let p = from;
  while (p < n && b[p] !== GT && b[p] !== LT) p++;
  if (p >= n || b[p] !== GT) return -1;
  if (b[p - 1] === SLASH) return p + 1;
  while (p < n && b[p] !== LT) p++;
  return has(b, p, '</f>') ? p + 4 : -1;
}
