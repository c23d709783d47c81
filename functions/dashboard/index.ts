import { attachLake } from '#core/catalog.ts';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import { Duck } from '#core/duckdb.ts';
import { lake as lakeKeys } from '#core/lake.ts';
import type { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { parsePeriod } from '#core/period.ts';
import type { DashboardData } from './model.ts';
import { complianceRows, flagData, unitLists } from './operations.ts';
import { pack } from './pack.ts';
import { indexHistory, indexPeriods, latestPeriod, regionRows } from './ranking.ts';
import { bundleClient, renderPage } from './render.ts';
import { readSnapshot } from './snapshot.ts';

/** The dashboard could not be built; the message says why, in Bahasa Indonesia. */
export class DashboardError extends Error {
  override name = 'DashboardError';
}

export interface BuildDashboardOptions {
  lake: LocalStore;
  /** Period to show. @default the latest period that has `service_index_region` */
  period?: string;
}

/** Key of the page in the lake. */
export const DASHBOARD_KEY = `${lakeKeys.dashboardPrefix}index.html`;

/** Read marts (DuckDB over the lake) and the ranking snapshot into the page's data. */
export async function loadDashboardData(store: LocalStore, requested?: string): Promise<DashboardData> {
  const duck = await Duck.open();
  try {
    await attachLake(duck, store.root);
    const period = requested === undefined ? await latestPeriod(duck) : parsePeriod(requested)?.id;
    if (requested !== undefined && !period) throw new DashboardError(invalidPeriodMessage(requested));
    if (!period)
      throw new DashboardError('belum ada tabel service_index_region; jalankan pantau transform dahulu');
    const regions = await regionRows(duck, period);
    if (regions.length === 0) throw new DashboardError(`service_index_region tidak berisi periode ${period}`);
    const periods = await indexPeriods(duck, period);
    const { methodology } = loadMethodology();
    return {
      period,
      periods,
      generated_at: new Date().toISOString(),
      snapshot: await readSnapshot(store, period),
      methodology_version: methodology.version,
      bands: [...methodology.index.bands]
        .reverse()
        .map(({ category, label, min, max }) => ({ category, label, min, max })),
      regions: pack(regions),
      history: await indexHistory(duck, periods),
      units: await unitLists(duck, period),
      compliance: await complianceRows(duck, period),
      flags: await flagData(duck, period),
    };
  } finally {
    duck.close();
  }
}

/**
 * Build the national ranking dashboard: one self-contained HTML page (data, styles, chart.js inlined) at
 * `published/dashboard/index.html`, from marts and the ranking snapshot only.
 */
export async function buildDashboard(
  options: BuildDashboardOptions,
): Promise<{ path: string; period: string }> {
  const [data, script] = await Promise.all([loadDashboardData(options.lake, options.period), bundleClient()]);
  await options.lake.write(DASHBOARD_KEY, await renderPage(data, script), {
    contentType: 'text/html; charset=utf-8',
  });
  return { path: options.lake.path(DASHBOARD_KEY), period: data.period };
}
