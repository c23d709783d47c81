import type { RegionRow } from '#dashboard/model.ts';
import { data, regionName } from './data.ts';
import { count, fmt, MISSING } from './format.ts';
import { html, mount } from './html.ts';
import { LEVEL_LABEL, label, REASON_LABEL } from './labels.ts';
import { type Column, Table } from './table.ts';
import { badge, movement, provinceLink } from './widgets.ts';

export interface RankingTableOptions {
  /** Rank shown: national (within the level group) or within the province. */
  rankKey: 'rank_national' | 'rank_in_province';
  /** Show the province column and a province filter (kabupaten/kota tables). */
  withProvince: boolean;
  label: string;
}

function columns(o: RankingTableOptions): Column<RegionRow>[] {
  const name = (r: RegionRow) =>
    html`${r.level === 'provinsi' ? provinceLink(r.code) : r.name}${r.level === 'provinsi' ? '' : html` <small class="muted">${LEVEL_LABEL[r.level] ?? r.level}</small>`}${
      r.ranked ? '' : html`<br><small class="muted">${label(REASON_LABEL, r.not_ranked_reason)}</small>`
    }`;
  const num = (
    key: 'index_score' | 'ikm_score' | 'complaint_score' | 'fkp_score',
    title: string,
  ): Column<RegionRow> => ({
    label: title,
    numeric: true,
    sort: (r) => r[key],
    cell: (r) => fmt(r[key]),
  });
  return [
    {
      label: 'Peringkat',
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
            cell: (r: RegionRow) => provinceLink(r.province_code),
          },
        ]
      : []),
    num('index_score', 'Indeks'),
    { label: 'Kategori', sort: (r) => (r.ranked ? r.index_score : null), cell: badge },
    {
      label: 'Perubahan',
      numeric: true,
      sort: (r) => (r.ranked ? r.rank_change : null),
      cell: (r) => movement(r.rank_change, r.ranked),
    },
    num('ikm_score', 'IKM'),
    num('complaint_score', 'Pengaduan'),
    num('fkp_score', 'FKP'),
    { label: 'Responden', numeric: true, sort: (r) => r.respondents, cell: (r) => count(r.respondents) },
  ];
}

function filters(o: RankingTableOptions) {
  const provinceCodes = [
    ...new Set(data.regions.filter((r) => r.level === 'provinsi').map((r) => r.code)),
  ].sort();
  return html`<div class="filters">
    <input type="search" data-filter="q" placeholder="Cari nama wilayah…" aria-label="Cari nama wilayah">
    <select data-filter="category" aria-label="Kategori"><option value="">Semua kategori</option>${data.bands.map(
      (b) => html`<option value="${b.category}">${b.category} — ${b.label}</option>`,
    )}</select>
    ${o.withProvince ? html`<select data-filter="province" aria-label="Provinsi"><option value="">Semua provinsi</option>${provinceCodes.map((c) => html`<option value="${c}">${regionName(c)}</option>`)}</select>` : ''}
    <label class="check"><input type="checkbox" data-filter="unranked" checked> tampilkan yang tidak diperingkat</label>
  </div><div class="table-host"></div>`;
}

/** A ranking table with search, category, province and "not ranked" filters; rows carry `data-code`. */
export function rankingTable(host: Element, rows: RegionRow[], o: RankingTableOptions): void {
  mount(host, filters(o));
  const value = (name: string) => host.querySelector<HTMLInputElement>(`[data-filter="${name}"]`);
  const table = new Table<RegionRow>(host.querySelector('.table-host')!, {
    columns: columns(o),
    rowAttrs: (r) => html`data-code="${r.code}" class="${r.ranked ? 'ranked' : 'unranked'}"`,
    empty: 'Tidak ada wilayah yang cocok dengan filter.',
    label: o.label,
  });
  const apply = () => {
    const q = (value('q')?.value ?? '').trim().toLocaleLowerCase('id');
    const category = value('category')?.value ?? '';
    const province = value('province')?.value ?? '';
    const unranked = value('unranked')?.checked ?? true;
    table.show(
      rows.filter(
        (r) =>
          (!q || r.name.toLocaleLowerCase('id').includes(q)) &&
          (!category || (r.ranked && r.category === category)) &&
          (!province || r.province_code === province) &&
          (unranked || r.ranked),
      ),
    );
  };
  for (const el of host.querySelectorAll('[data-filter]')) el.addEventListener('input', apply);
  apply();
}
