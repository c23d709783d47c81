import { type CsvColumn, downloadButton, saveFile, toCsv } from './csv.ts';
import { count } from './format.ts';
import { type Html, html, mount } from './html.ts';

/** One column of a data table. */
export interface Column<T> {
  label: string;
  cell: (row: T) => Html | string;
  /** Sort key; a column without one is not sortable. Missing values always sort last. */
  sort?: (row: T) => number | string | null;
  numeric?: boolean;
  /** Keep the cell on one line (codes, ids). */
  nowrap?: boolean;
  /** Plain value in the CSV download. @default the sort key, else the cell when it is text */
  csv?: (row: T) => string | number | boolean | null;
}

export interface TableOptions<T> {
  columns: Column<T>[];
  /** Extra attributes of each `<tr>` (e.g. `data-code`). */
  rowAttrs?: (row: T) => Html;
  /** Text shown when no row passes the filters. */
  empty: string;
  label: string;
  /** File name of the "Unduh CSV" button (the rows shown, in the order shown); no button without it. */
  file?: string;
}

const cellClass = (c: Column<never>): string =>
  [c.numeric ? 'num' : '', c.nowrap ? 'nowrap' : ''].join(' ').trim();

/** A sortable table: `show(rows)` after each filter change; header buttons sort (again: reverse). */
export class Table<T> {
  private rows: T[] = [];
  private sortBy = -1;
  private direction = 1;

  constructor(
    private readonly host: Element,
    private readonly options: TableOptions<T>,
  ) {
    host.addEventListener('click', (event) => {
      if ((event.target as Element).closest('button[data-download]') && options.file)
        saveFile(options.file, this.csv());
      const button = (event.target as Element).closest<HTMLElement>('button[data-sort]');
      if (!button) return;
      const index = Number(button.dataset.sort);
      this.direction = index === this.sortBy ? -this.direction : 1;
      this.sortBy = index;
      this.render();
    });
  }

  show(rows: T[]): void {
    this.rows = rows;
    this.render();
  }

  /** The rows shown, as CSV: one column per table column, plain values. */
  csv(): string {
    const columns: CsvColumn<T>[] = this.options.columns.map((c) => [
      c.label,
      (r: T) => {
        if (c.csv) return c.csv(r);
        if (c.sort) return c.sort(r);
        const v = c.cell(r);
        return typeof v === 'string' ? v : null;
      },
    ]);
    return toCsv(columns, this.sorted());
  }

  private sorted(): T[] {
    const key = this.options.columns[this.sortBy]?.sort;
    if (!key) return this.rows;
    const dir = this.direction;
    return [...this.rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (
        (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'id')) *
        dir
      );
    });
  }

  private header(c: Column<T>, i: number): Html {
    const state = i === this.sortBy ? (this.direction > 0 ? 'ascending' : 'descending') : 'none';
    const inner = c.sort ? html`<button type="button" data-sort="${i}">${c.label}</button>` : c.label;
    return html`<th scope="col" class="${cellClass(c)}" aria-sort="${state}">${inner}</th>`;
  }

  private render(): void {
    const { columns, rowAttrs, empty, label } = this.options;
    const rows = this.sorted();
    const body = rows.length
      ? rows.map(
          (r) =>
            html`<tr ${rowAttrs?.(r) ?? ''}>${columns.map((c) => html`<td class="${cellClass(c)}">${c.cell(r)}</td>`)}</tr>`,
        )
      : html`<tr><td class="empty" colspan="${columns.length}">${empty}</td></tr>`;
    mount(
      this.host,
      html`<p class="table-count">${count(rows.length)} baris ${this.options.file ? downloadButton(this.options.file) : ''}</p>
        <div class="table-scroll"><table aria-label="${label}">
          <thead><tr>${columns.map((c, i) => this.header(c, i))}</tr></thead><tbody>${body}</tbody>
        </table></div>`,
    );
  }
}
