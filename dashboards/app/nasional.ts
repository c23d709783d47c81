import type { RegionRow } from '#dashboard/model.ts';
import { barChart, lineChart } from './charts.ts';
import { data, kabKota, provinces } from './data.ts';
import { count, fmt } from './format.ts';
import { html, mount } from './html.ts';
import { CATEGORY_COLOR, UNRANKED_COLOR } from './labels.ts';
import { rankingTable } from './ranking-table.ts';
import { histogram, mean, meanTrend } from './stats.ts';
import { legend, tileGrid } from './tiles.ts';
import { card, chartPanel } from './widgets.ts';

const ranked = (rows: RegionRow[]) => rows.filter((r) => r.ranked);

function summary(): ReturnType<typeof html> {
  const top = ranked(provinces)[0];
  return html`<div class="cards">
    ${card('Wilayah diperingkat', `${count(ranked(data.regions).length)} dari ${count(data.regions.length)}`, '38 provinsi dan 514 kabupaten/kota')}
    ${card('Rata-rata indeks provinsi', fmt(mean(ranked(provinces).map((r) => r.index_score))), 'skala 0–5')}
    ${card('Rata-rata indeks kab/kota', fmt(mean(ranked(kabKota).map((r) => r.index_score))), 'skala 0–5')}
    ${card('Provinsi peringkat 1', top?.name ?? '—', top ? `indeks ${fmt(top.index_score)}` : '')}
  </div>`;
}

function charts(host: Element): void {
  const h = histogram(data.regions);
  barChart(
    host,
    'histogram',
    h.labels,
    [
      {
        label: 'Jumlah wilayah',
        data: h.counts,
        backgroundColor: h.categories.map((c) =>
          c ? (CATEGORY_COLOR[c] ?? UNRANKED_COLOR) : UNRANKED_COLOR,
        ),
      },
    ],
    { digits: 0, yTitle: 'jumlah wilayah' },
  );
  lineChart(host, 'trend', data.periods, [
    {
      label: 'Provinsi',
      data: meanTrend(provinces.map((r) => r.code)),
      borderColor: '#1565c0',
      backgroundColor: '#1565c0',
    },
    {
      label: 'Kabupaten/kota',
      data: meanTrend(kabKota.map((r) => r.code)),
      borderColor: '#ef6c00',
      backgroundColor: '#ef6c00',
    },
  ]);
}

/** Nasional: summary, province tile grid, index distribution, trend, and both ranking tables. */
export function renderNasional(host: Element): void {
  mount(
    host,
    html`<h2>Nasional</h2>${summary()}
    <section class="panel"><h3>Peta petak provinsi menurut kategori indeks</h3>${tileGrid(provinces)}${legend(data.methodology.bands)}</section>
    <div class="grid-2">${chartPanel('histogram', 'Sebaran indeks pelayanan (wilayah diperingkat)')}${chartPanel('trend', 'Tren rata-rata indeks per periode')}</div>
    <section class="panel"><h3>Peringkat 38 provinsi</h3><div id="rank-provinsi"></div></section>
    <section class="panel"><h3>Peringkat 514 kabupaten/kota</h3><div id="rank-kabkota"></div></section>`,
  );
  charts(host);
  rankingTable(host.querySelector('#rank-provinsi')!, provinces, {
    rankKey: 'rank_national',
    withProvince: false,
    label: 'Peringkat provinsi',
    file: `peringkat-provinsi-${data.period}.csv`,
  });
  rankingTable(host.querySelector('#rank-kabkota')!, kabKota, {
    rankKey: 'rank_national',
    withProvince: true,
    label: 'Peringkat kabupaten/kota',
    file: `peringkat-kabupaten-kota-${data.period}.csv`,
  });
}
