import { stringify } from 'csv-stringify/sync';

/** How CSV text is written: the delimiter and the line ending. @default `,` and `\n` */
export interface CsvStyle {
  delimiter?: string;
  eol?: '\n' | '\r\n';
}

/** A cell's text: empty for null/undefined, JSON for objects, else `String(v)`. */
const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * CSV lines (RFC 4180) through `csv-stringify`, the project's one CSV writer: a field is quoted when it
 * holds the delimiter, a double quote, CR or LF; quotes inside are doubled. Each line ends with the line
 * ending. Many rows per call is much faster than one call per row.
 */
export function csvLines(rows: readonly (readonly unknown[])[], style: CsvStyle = {}): string {
  return stringify(
    rows.map((r) => r.map(text)),
    { delimiter: style.delimiter ?? ',', record_delimiter: style.eol ?? '\n', quoted_match: /[\r\n]/ },
  );
}

/** One CSV line, as {@link csvLines} writes it. */
export const csvLine = (values: readonly unknown[], style: CsvStyle = {}) => csvLines([values], style);

/** One CSV field, quoted as {@link csvLine} would (no line ending). */
export function csvField(value: unknown, style: CsvStyle = {}): string {
  return csvLine([value], style).slice(0, -(style.eol ?? '\n').length);
}
