import { existsSync } from 'node:fs';
import { attachLake } from '#core/catalog.ts';
import { lake as lakeKeys } from '#core/contract/lake.ts';
import { invalidPeriodMessage } from '#core/contract/names.ts';
import { Duck } from '#core/duckdb.ts';
import type { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { parsePeriod } from '#core/period.ts';
import { DASHBOARD_MARTS, type DashboardMart, declaredColumns } from './declared.ts';
import { methodologyDocument } from './markdown.ts';
import type { DashboardData, MethodologyInfo } from './model.ts';
import { complianceRows, dataCutoff, flagData, unitLists } from './operations.ts';
import { pack } from './pack.ts';
import { indexHistory, indexPeriods, regionRows, trendPeriods } from './ranking.ts';
import { bundleClient, renderPage } from './render.ts';
import { snapshotFor } from './snapshot.ts';

/** The dashboard could not be built; the message says why, in Bahasa Indonesia. */
export class DashboardError extends Error {
  override name = 'DashboardError';
}

export interface BuildDashboardOptions {
  lake: LocalStore;
  /** Period `index.html` opens on. @default the latest period that has `service_index_region` */
  period?: string;
}

/** Folder of the dashboard in the lake: `index.html`, one `{period}.html` per period, `unduh/`. */
export const DASHBOARD_PREFIX = lakeKeys.dashboardPrefix;
/** Key of the page the dashboard opens on. */
export const DASHBOARD_KEY = `${DASHBOARD_PREFIX}index.html`;
/** Key of a period's page. */
export const periodPageKey = (period: string) => `${DASHBOARD_PREFIX}${period}.html`;

/** The methodology of a version (`methodology/{version}.json`), else the one in force; `document` is set later. */
function methodologyOf(version: string | null): Omit<MethodologyInfo, 'document'> {
  const file =
    version && /^v\d+$/.test(version)
      ? new URL(`../../methodology/${version}.json`, import.meta.url)
      : undefined;
  const { methodology } = loadMethodology(file && existsSync(file) ? file : undefined);
  const bands = [...methodology.index.bands]
    .reverse()
    .map(({ category, label, min, max }) => ({ category, label, min, max }));
  return { version: methodology.version, file: methodology as unknown as Record<string, unknown>, bands };
}

/** An open view of the lake's marts: the periods they hold and what each mart declares. */
class MartReader {
  private constructor(
    readonly duck: Duck,
    readonly store: LocalStore,
    readonly periods: string[],
    readonly declared: Record<DashboardMart, Set<string>>,
    readonly document: string | null,
  ) {}

  static async open(store: LocalStore): Promise<MartReader> {
    const duck = await Duck.open();
    try {
      const tables = new Set(await attachLake(duck, store.root));
      const absent = DASHBOARD_MARTS.filter((m) => !tables.has(m));
      if (absent.length)
        throw new DashboardError(
          `lake ${store.root} belum berisi tabel ${absent.join(', ')}; jalankan pantau evaluate --period P (atau pantau transform --all) dahulu`,
        );
      const periods = await indexPeriods(duck);
      if (periods.length === 0)
        throw new DashboardError(
          `service_index_region di ${store.root} kosong; jalankan pantau evaluate --period P dahulu`,
        );
      return new MartReader(duck, store, periods, await declaredColumns(), await methodologyDocument());
    } catch (e) {
      duck.close();
      throw e;
    }
  }

  /** A period's page data; its snapshot files are copied into the dashboard folder on the way. */
  async period(period: string): Promise<DashboardData> {
    const regions = await regionRows(this.duck, period, this.declared);
    const snapshot = await snapshotFor(this.store, period, DASHBOARD_PREFIX);
    const provisional = this.declared.service_index_region.has('calendar_provisional')
      ? 'coalesce(bool_or(calendar_provisional), false)'
      : 'false';
    const [row] = await this.duck.rows<{ v: string | null; provisional: boolean }>(
      `SELECT max(methodology_version) AS v, ${provisional} AS provisional FROM service_index_region WHERE period = $1`,
      [period],
    );
    const methodology = {
      ...methodologyOf(snapshot?.methodology_version ?? row?.v ?? null),
      document: this.document,
    };
    const offset = Number(
      (methodology.file.submission as { timezone_offset_hours?: number })?.timezone_offset_hours ?? 7,
    );
    const periods = trendPeriods(this.periods, period);
    return {
      period,
      available: this.periods,
      periods,
      generated_at: new Date().toISOString(),
      cutoff: await dataCutoff(this.duck, period, offset),
      calendar_provisional: snapshot?.calendar_provisional === true || row?.provisional === true,
      snapshot,
      methodology,
      regions: pack(regions),
      history: await indexHistory(this.duck, periods),
      units: await unitLists(this.duck, period),
      compliance: await complianceRows(this.duck, period),
      flags: await flagData(this.duck, period),
    };
  }

  close(): void {
    this.duck.close();
  }
}

/** The period a build opens on: the requested one (which must have a service index), else the latest. */
function openingPeriod(periods: string[], requested: string | undefined): string {
  if (requested === undefined) return periods.at(-1)!;
  const id = parsePeriod(requested)?.id;
  if (!id) throw new DashboardError(invalidPeriodMessage(requested));
  if (!periods.includes(id))
    throw new DashboardError(
      `service_index_region tidak berisi periode ${id}; periode yang ada: ${periods.join(', ')}`,
    );
  return id;
}

/** One period's page data (for tests and tools); the build uses the same reader. */
export async function loadDashboardData(store: LocalStore, period?: string): Promise<DashboardData> {
  const reader = await MartReader.open(store);
  try {
    return await reader.period(openingPeriod(reader.periods, period));
  } finally {
    reader.close();
  }
}

/**
 * Build the dashboard folder `published/dashboard/`: one self-contained page per period with a service
 * index (`{period}.html`: data, styles and chart.js inlined, a selector linking the others), `index.html`
 * (the opening period's page) and the snapshots' files under `unduh/`. Every link is relative, so the
 * folder works from any base path and from `file://`.
 */
export async function buildDashboard(
  options: BuildDashboardOptions,
): Promise<{ path: string; period: string; periods: string[] }> {
  const reader = await MartReader.open(options.lake);
  try {
    const opening = openingPeriod(reader.periods, options.period);
    const script = await bundleClient();
    for (const period of reader.periods) {
      const page = await renderPage(await reader.period(period), script);
      const html = { contentType: 'text/html; charset=utf-8' };
      await options.lake.write(periodPageKey(period), page, html);
      if (period === opening) await options.lake.write(DASHBOARD_KEY, page, html);
    }
    return { path: options.lake.path(DASHBOARD_KEY), period: opening, periods: reader.periods };
  } finally {
    reader.close();
  }
}
