import { type Html, html } from './html.ts';

/** The name search box every list has. */
export const searchBox = (): Html =>
  html`<input type="search" data-filter="q" placeholder="Cari nama wilayah…" aria-label="Cari nama wilayah">`;

/** A select filter whose first option (value `""`) means "all". */
export const selectFilter = (name: string, all: string, options: [value: string, label: string][]): Html =>
  html`<select data-filter="${name}" aria-label="${all}"><option value="">${all}</option>${options.map(
    ([value, text]) => html`<option value="${value}">${text}</option>`,
  )}</select>`;

/** Current filter values: `get` (checkbox: `"on"` or `""`), and the name search as a predicate. */
export interface Filters {
  get(name: string): string;
  nameMatches(name: string): boolean;
}

/** Wire the `[data-filter]` controls under `root`: `apply` runs now and after every change. */
export function bindFilters(root: Element, apply: (filters: Filters) => void): void {
  const get = (name: string) => {
    const el = root.querySelector<HTMLInputElement>(`[data-filter="${name}"]`);
    if (!el) return '';
    return el.type === 'checkbox' ? (el.checked ? 'on' : '') : el.value;
  };
  const run = () => {
    const q = get('q').trim().toLocaleLowerCase('id');
    apply({ get, nameMatches: (name) => !q || name.toLocaleLowerCase('id').includes(q) });
  };
  for (const el of root.querySelectorAll('[data-filter]')) el.addEventListener('input', run);
  run();
}
