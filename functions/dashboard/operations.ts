import type { Duck } from '#core/duckdb.ts';
import { type Field, martRows, martSource } from './mart.ts';
import type { ComplianceRow, FlagData, FlagRow, UnitList } from './model.ts';
import { type Packed, pack } from './pack.ts';

/** Units kept per region for the drill-down (lowest IKM first): keeps the page light at national scale. */
export const UNITS_PER_REGION = 10;
/** Flag rows kept in the page; counts are always exact. */
export const MAX_FLAG_ROWS = 3000;

const f = (as: string, type: Field['type'], from?: string[]): Field => ({
  as,
  type,
  ...(from ? { from } : {}),
});

const UNIT_FIELDS = [
  f('region_code', 'VARCHAR'),
  f('unit_id', 'VARCHAR'),
  f('unit_name', 'VARCHAR'),
  f('respondents', 'INTEGER'),
  f('ikm_konversi', 'DOUBLE'),
  f('mutu', 'VARCHAR'),
];

/** IKM by unit for every region, compact: the UNITS_PER_REGION lowest, and mutu counts over all units. */
export async function unitLists(duck: Duck, period: string): Promise<Record<string, UnitList>> {
  const source = await martSource(duck, 'ikm_unit', UNIT_FIELDS);
  const out: Record<string, UnitList> = {};
  if (!source) return out;
  const rows = await duck.rows<Record<string, unknown> & { region_code: string; n: number }>(
    `SELECT region_code, unit_id, unit_name, respondents, round(ikm_konversi, 2) AS ikm_konversi, mutu,
       CAST(row_number() OVER (PARTITION BY region_code ORDER BY ikm_konversi ASC NULLS LAST, unit_id) AS INTEGER) AS n
     FROM ${source} AS m WHERE period = $1 ORDER BY region_code, n`,
    [period],
  );
  for (const r of rows) {
    out[r.region_code] ??= { total: 0, mutu: {}, rows: [] };
    const list = out[r.region_code]!;
    list.total += 1;
    const mutu = str(r.mutu);
    if (mutu) list.mutu[mutu] = (list.mutu[mutu] ?? 0) + 1;
    if (r.n > UNITS_PER_REGION) continue;
    const id = String(r.unit_id ?? '');
    list.rows.push([id, String(r.unit_name ?? id), num(r.respondents), num(r.ikm_konversi), mutu]);
  }
  return out;
}

const COMPLIANCE_FIELDS = [
  f('region_code', 'VARCHAR'),
  f('dataset', 'VARCHAR'),
  f('status', 'VARCHAR'),
  f('submitted_at', 'VARCHAR'),
  f('deadline', 'VARCHAR'),
  f('accepted_rows', 'INTEGER'),
  f('rejected_rows', 'INTEGER'),
];

/** Submission status of every region and dataset in the period (times to the minute). */
export async function complianceRows(duck: Duck, period: string): Promise<Packed<ComplianceRow>> {
  const rows = await martRows<ComplianceRow>(
    duck,
    'submission_status',
    COMPLIANCE_FIELDS,
    period,
    'region_code, dataset',
  );
  const minute = (t: string | null) => t?.slice(0, 16) ?? null;
  return pack(
    rows.map((r) => ({ ...r, submitted_at: minute(r.submitted_at), deadline: minute(r.deadline) })),
  );
}

/** Most severe first, so a truncated list keeps the flags that matter (unknown severities last). */
const SEVERITY_ORDER = `CASE lower(severity) WHEN 'high' THEN 0 WHEN 'error' THEN 0 WHEN 'medium' THEN 1
  WHEN 'warning' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`;

const FLAG_FIELDS = [
  f('region_code', 'VARCHAR'),
  f('unit_id', 'VARCHAR'),
  f('dataset', 'VARCHAR'),
  f('flag', 'VARCHAR'),
  f('severity', 'VARCHAR'),
  f('metric', 'DOUBLE'),
  f('threshold', 'DOUBLE'),
  f('detail', 'VARCHAR'),
];

/** Integrity flags of the period: exact counts by flag, and the first MAX_FLAG_ROWS rows. */
export async function flagData(duck: Duck, period: string): Promise<FlagData> {
  const source = await martSource(duck, 'integrity_flags', FLAG_FIELDS);
  if (!source) return { total: 0, by_flag: [], rows: pack<FlagRow>([]) };
  const byFlag = await duck.rows<FlagData['by_flag'][number]>(
    `SELECT flag, coalesce(dataset, '') AS dataset, coalesce(severity, '') AS severity,
       CAST(count(*) AS INTEGER) AS count, CAST(count(DISTINCT region_code) AS INTEGER) AS regions
     FROM ${source} AS m WHERE period = $1 GROUP BY ALL ORDER BY count DESC, flag`,
    [period],
  );
  const rows = await duck.rows<FlagRow>(
    `SELECT region_code, unit_id, coalesce(dataset, '') AS dataset, flag, coalesce(severity, '') AS severity,
       metric, threshold, detail
     FROM ${source} AS m WHERE period = $1 ORDER BY ${SEVERITY_ORDER}, region_code, flag, unit_id LIMIT ${MAX_FLAG_ROWS}`,
    [period],
  );
  return { total: byFlag.reduce((s, r) => s + r.count, 0), by_flag: byFlag, rows: pack(rows) };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
