import type { RegionRow } from '#dashboard/model.ts';
import { components } from './components.ts';
import { data, regionName } from './data.ts';
import { bindFilters, searchBox, selectFilter } from './filters.ts';
import { count, fmt, MISSING } from './format.ts';
import { type Html, html, mount } from './html.ts';
import { type Column, Table } from './table.ts';
import { badge, movement, provinceLink, regionLink } from './widgets.ts';

export interface RankingTableOptions {
  /** Rank shown: national (within the level group) or within the province. */
  rankKey: 'rank_national' | 'rank_in_province';
  /** Show the province column and a province filter (kabupaten/kota tables). */
  withProvince: boolean;
  label: string;
  /** File name of the table's CSV download. */
  file: string;
}

/** A component without data: the submission status that explains it (as on the region page), else a dash. */
function missingCell(r: RegionRow, key: 'ikm_score' | 'complaint_score' | 'fkp_score'): Html | string {
  const c = components(r).find((x) => `${x.id}_score` === key);
  return c?.missing ? html`<span class="pill small" data-status="missing">${c.missing}</span>` : MISSING;
}

function columns(o: RankingTableOptions): Column<RegionRow>[] {
  const name = (r: RegionRow) =>
    html`${regionLink(r.code)}${
      r.ranked ? '' : html`<br><small class="muted">${r.not_ranked_reason ?? 'tidak diperingkat'}</small>`
    }`;
  const num = (
    key: 'index_score' | 'ikm_score' | 'complaint_score' | 'fkp_score',
    title: string,
  ): Column<RegionRow> => ({
    label: title,
    numeric: true,
    sort: (r) => r[key],
    cell: (r) => (r[key] === null && key !== 'index_score' ? missingCell(r, key) : fmt(r[key])),
  });
  return [
    {
      label: o.rankKey === 'rank_national' ? 'Peringkat' : 'Peringkat di provinsi',
      numeric: true,
      sort: (r) => r[o.rankKey],
      cell: (r) => (r.ranked ? count(r[o.rankKey]) : MISSING),
    },
    { label: 'Wilayah', sort: (r) => r.name, cell: name },
    ...(o.withProvince
      ? [
          {
            label: 'Provinsi',
            sort: (r: RegionRow) => r.province_code,
            csv: (r: RegionRow) => regionName(r.province_code),
            cell: (r: RegionRow) => provinceLink(r.province_code),
          },
        ]
      : []),
    num('index_score', 'Indeks'),
    {
      label: 'Kategori',
      sort: (r) => (r.ranked ? r.index_score : null),
      csv: (r) => (r.ranked ? r.category : 'tidak diperingkat'),
      cell: badge,
    },
    {
      label: o.rankKey === 'rank_national' ? 'Perubahan' : 'Perubahan (nasional)',
      numeric: true,
      sort: (r) => (r.ranked ? r.rank_change : null),
      csv: (r) => (r.ranked ? r.rank_change : null),
      cell: movement,
    },
    num('ikm_score', 'IKM'),
    num('complaint_score', 'Pengaduan'),
    num('fkp_score', 'FKP'),
    { label: 'Responden', numeric: true, sort: (r) => r.respondents, cell: (r) => count(r.respondents) },
  ];
}

function filters(o: RankingTableOptions) {
  const codes = data.regions.filter((r) => r.level === 'provinsi').map((r) => r.code);
  return html`<div class="filters">${searchBox()}
    ${selectFilter(
      'category',
      'Semua kategori',
      data.methodology.bands.map((b) => [b.category, `${b.category} — ${b.label}`]),
    )}
    ${
      o.withProvince
        ? selectFilter(
            'province',
            'Semua provinsi',
            codes.sort().map((c) => [c, regionName(c)]),
          )
        : ''
    }
    <label class="check"><input type="checkbox" data-filter="unranked" checked> tampilkan yang tidak diperingkat</label>
  </div><div class="table-host"></div>`;
}

/** A ranking table with search, category, province and "not ranked" filters; rows carry `data-code`. */
export function rankingTable(host: Element, rows: RegionRow[], o: RankingTableOptions): void {
  mount(host, filters(o));
  const table = new Table<RegionRow>(host.querySelector('.table-host')!, {
    columns: columns(o),
    rowAttrs: (r) => html`data-code="${r.code}" class="${r.ranked ? 'ranked' : 'unranked'}"`,
    empty: 'Tidak ada wilayah yang cocok dengan filter.',
    label: o.label,
    file: o.file,
  });
  bindFilters(host, (f) => {
    const category = f.get('category');
    const province = f.get('province');
    const unranked = f.get('unranked') === 'on';
    table.show(
      rows.filter(
        (r) =>
          f.nameMatches(r.name) &&
          (!category || (r.ranked && r.category === category)) &&
          (!province || r.province_code === province) &&
          (unranked || r.ranked),
      ),
    );
  });
}
