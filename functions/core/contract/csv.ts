/** How CSV text is written: the delimiter and the line ending. @default `,` and `\n` */
export interface CsvStyle {
  delimiter?: string;
  eol?: '\n' | '\r\n';
}

/** A cell's text: empty for null/undefined, JSON for objects, else `String(v)`. */
const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** What makes a field quoted: a double quote, CR, LF or the delimiter (one pattern per delimiter, kept). */
const quotings = new Map<string, RegExp>();
function quoting(delimiter: string): RegExp {
  let re = quotings.get(delimiter);
  if (!re) {
    re = new RegExp(`["\\r\\n]${delimiter ? `|${delimiter.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')}` : ''}`);
    quotings.set(delimiter, re);
  }
  return re;
}

/**
 * CSV lines (RFC 4180), the project's one CSV writer: a field is quoted when it holds the delimiter, a
 * double quote, CR or LF; quotes inside are doubled. Each line ends with the line ending. Byte for byte
 * what `csv-stringify` writes with these options (test/core/contract.test.ts checks it), without its
 * per-field cost.
 */
export function csvLines(rows: readonly (readonly unknown[])[], style: CsvStyle = {}): string {
  const delimiter = style.delimiter ?? ',';
  const eol = style.eol ?? '\n';
  const quote = quoting(delimiter);
  let out = '';
  for (const row of rows) out += record(row, delimiter, quote) + eol;
  return out;
}

/** One record's fields, delimited; text fields none of which needs quotes (the usual record) joined as they are. */
function record(row: readonly unknown[], delimiter: string, quote: RegExp): string {
  let plain = true;
  for (let i = 0; i < row.length && plain; i++) {
    const v = row[i];
    plain = typeof v === 'string' && !quote.test(v);
  }
  if (plain) return row.join(delimiter);
  let out = '';
  for (let i = 0; i < row.length; i++) {
    const v = text(row[i]);
    if (i > 0) out += delimiter;
    out += quote.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  }
  return out;
}

/** Whether a text field is quoted in a CSV record (see {@link csvLines}). */
export const needsQuotes = (field: string, delimiter = ',') => quoting(delimiter).test(field);

/** One CSV record without its line ending, as {@link csvLines} writes it. */
export const csvRecord = (values: readonly unknown[], delimiter = ',') =>
  record(values, delimiter, quoting(delimiter));

/** One CSV line, as {@link csvLines} writes it. */
export const csvLine = (values: readonly unknown[], style: CsvStyle = {}) => csvLines([values], style);

/** One CSV field, quoted as {@link csvLine} would (no line ending). */
export function csvField(value: unknown, style: CsvStyle = {}): string {
  return csvLine([value], style).slice(0, -(style.eol ?? '\n').length);
}
