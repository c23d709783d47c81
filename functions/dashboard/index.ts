import { invalidPeriodMessage } from '#core/contract/names.ts';
import type { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import type { DashboardData } from './model.ts';
import { DASHBOARD_PREFIX, DashboardError, MartReader } from './reader.ts';
import { bundleClient, renderPage } from './render.ts';

export { DASHBOARD_PREFIX, DashboardError } from './reader.ts';

export interface BuildDashboardOptions {
  lake: LocalStore;
  /** Period `index.html` opens on. @default the latest period that has `service_index_region` */
  period?: string;
}

/** Key of the page the dashboard opens on. */
export const DASHBOARD_KEY = `${DASHBOARD_PREFIX}index.html`;
/** Key of a period's page. */
export const periodPageKey = (period: string) => `${DASHBOARD_PREFIX}${period}.html`;

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
