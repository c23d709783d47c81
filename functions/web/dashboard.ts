/**
 * The folder of the published dashboard on the site (`/dashboard/…`) and in the bucket CloudFront reads it
 * from (`dashboard/index.html`, …).
 */
export const SITE_DASHBOARD_PREFIX = 'dashboard/';

/** Content types of the files of the dashboard folder (`pantau dashboard`). */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  md: 'text/markdown; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

/**
 * A file of the dashboard folder named in a request (`index.html`, `2026-Q3.html`,
 * `unduh/2026-Q3/{run}/service_index_region.csv`): plain segments only, a known type; otherwise undefined.
 */
export function dashboardFile(requested: string): { path: string; type: string } | undefined {
  const segments = requested.split('/');
  if (segments.some((s) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) || s.includes('..'))) return undefined;
  const type = TYPES[requested.split('.').pop() ?? ''];
  return type ? { path: segments.join('/'), type } : undefined;
}
