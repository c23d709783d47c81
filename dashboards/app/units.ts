import type { UnitList } from '#dashboard/model.ts';
import { data, regionName } from './data.ts';
import { count, fmt } from './format.ts';
import { html, mount } from './html.ts';
import { Table } from './table.ts';

type UnitRow = UnitList['rows'][number];

/** IKM by unit for a chosen region among `codes` (the province and its kabupaten/kota). */
export function unitPanel(host: Element, codes: string[]): void {
  const withUnits = codes.filter((c) => data.units[c]?.rows.length);
  mount(
    host,
    html`<div class="filters"><select data-unit-region aria-label="Wilayah">${withUnits.map(
      (c) => html`<option value="${c}">${regionName(c)} (${count(data.units[c]?.total)} unit)</option>`,
    )}</select></div><p class="muted" data-unit-note></p><div class="table-host"></div>`,
  );
  const select = host.querySelector<HTMLSelectElement>('[data-unit-region]')!;
  const note = host.querySelector('[data-unit-note]')!;
  const table = new Table<UnitRow>(host.querySelector('.table-host')!, {
    label: 'IKM per unit layanan',
    empty: 'Belum ada data IKM unit untuk wilayah ini.',
    rowAttrs: (u) => html`data-unit="${u[0]}"`,
    columns: [
      {
        label: 'Unit layanan',
        sort: (u) => u[1],
        cell: (u) => html`${u[1]} <small class="muted">${u[0]}</small>`,
      },
      { label: 'Responden', numeric: true, sort: (u) => u[2], cell: (u) => count(u[2]) },
      { label: 'IKM (25–100)', numeric: true, sort: (u) => u[3], cell: (u) => fmt(u[3]) },
      {
        label: 'Mutu',
        sort: (u) => u[4],
        cell: (u) => html`<span class="mutu mutu-${u[4] ?? 'x'}">${u[4] ?? '—'}</span>`,
      },
    ],
  });
  const show = () => {
    const list = data.units[select.value];
    const grades = Object.entries(list?.mutu ?? {})
      .sort()
      .map(([m, n]) => `${m}: ${count(n)}`)
      .join(', ');
    note.textContent = list
      ? `Menampilkan ${count(list.rows.length)} dari ${count(list.total)} unit, IKM terendah lebih dahulu. Sebaran mutu seluruh unit: ${grades || '—'}.`
      : 'Belum ada data IKM unit untuk wilayah ini.';
    table.show(list?.rows ?? []);
  };
  select.addEventListener('change', show);
  show();
}
