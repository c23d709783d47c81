import { type Html, html } from './html.ts';

/** One CSV column: its header and the plain value of a row (numbers unformatted). */
export type CsvColumn<T> = readonly [
  header: string,
  value: (row: T) => string | number | boolean | null | undefined,
];

/** Text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers. */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV (comma, CRLF, header row) of `rows`. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map(([h]) => cell(h)), ...rows.map((r) => columns.map(([, v]) => cell(v(r))))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** Save text as a file from the page (a Blob URL: works offline and from `file://`). */
export function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A download button; `bindDownload` gives it its rows at click time. */
export const downloadButton = (name: string): Html =>
  html`<button type="button" class="download" data-download="${name}">Unduh CSV</button>`;

/** Make every `[data-download=name]` button under `root` save `csv()` as `name`. */
export function bindDownload(root: Element, name: string, csv: () => string): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>(`button[data-download="${name}"]`))
    b.addEventListener('click', () => saveFile(name, csv()));
}
