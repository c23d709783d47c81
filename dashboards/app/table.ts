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
}

export interface TableOptions<T> {
  columns: Column<T>[];
  /** Extra attributes of each `<tr>` (e.g. `data-code`). */
  rowAttrs?: (row: T) => Html;
  /** Text shown when no row passes the filters. */
  empty: string;
  label: string;
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
      html`<p class="table-count">${count(rows.length)} baris</p>
        <div class="table-scroll"><table aria-label="${label}">
          <thead><tr>${columns.map((c, i) => this.header(c, i))}</tr></thead><tbody>${body}</tbody>
        </table></div>`,
    );
  }
}
