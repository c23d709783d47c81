import type { ComplianceRow, FlagRow, RegionRow } from '#dashboard/model.ts';
import { lineChart } from './charts.ts';
import { componentColumns, components, slaColumns, slaRows } from './components.ts';
import { data, peers, previousScore, regionByCode } from './data.ts';
import { count, date, fmt } from './format.ts';
import { type Html, html, mount } from './html.ts';
import { DATASET_LABEL, FLAG_LABEL, LEVEL_LABEL, label, SEVERITY_LABEL, STATUS_LABEL } from './labels.ts';
import { meanTrend } from './stats.ts';
import { type Column, Table } from './table.ts';
import { unitTable } from './units.ts';
import { badge, card, chartPanel, movement, provinceLink, rankContext } from './widgets.ts';

const submissionColumns: Column<ComplianceRow>[] = [
  { label: 'Data', sort: (s) => s.dataset, cell: (s) => label(DATASET_LABEL, s.dataset) },
  {
    label: 'Status',
    sort: (s) => s.status,
    csv: (s) => label(STATUS_LABEL, s.status),
    cell: (s) => html`<span class="pill" data-status="${s.status}">${label(STATUS_LABEL, s.status)}</span>`,
  },
  { label: 'Dikirim (WIB)', sort: (s) => s.submitted_at, cell: (s) => s.submitted_at ?? '—' },
  { label: 'Batas (WIB)', sort: (s) => s.deadline, cell: (s) => date(s.deadline) },
  {
    label: 'Baris diterima',
    numeric: true,
    sort: (s) => s.accepted_rows,
    cell: (s) => count(s.accepted_rows),
  },
  {
    label: 'Baris ditolak',
    numeric: true,
    sort: (s) => s.rejected_rows,
    cell: (s) => count(s.rejected_rows),
  },
];

const flagColumns: Column<FlagRow>[] = [
  { label: 'Unit', nowrap: true, sort: (f) => f.unit_id, cell: (f) => f.unit_id ?? '—' },
  { label: 'Sinyal', sort: (f) => f.flag, csv: (f) => f.flag, cell: (f) => label(FLAG_LABEL, f.flag) },
  { label: 'Tingkat', sort: (f) => f.severity, cell: (f) => label(SEVERITY_LABEL, f.severity) },
  { label: 'Nilai', numeric: true, sort: (f) => f.metric, cell: (f) => fmt(f.metric) },
  { label: 'Ambang', numeric: true, sort: (f) => f.threshold, cell: (f) => fmt(f.threshold) },
  { label: 'Rincian', cell: (f) => f.detail ?? '' },
];

/**
 * Why a rank moved this much: how many regions of its group have an index within the region's own index
 * change of its current index. A dense group turns a small change into a large move.
 */
function crowd(r: RegionRow): string {
  const before = previousScore(r.code);
  if (!r.ranked || !r.rank_change || before === null || r.index_score === null) return '';
  const delta = Math.abs(r.index_score - before);
  const near = peers(r).filter(
    (p) =>
      p.ranked &&
      p.code !== r.code &&
      p.index_score !== null &&
      Math.abs(p.index_score - r.index_score!) <= delta,
  ).length;
  return `Indeks berubah ${fmt(delta)} poin; ${count(near)} dari ${count(peers(r).filter((p) => p.ranked).length)} wilayah diperingkat di kelompok ini berada dalam selisih itu, sehingga perubahan kecil dapat menggeser banyak peringkat.`;
}

/** The rank change as a card value: `naik 3`, `turun 3`, `tetap`, or a dash without a comparison. */
function change(r: RegionRow): string {
  if (!r.ranked || r.rank_change === null) return '—';
  if (r.rank_change === 0) return 'tetap';
  return `${r.rank_change > 0 ? 'naik' : 'turun'} ${count(Math.abs(r.rank_change))}`;
}

function header(r: RegionRow): Html {
  const where =
    r.level === 'provinsi'
      ? html`<a href="#/provinsi/${r.code}">ringkasan provinsi</a>`
      : provinceLink(r.province_code);
  const rank = r.ranked
    ? `peringkat ${count(r.rank_national)} dari ${count(peers(r).filter((p) => p.ranked).length)} ${r.level === 'provinsi' ? 'provinsi' : 'kabupaten/kota'}${r.rank_in_province ? `; ${count(r.rank_in_province)} di provinsinya` : ''}`
    : (r.not_ranked_reason ?? 'tidak diperingkat');
  return html`<h2 data-region="${r.code}">${r.name} ${badge(r)}</h2>
    <p class="muted">${label(LEVEL_LABEL, r.level)} · kode ${r.code} · ${where}</p>
    <div class="cards">
      ${card('Indeks pelayanan', fmt(r.index_score), rank)}
      ${card('IKM wilayah', fmt(r.ikm_konversi), `mutu ${r.mutu ?? '—'} · skor IKM ${fmt(r.ikm_score)}`)}
      ${card('Perubahan peringkat', change(r), rankContext(r))}
    </div>
    ${r.score_reason ? html`<p class="panel" data-score-reason>${r.score_reason}</p>` : ''}
    ${crowd(r) ? html`<p class="muted" data-rank-context>${movement(r)} ${crowd(r)}</p>` : ''}`;
}

/** A region's own page: its components and what is behind them, units, submissions, flags and trend. */
export function renderWilayah(host: Element, code: string | undefined): void {
  const r = regionByCode.get(code ?? '');
  if (!r) {
    mount(
      host,
      html`<h2>Wilayah</h2><p>Wilayah ${code ?? ''} tidak ditemukan pada periode ${data.period}.</p>`,
    );
    return;
  }
  mount(
    host,
    html`${header(r)}
    <section class="panel"><h3>Komponen indeks</h3><div id="components"></div></section>
    <section class="panel"><h3>SLA pengaduan</h3><div id="sla"></div></section>
    ${chartPanel('region-trend', 'Tren indeks')}
    <section class="panel"><h3>IKM per unit layanan</h3><div id="region-units"></div></section>
    <section class="panel"><h3>Pengiriman data</h3><div id="region-submissions"></div></section>
    <section class="panel"><h3>Sinyal integritas</h3><div id="region-flags"></div></section>`,
  );
  const table = <T>(id: string, columns: Column<T>[], rows: T[], name: string, empty: string) =>
    new Table<T>(host.querySelector(id)!, {
      columns,
      label: name,
      empty,
      file: `${name.toLowerCase().replaceAll(' ', '-')}-${r.code}-${data.period}.csv`,
    }).show(rows);
  table('#components', componentColumns, components(r), 'Komponen', 'Tidak ada komponen.');
  table('#sla', slaColumns, slaRows(r), 'SLA pengaduan', 'Tidak ada pengaduan.');
  table(
    '#region-submissions',
    submissionColumns,
    data.compliance.filter((s) => s.region_code === r.code),
    'Pengiriman',
    'Belum ada status pengiriman.',
  );
  table(
    '#region-flags',
    flagColumns,
    data.flags.rows.filter((f) => f.region_code === r.code),
    'Sinyal',
    'Tidak ada sinyal integritas.',
  );
  unitTable(host.querySelector('#region-units')!, r.code);
  lineChart(host, 'region-trend', data.periods, [
    { label: r.name, data: data.history[r.code] ?? [], borderColor: '#1565c0', backgroundColor: '#1565c0' },
    {
      label: r.level === 'provinsi' ? 'Rata-rata provinsi' : 'Rata-rata kabupaten/kota',
      data: meanTrend(peers(r).map((p) => p.code)),
      borderColor: '#ef6c00',
      backgroundColor: '#ef6c00',
    },
  ]);
}
