import type { RegionRow } from '#dashboard/model.ts';
import { data, previousScore, regionHref, regionName } from './data.ts';
import { count, fmt } from './format.ts';
import { type Html, html } from './html.ts';
import { CATEGORY_COLOR, categoryInk, UNRANKED_COLOR } from './labels.ts';

/** Label of a category from the methodology bands. */
export const categoryLabel = (category: string | null): string =>
  data.methodology.bands.find((b) => b.category === category)?.label ?? '';

/** A coloured category badge (A … F); grey "tidak diperingkat" when the region is not ranked. */
export function badge(r: Pick<RegionRow, 'category' | 'category_label' | 'ranked'>): Html {
  if (!r.ranked || !r.category) return html`<span class="badge unranked">tidak diperingkat</span>`;
  const bg = CATEGORY_COLOR[r.category] ?? UNRANKED_COLOR;
  const title = r.category_label ?? categoryLabel(r.category);
  return html`<span class="badge" style="background:${bg};color:${categoryInk(r.category)}" title="${title}">${r.category}</span>`;
}

/** Rank and index before and now, e.g. `peringkat 412 → 112 · indeks 3,10 → 3,45`. */
export function rankContext(r: RegionRow): string {
  if (!r.ranked || r.rank_change === null || r.rank_national === null) return 'tidak ada pembanding';
  const before = previousScore(r.code);
  const index = before === null ? '' : ` · indeks ${fmt(before)} → ${fmt(r.index_score)}`;
  return `peringkat ${count(r.rank_national + r.rank_change)} → ${count(r.rank_national)}${index}`;
}

/** Rank movement vs the previous period: ▲ up, ▼ down (positive `rank_change` = moved up), with context. */
export function movement(r: RegionRow): Html {
  const change = r.rank_change;
  if (!r.ranked || change === null) return html`<span class="same" title="tidak ada pembanding">—</span>`;
  const before = previousScore(r.code);
  const delta =
    before === null || r.index_score === null
      ? ''
      : html`<small class="delta">${r.index_score >= before ? '+' : '−'}${fmt(Math.abs(r.index_score - before))}</small>`;
  const title = rankContext(r);
  if (change > 0) return html`<span class="up" title="${title}">▲ ${count(change)} ${delta}</span>`;
  if (change < 0) return html`<span class="down" title="${title}">▼ ${count(-change)} ${delta}</span>`;
  return html`<span class="same" title="${title}">= ${delta}</span>`;
}

/** Link to a province's drill-down. */
export const provinceLink = (code: string): Html =>
  html`<a href="#/provinsi/${code}">${regionName(code)}</a>`;

/** Link to a region's own page. */
export const regionLink = (code: string): Html => html`<a href="${regionHref(code)}">${regionName(code)}</a>`;

/** A score cell: two decimals, or the not-ranked reason when the region has no index. */
export const score = (value: number | null): string => fmt(value);

/** A summary card. */
export const card = (title: string, value: string, note: string | Html = ''): Html =>
  html`<div class="card"><div class="card-title">${title}</div><div class="card-value">${value}</div><div class="card-note">${note}</div></div>`;

/** A chart panel with a fixed-height canvas. */
export const chartPanel = (id: string, title: string, height = 260): Html =>
  html`<section class="panel"><h3>${title}</h3><div class="chart" style="height:${height}px"><canvas data-chart="${id}" role="img" aria-label="${title}"></canvas></div></section>`;
