import type { ComplianceRow, RegionRow } from '#dashboard/model.ts';
import { barChart } from './charts.ts';
import { data, regionName } from './data.ts';
import { bindFilters, searchBox, selectFilter } from './filters.ts';
import { count, date } from './format.ts';
import { type Html, html, mount } from './html.ts';
import {
  DATASET_LABEL,
  DATASETS,
  LEVEL_LABEL,
  label,
  STATUS_COLOR,
  STATUS_LABEL,
  STATUSES,
} from './labels.ts';
import { type Column, Table } from './table.ts';
import { card, chartPanel, provinceLink, regionLink } from './widgets.ts';

type Row = RegionRow & { status: Record<string, ComplianceRow | undefined> };

function pill(s: ComplianceRow | undefined): Html {
  if (!s) return html`<span class="pill none">—</span>`;
  const title = `dikirim ${date(s.submitted_at)} · batas ${date(s.deadline)} · diterima ${count(s.accepted_rows)} baris · ditolak ${count(s.rejected_rows)} baris`;
  const colour = STATUS_COLOR[s.status] ?? '#9e9e9e';
  return html`<span class="pill" data-status="${s.status}" style="background:${colour}" title="${title}">${label(STATUS_LABEL, s.status)}</span>`;
}

function rows(): Row[] {
  const byRegion = new Map<string, Record<string, ComplianceRow>>();
  for (const c of data.compliance) {
    const entry = byRegion.get(c.region_code) ?? {};
    entry[c.dataset] = c;
    byRegion.set(c.region_code, entry);
  }
  return data.regions.map((r) => ({ ...r, status: byRegion.get(r.code) ?? {} }));
}

const columns: Column<Row>[] = [
  { label: 'Wilayah', sort: (r) => r.name, cell: (r) => regionLink(r.code) },
  ...DATASETS.map((d) => ({
    label: DATASET_LABEL[d] ?? d,
    sort: (r: Row) => r.status[d]?.status ?? null,
    csv: (r: Row) => label(STATUS_LABEL, r.status[d]?.status),
    cell: (r: Row) => pill(r.status[d]),
  })),
  { label: 'Tingkat', sort: (r) => r.level, cell: (r) => label(LEVEL_LABEL, r.level) },
  {
    label: 'Provinsi',
    sort: (r) => r.province_code,
    csv: (r) => regionName(r.province_code),
    cell: (r) => provinceLink(r.province_code),
  },
];

function charts(host: Element): void {
  const n = (d: string, s: string) => data.compliance.filter((c) => c.dataset === d && c.status === s).length;
  barChart(
    host,
    'compliance',
    DATASETS.map((d) => DATASET_LABEL[d] ?? d),
    STATUSES.map((s) => ({
      label: STATUS_LABEL[s] ?? s,
      data: DATASETS.map((d) => n(d, s)),
      backgroundColor: STATUS_COLOR[s] ?? '#9e9e9e',
    })),
    { horizontal: true, stacked: true, digits: 0 },
  );
}

const filters = html`<div class="filters">${searchBox()}
  ${selectFilter(
    'dataset',
    'Semua data',
    DATASETS.map((d) => [d, DATASET_LABEL[d] ?? d]),
  )}
  ${selectFilter(
    'status',
    'Semua status',
    STATUSES.map((s) => [s, STATUS_LABEL[s] ?? s]),
  )}
</div><div class="table-host"></div>`;

/** Kepatuhan pelaporan: on time / late / missing / rejected per dataset, counts and the region list. */
export function renderKepatuhan(host: Element): void {
  const cards = STATUSES.map((s) =>
    card(
      STATUS_LABEL[s] ?? s,
      count(data.compliance.filter((c) => c.status === s).length),
      'pengiriman (wilayah × data)',
    ),
  );
  mount(
    host,
    html`<h2>Kepatuhan pelaporan</h2><div class="cards">${cards}</div>
    ${
      data.compliance.length
        ? chartPanel('compliance', 'Status pengiriman per jenis data', 200)
        : html`<p class="panel">Belum ada data status pengiriman (tabel submission_status) untuk periode ini.</p>`
    }
    <section class="panel"><h3>Status per wilayah</h3><div id="compliance-list">${filters}</div></section>`,
  );
  if (data.compliance.length) charts(host);
  const list = host.querySelector('#compliance-list')!;
  const table = new Table<Row>(list.querySelector('.table-host')!, {
    columns,
    label: 'Status pengiriman per wilayah',
    file: `kepatuhan-${data.period}.csv`,
    empty: 'Tidak ada wilayah yang cocok dengan filter.',
    rowAttrs: (r) => html`data-code="${r.code}"`,
  });
  const all = rows();
  bindFilters(list, (f) => {
    const datasets = f.get('dataset') ? [f.get('dataset')] : [...DATASETS];
    const status = f.get('status');
    table.show(
      all.filter(
        (r) => f.nameMatches(r.name) && (!status || datasets.some((d) => r.status[d]?.status === status)),
      ),
    );
  });
}
