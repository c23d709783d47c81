import type { RegionRow } from '#dashboard/model.ts';
import { barChart, lineChart } from './charts.ts';
import { byRank, data, kabKota, provinces, regionByCode } from './data.ts';
import { count, fmt } from './format.ts';
import { html, mount } from './html.ts';
import { rankingTable } from './ranking-table.ts';
import { meanTrend } from './stats.ts';
import { legend, regionTiles } from './tiles.ts';
import { unitPanel } from './units.ts';
import { badge, card, chartPanel, movement } from './widgets.ts';

function header(p: RegionRow): ReturnType<typeof html> {
  return html`<div class="filters"><label>Provinsi <select data-province aria-label="Pilih provinsi">${provinces
    .slice()
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(
      (r) => html`<option value="${r.code}" ${r.code === p.code ? 'selected' : ''}>${r.name}</option>`,
    )}</select></label></div>
    <h2>${p.name} ${badge(p)}</h2>
    <p class="muted"><a href="#/wilayah/${p.code}">Halaman wilayah ${p.name}: komponen, pengiriman, sinyal</a></p>
    <div class="cards">
      ${card('Indeks pelayanan', fmt(p.index_score), p.ranked ? `peringkat ${count(p.rank_national)} dari ${count(provinces.length)} provinsi` : 'tidak diperingkat')}
      <div class="card" data-ikm><div class="card-title">IKM provinsi</div><div class="card-value">${fmt(p.ikm_konversi)} <span class="mutu mutu-${p.mutu ?? 'x'}">${p.mutu ?? '—'}</span></div><div class="card-note">mutu pelayanan · skor IKM ${fmt(p.ikm_score)} (0–5)</div></div>
      ${card('Skor pengaduan', fmt(p.complaint_score), `${count(p.complaints_received)} pengaduan diterima`)}
      ${card('Skor FKP', fmt(p.fkp_score), `${count(p.fkp_forums)} forum`)}
    </div>
    <p class="muted">Perubahan peringkat: ${movement(p)} · responden SKM ${count(p.respondents)}</p>`;
}

function charts(host: Element, p: RegionRow, children: RegionRow[]): void {
  const rows = [p, ...children];
  const series = (label: string, key: 'ikm_score' | 'complaint_score' | 'fkp_score', colour: string) => ({
    label,
    data: rows.map((r) => r[key]),
    backgroundColor: colour,
  });
  barChart(
    host,
    'components',
    rows.map((r) => r.name),
    [
      series('IKM', 'ikm_score', '#1565c0'),
      series('Pengaduan', 'complaint_score', '#ef6c00'),
      series('FKP', 'fkp_score', '#6a1b9a'),
    ],
    { horizontal: true, max: 5 },
  );
  lineChart(host, 'province-trend', data.periods, [
    { label: p.name, data: data.history[p.code] ?? [], borderColor: '#1565c0', backgroundColor: '#1565c0' },
    {
      label: 'Rata-rata kab/kota',
      data: meanTrend(children.map((r) => r.code)),
      borderColor: '#ef6c00',
      backgroundColor: '#ef6c00',
    },
  ]);
}

/** Provinsi drill-down: its kabupaten/kota ranked, component scores, trend, IKM by unit. */
export function renderProvinsi(host: Element, code: string | undefined): void {
  const p = regionByCode.get(code ?? '') ?? provinces[0];
  if (p?.level !== 'provinsi') {
    mount(host, html`<h2>Provinsi</h2><p>Provinsi tidak ditemukan.</p>`);
    return;
  }
  const children = kabKota.filter((r) => r.province_code === p.code).sort(byRank('rank_in_province'));
  const height = Math.max(260, 40 + (children.length + 1) * 26);
  mount(
    host,
    html`${header(p)}
    <section class="panel"><h3>Peta petak kabupaten/kota menurut kategori indeks</h3>${regionTiles(children)}${legend(data.methodology.bands)}</section>
    <div class="grid-2">${chartPanel('components', 'Skor komponen (0–5)', height)}${chartPanel('province-trend', 'Tren indeks')}</div>
    <section class="panel"><h3>Peringkat ${count(children.length)} kabupaten/kota di ${p.name}</h3><div id="rank-children"></div></section>
    <section class="panel"><h3>IKM per unit layanan</h3><div id="units"></div></section>`,
  );
  host.querySelector('[data-province]')?.addEventListener('change', (e) => {
    location.hash = `#/provinsi/${(e.target as HTMLSelectElement).value}`;
  });
  charts(host, p, children);
  rankingTable(host.querySelector('#rank-children')!, children, {
    rankKey: 'rank_in_province',
    withProvince: false,
    label: `Peringkat kabupaten/kota ${p.name}`,
    file: `peringkat-${p.code}-${data.period}.csv`,
  });
  unitPanel(host.querySelector('#units')!, [p.code, ...children.map((r) => r.code)]);
}
