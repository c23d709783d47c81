import { attachLake } from '#core/catalog.ts';
import { lake as lakeKeys } from '#core/contract/lake.ts';
import { CURATED_TABLES } from '#core/contract/names.ts';
import { Duck } from '#core/duckdb.ts';
import type { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { isMethodologyVersion } from '#core/methodology-versions.ts';
import { DASHBOARD_MARTS, type DashboardMart, declaredColumns } from './declared.ts';
import { methodologyDocument } from './markdown.ts';
import type { DashboardData, MethodologyInfo } from './model.ts';
import { complianceRows, dataCutoff, flagData, unitLists } from './operations.ts';
import { pack } from './pack.ts';
import { indexHistory, indexPeriods, regionRows, trendPeriods } from './ranking.ts';
import { snapshotFor } from './snapshot.ts';

/** The dashboard could not be built; the message says why, in Bahasa Indonesia. */
export class DashboardError extends Error {
  override name = 'DashboardError';
}

/** Folder of the dashboard in the lake: `index.html`, one `{period}.html` per period, `unduh/`. */
export const DASHBOARD_PREFIX = lakeKeys.dashboardPrefix;

/** The methodology of a shipped version, else the one in force; `document` is set later. */
async function methodologyOf(version: string | null): Promise<Omit<MethodologyInfo, 'document'>> {
  const { methodology } = await loadMethodology(
    version !== null && isMethodologyVersion(version) ? version : undefined,
  );
  const bands = [...methodology.index.bands]
    .reverse()
    .map(({ category, label, min, max }) => ({ category, label, min, max }));
  return { version: methodology.version, file: methodology as unknown as Record<string, unknown>, bands };
}

/** An open view of the lake's marts: the periods they hold and what each mart declares. */
export class MartReader {
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
      // the pages read marts and the ledger, never a curated table's rows: those views are not made
      const tables = new Set(await attachLake(duck, store.root, (name) => !CURATED_TABLES.includes(name)));
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
      ...(await methodologyOf(snapshot?.methodology_version ?? row?.v ?? null)),
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
