import type { RegionRow } from '#dashboard/model.ts';
import { fmt } from './format.ts';
import { type Html, html } from './html.ts';
import { CATEGORY_COLOR, categoryInk, UNRANKED_COLOR } from './labels.ts';

/** Tile position `[column, row]` and short name of each province, roughly where it lies on the map. */
const TILES: Record<string, [number, number, string]> = {
  '11': [0, 0, 'Aceh'],
  '12': [0, 1, 'Sumut'],
  '14': [1, 1, 'Riau'],
  '21': [2, 1, 'Kepri'],
  '13': [0, 2, 'Sumbar'],
  '15': [1, 2, 'Jambi'],
  '19': [2, 2, 'Babel'],
  '17': [1, 3, 'Bengkulu'],
  '16': [2, 3, 'Sumsel'],
  '18': [2, 4, 'Lampung'],
  '31': [4, 4, 'DKI'],
  '36': [3, 5, 'Banten'],
  '32': [4, 5, 'Jabar'],
  '33': [5, 5, 'Jateng'],
  '34': [5, 6, 'DIY'],
  '35': [6, 5, 'Jatim'],
  '51': [7, 5, 'Bali'],
  '52': [8, 5, 'NTB'],
  '53': [9, 5, 'NTT'],
  '65': [5, 0, 'Kaltara'],
  '61': [4, 1, 'Kalbar'],
  '64': [5, 1, 'Kaltim'],
  '62': [4, 2, 'Kalteng'],
  '63': [5, 2, 'Kalsel'],
  '75': [7, 0, 'Gorontalo'],
  '71': [8, 0, 'Sulut'],
  '72': [7, 1, 'Sulteng'],
  '76': [6, 2, 'Sulbar'],
  '73': [7, 2, 'Sulsel'],
  '74': [8, 2, 'Sultra'],
  '82': [9, 1, 'Malut'],
  '81': [9, 2, 'Maluku'],
  '96': [10, 1, 'PBD'],
  '92': [11, 1, 'Pabar'],
  '91': [12, 1, 'Papua'],
  '94': [11, 2, 'Pateng'],
  '95': [12, 2, 'Papeg'],
  '93': [12, 3, 'Pasel'],
};

function tile(r: RegionRow): Html {
  const known = TILES[r.code];
  const place = known ? `grid-column:${known[0] + 1};grid-row:${known[1] + 1}` : 'grid-row:8';
  const short = known?.[2] ?? r.name;
  const colour = r.ranked && r.category ? (CATEGORY_COLOR[r.category] ?? UNRANKED_COLOR) : UNRANKED_COLOR;
  const ink = r.ranked ? categoryInk(r.category) : '#212121';
  const title = `${r.name}: ${r.ranked ? `${r.category ?? ''} (${fmt(r.index_score)})` : 'tidak diperingkat'}`;
  return html`<a class="tile" data-code="${r.code}" href="#/provinsi/${r.code}" title="${title}"
    style="${place};background:${colour};color:${ink}">
    <span class="tile-name">${short}</span><span class="tile-cat">${r.ranked ? (r.category ?? '') : '–'}</span></a>`;
}

/** The 38 provinces as a tile grid shaped like the archipelago, coloured by category; tiles link to drill-downs. */
export function tileGrid(provinces: RegionRow[]): Html {
  return html`<div class="tiles" aria-label="Peta petak provinsi">${provinces.map(tile)}</div>`;
}

/** Legend of category colours. */
export function legend(bands: { category: string; label: string }[]): Html {
  return html`<ul class="legend">${bands.map(
    (b) =>
      html`<li><span class="swatch" style="background:${CATEGORY_COLOR[b.category] ?? UNRANKED_COLOR}"></span>${b.category} ${b.label}</li>`,
  )}<li><span class="swatch" style="background:${UNRANKED_COLOR}"></span>tidak diperingkat</li></ul>`;
}

/** Short name of a kabupaten/kota for a tile (`Kabupaten Bandung Barat` → `Bandung Barat`, `Kota …` kept). */
const shortName = (name: string): string =>
  name.replace(/^Kabupaten (Administrasi )?/, '').replace(/^Kota Administrasi /, 'Kota ');

/** The kabupaten/kota of a province as tiles in code order, coloured by category; each links to its page. */
export function regionTiles(rows: RegionRow[]): Html {
  return html`<div class="region-tiles" aria-label="Peta petak kabupaten/kota">${[...rows]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => {
      const colour = r.ranked && r.category ? (CATEGORY_COLOR[r.category] ?? UNRANKED_COLOR) : UNRANKED_COLOR;
      const ink = r.ranked ? categoryInk(r.category) : '#212121';
      const title = `${r.name}: ${r.ranked ? `${r.category ?? ''} (${fmt(r.index_score)})` : 'tidak diperingkat'}`;
      return html`<a class="tile" data-code="${r.code}" href="#/wilayah/${r.code}" title="${title}" style="background:${colour};color:${ink}">
        <span class="tile-name">${shortName(r.name)}</span><span class="tile-cat">${r.ranked ? (r.category ?? '') : '–'}</span></a>`;
    })}</div>`;
}
