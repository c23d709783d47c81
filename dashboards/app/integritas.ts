import type { FlagRow } from '#dashboard/model.ts';
import { barChart } from './charts.ts';
import { data, provinceOf, regionName } from './data.ts';
import { bindFilters, searchBox, selectFilter } from './filters.ts';
import { count, fmt } from './format.ts';
import { type Html, html, mount } from './html.ts';
import { DATASET_LABEL, FLAG_LABEL, label, SEVERITY_LABEL } from './labels.ts';
import { type Column, Table } from './table.ts';
import { card, chartPanel, provinceLink, regionLink } from './widgets.ts';

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
      html`${regionLink(r.region_code)}<br><small class="muted">${provinceLink(provinceOf(r.region_code))}</small>`,
  },
  { label: 'Unit', nowrap: true, sort: (r) => r.unit_id, cell: (r) => r.unit_id ?? '—' },
  { label: 'Sinyal', sort: (r) => r.flag, csv: (r) => r.flag, cell: (r) => label(FLAG_LABEL, r.flag) },
  { label: 'Tingkat', sort: (r) => r.severity, cell: (r) => label(SEVERITY_LABEL, r.severity) },
  { label: 'Nilai', numeric: true, sort: (r) => r.metric, cell: (r) => fmt(r.metric) },
  { label: 'Ambang', numeric: true, sort: (r) => r.threshold, cell: (r) => fmt(r.threshold) },
  { label: 'Rincian', cell: (r) => r.detail ?? '' },
];

const filters = html`<div class="filters">${searchBox()}
  ${selectFilter(
    'flag',
    'Semua sinyal',
    perFlag().map(([f]) => [f, label(FLAG_LABEL, f)]),
  )}
</div><div class="table-host"></div>`;

/** Flags per province (its own and its kabupaten/kota's), over the rows in the page. */
function perProvince(): [string, number][] {
  const totals = new Map<string, number>();
  for (const r of flags.rows)
    totals.set(provinceOf(r.region_code), (totals.get(provinceOf(r.region_code)) ?? 0) + 1);
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function charts(host: Element): void {
  const types = perFlag();
  const bar = (id: string, rows: [string, number][], name: (k: string) => string, colour: string) =>
    barChart(
      host,
      id,
      rows.map(([k]) => name(k)),
      [{ label: 'Jumlah', data: rows.map(([, n]) => n), backgroundColor: colour }],
      {
        horizontal: true,
        digits: 0,
      },
    );
  bar('flags', types, (f) => label(FLAG_LABEL, f), '#c62828');
  bar('flag-provinces', perProvince(), regionName, '#6a1b9a');
}

function summary(): Html {
  const regions = new Set(flags.rows.map((r) => r.region_code)).size;
  const truncated = flags.rows.length < flags.total;
  return html`<div class="cards">
      ${card('Sinyal integritas', count(flags.total), 'seluruh wilayah, periode ini')}
      ${card('Jenis sinyal', count(perFlag().length), html`<a href="#/metodologi/sinyal">lihat definisi di metodologi</a>`)}
      ${card('Wilayah bersinyal', count(regions), truncated ? `dari ${count(flags.rows.length)} sinyal yang ditampilkan` : 'provinsi dan kabupaten/kota')}
    </div>`;
}

/** Integritas: flags by type and by region, with their details. */
export function renderIntegritas(host: Element): void {
  const truncated = flags.rows.length < flags.total;
  const chartsMarkup = html`<div class="grid-2">${chartPanel('flags', 'Jumlah sinyal per jenis', 60 + perFlag().length * 32)}${chartPanel('flag-provinces', 'Jumlah sinyal per provinsi', 60 + perProvince().length * 18)}</div>`;
  mount(
    host,
    html`<h2>Integritas data</h2>${summary()}
    ${flags.total ? chartsMarkup : html`<p class="panel">Tidak ada sinyal integritas pada periode ini.</p>`}
    <section class="panel"><h3>Menurut jenis</h3><div id="flag-types"></div></section>
    <section class="panel"><h3>Menurut wilayah, dengan rincian</h3>${truncated ? html`<p class="muted">Menampilkan ${count(flags.rows.length)} dari ${count(flags.total)} sinyal.</p>` : ''}<div id="flag-list">${filters}</div></section>`,
  );
  if (flags.total) charts(host);
  new Table(host.querySelector('#flag-types')!, {
    columns: byType,
    label: 'Sinyal menurut jenis',
    empty: 'Tidak ada sinyal.',
    file: `sinyal-per-jenis-${data.period}.csv`,
  }).show(flags.by_flag);
  const list = host.querySelector('#flag-list')!;
  const table = new Table<FlagRow>(list.querySelector('.table-host')!, {
    columns: detail,
    label: 'Rincian sinyal',
    empty: 'Tidak ada sinyal yang cocok.',
    file: `sinyal-${data.period}.csv`,
    rowAttrs: (r) => html`data-code="${r.region_code}"`,
  });
  bindFilters(list, (f) =>
    table.show(
      flags.rows.filter(
        (r) => f.nameMatches(regionName(r.region_code)) && (!f.get('flag') || r.flag === f.get('flag')),
      ),
    ),
  );
}
