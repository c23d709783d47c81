import type { FlagRow } from '#dashboard/model.ts';
import { barChart } from './charts.ts';
import { data, regionName } from './data.ts';
import { count, fmt } from './format.ts';
import { html, mount } from './html.ts';
import { DATASET_LABEL, FLAG_LABEL, label, SEVERITY_LABEL } from './labels.ts';
import { type Column, Table } from './table.ts';
import { card, chartPanel, provinceLink } from './widgets.ts';

const flags = data.flags;

/** Count per flag code (over datasets and severities). */
function perFlag(): [string, number][] {
  const totals = new Map<string, number>();
  for (const f of flags.by_flag) totals.set(f.flag, (totals.get(f.flag) ?? 0) + f.count);
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const byType: Column<(typeof flags.by_flag)[number]>[] = [
  {
    label: 'Sinyal',
    sort: (r) => label(FLAG_LABEL, r.flag),
    cell: (r) => html`${label(FLAG_LABEL, r.flag)} <small class="muted">${r.flag}</small>`,
  },
  { label: 'Data', sort: (r) => r.dataset, cell: (r) => label(DATASET_LABEL, r.dataset) },
  { label: 'Tingkat', sort: (r) => r.severity, cell: (r) => label(SEVERITY_LABEL, r.severity) },
  { label: 'Jumlah', numeric: true, sort: (r) => r.count, cell: (r) => count(r.count) },
  { label: 'Wilayah', numeric: true, sort: (r) => r.regions, cell: (r) => count(r.regions) },
];

const detail: Column<FlagRow>[] = [
  {
    label: 'Wilayah',
    sort: (r) => regionName(r.region_code),
    cell: (r) =>
      html`${regionName(r.region_code)}<br><small class="muted">${provinceLink(r.region_code.slice(0, 2))}</small>`,
  },
  { label: 'Unit', sort: (r) => r.unit_id, cell: (r) => r.unit_id ?? '—' },
  { label: 'Sinyal', sort: (r) => r.flag, cell: (r) => label(FLAG_LABEL, r.flag) },
  { label: 'Tingkat', sort: (r) => r.severity, cell: (r) => label(SEVERITY_LABEL, r.severity) },
  { label: 'Nilai', numeric: true, sort: (r) => r.metric, cell: (r) => fmt(r.metric) },
  { label: 'Ambang', numeric: true, sort: (r) => r.threshold, cell: (r) => fmt(r.threshold) },
  { label: 'Rincian', cell: (r) => r.detail ?? '' },
];

const filters = html`<div class="filters">
  <input type="search" data-filter="q" placeholder="Cari nama wilayah…" aria-label="Cari nama wilayah">
  <select data-filter="flag" aria-label="Sinyal"><option value="">Semua sinyal</option>${perFlag().map(([f]) => html`<option value="${f}">${label(FLAG_LABEL, f)}</option>`)}</select>
</div><div class="table-host"></div>`;

/** Integritas: flags by type and by region, with their details. */
export function renderIntegritas(host: Element): void {
  const regions = new Set(flags.rows.map((r) => r.region_code)).size;
  const truncated = flags.rows.length < flags.total;
  mount(
    host,
    html`<h2>Integritas data</h2><div class="cards">
      ${card('Sinyal integritas', count(flags.total), 'seluruh wilayah, periode ini')}
      ${card('Jenis sinyal', count(perFlag().length), '')}
      ${card('Wilayah bersinyal', count(regions), truncated ? 'dari baris yang ditampilkan' : '')}
    </div>
    ${flags.total ? chartPanel('flags', 'Jumlah sinyal per jenis', 60 + perFlag().length * 32) : html`<p class="panel">Tidak ada sinyal integritas pada periode ini.</p>`}
    <section class="panel"><h3>Menurut jenis</h3><div id="flag-types"></div></section>
    <section class="panel"><h3>Menurut wilayah, dengan rincian</h3>${truncated ? html`<p class="muted">Menampilkan ${count(flags.rows.length)} dari ${count(flags.total)} sinyal.</p>` : ''}<div id="flag-list">${filters}</div></section>`,
  );
  if (flags.total) {
    const totals = perFlag();
    barChart(
      host,
      'flags',
      totals.map(([f]) => label(FLAG_LABEL, f)),
      [{ label: 'Jumlah', data: totals.map(([, n]) => n), backgroundColor: '#c62828' }],
      { horizontal: true, digits: 0 },
    );
  }
  new Table(host.querySelector('#flag-types')!, {
    columns: byType,
    label: 'Sinyal menurut jenis',
    empty: 'Tidak ada sinyal.',
  }).show(flags.by_flag);
  const list = host.querySelector('#flag-list')!;
  const table = new Table<FlagRow>(list.querySelector('.table-host')!, {
    columns: detail,
    label: 'Rincian sinyal',
    empty: 'Tidak ada sinyal yang cocok.',
    rowAttrs: (r) => html`data-code="${r.region_code}"`,
  });
  const value = (name: string) =>
    list.querySelector<HTMLInputElement>(`[data-filter="${name}"]`)?.value ?? '';
  const apply = () => {
    const q = value('q').trim().toLocaleLowerCase('id');
    table.show(
      flags.rows.filter(
        (r) =>
          (!q || regionName(r.region_code).toLocaleLowerCase('id').includes(q)) &&
          (!value('flag') || r.flag === value('flag')),
      ),
    );
  };
  for (const el of list.querySelectorAll('[data-filter]')) el.addEventListener('input', apply);
  apply();
}
