import type { UnitList } from '#dashboard/model.ts';
import { data, regionName } from './data.ts';
import { count, fmt } from './format.ts';
import { html, mount } from './html.ts';
import { type Column, Table } from './table.ts';

type UnitRow = UnitList['rows'][number];

const columns: Column<UnitRow>[] = [
  { label: 'Kode unit', nowrap: true, sort: (u) => u[0], cell: (u) => u[0] },
  { label: 'Unit layanan', sort: (u) => u[1], cell: (u) => u[1] },
  { label: 'Responden', numeric: true, sort: (u) => u[2], cell: (u) => count(u[2]) },
  { label: 'IKM (25–100)', numeric: true, sort: (u) => u[3], cell: (u) => fmt(u[3]) },
  {
    label: 'Mutu',
    sort: (u) => u[4],
    cell: (u) => html`<span class="mutu mutu-${u[4] ?? 'x'}">${u[4] ?? '—'}</span>`,
  },
];

/** What the unit list shows of a region's units, and the grade spread over all of them. */
function note(list: UnitList | undefined): string {
  if (!list) return 'Belum ada data IKM unit untuk wilayah ini.';
  const grades = Object.entries(list.mutu)
    .sort()
    .map(([m, n]) => `${m}: ${count(n)}`)
    .join(', ');
  return `Menampilkan ${count(list.rows.length)} dari ${count(list.total)} unit, IKM terendah lebih dahulu. Sebaran mutu seluruh unit: ${grades || '—'}.`;
}

/** A region's units: IKM, respondents and grade, with a CSV download. */
export function unitTable(host: Element, code: string): void {
  mount(host, html`<p class="muted" data-unit-note></p><div class="table-host"></div>`);
  const table = new Table<UnitRow>(host.querySelector('.table-host')!, {
    label: 'IKM per unit layanan',
    empty: 'Belum ada data IKM unit untuk wilayah ini.',
    rowAttrs: (u) => html`data-unit="${u[0]}"`,
    columns,
    file: `unit-${code}-${data.period}.csv`,
  });
  host.querySelector('[data-unit-note]')!.textContent = note(data.units[code]);
  table.show(data.units[code]?.rows ?? []);
}

/** IKM by unit for a chosen region among `codes` (the province and its kabupaten/kota). */
export function unitPanel(host: Element, codes: string[]): void {
  const withUnits = codes.filter((c) => data.units[c]?.rows.length);
  mount(
    host,
    html`<div class="filters"><select data-unit-region aria-label="Wilayah">${withUnits.map(
      (c) => html`<option value="${c}">${regionName(c)} (${count(data.units[c]?.total)} unit)</option>`,
    )}</select></div><div data-unit-table></div>`,
  );
  const select = host.querySelector<HTMLSelectElement>('[data-unit-region]')!;
  const show = () => unitTable(host.querySelector('[data-unit-table]')!, select.value);
  select.addEventListener('change', show);
  show();
}
