import type { Duck } from '#core/duckdb.ts';
import type { ComplianceRow, FlagData, FlagRow, UnitList } from './model.ts';
import { type Packed, pack } from './pack.ts';

/** Units kept per region for the drill-down (lowest IKM first): keeps the page light at national scale. */
export const UNITS_PER_REGION = 20;
/** Flag rows kept in the page; counts are always exact. */
export const MAX_FLAG_ROWS = 3000;

/** IKM by unit for every region, compact: the UNITS_PER_REGION lowest, and mutu counts over all units. */
export async function unitLists(duck: Duck, period: string): Promise<Record<string, UnitList>> {
  const rows = await duck.rows<{
    region_code: string;
    unit_id: string;
    unit_name: string | null;
    respondents: number | null;
    ikm_konversi: number | null;
    mutu: string | null;
    n: number;
  }>(
    `SELECT region_code, unit_id, unit_name, CAST(respondents AS INTEGER) AS respondents,
       CAST(round(ikm_konversi, 2) AS DOUBLE) AS ikm_konversi, mutu,
       CAST(row_number() OVER (PARTITION BY region_code ORDER BY ikm_konversi ASC NULLS LAST, unit_id) AS INTEGER) AS n
     FROM ikm_unit WHERE period = $1 ORDER BY region_code, n`,
    [period],
  );
  const out: Record<string, UnitList> = {};
  for (const r of rows) {
    out[r.region_code] ??= { total: 0, mutu: {}, rows: [] };
    const list = out[r.region_code]!;
    list.total += 1;
    if (r.mutu) list.mutu[r.mutu] = (list.mutu[r.mutu] ?? 0) + 1;
    if (r.n <= UNITS_PER_REGION)
      list.rows.push([r.unit_id, r.unit_name ?? r.unit_id, r.respondents, r.ikm_konversi, r.mutu]);
  }
  return out;
}

/** Submission status of every region and dataset in the period (times in WIB, to the minute). */
export async function complianceRows(duck: Duck, period: string): Promise<Packed<ComplianceRow>> {
  const rows = await duck.rows<ComplianceRow>(
    `SELECT region_code, dataset, status,
       strftime(submitted_at, '%Y-%m-%d %H:%M') AS submitted_at, strftime(deadline, '%Y-%m-%d %H:%M') AS deadline,
       CAST(accepted_rows AS INTEGER) AS accepted_rows, CAST(rejected_rows AS INTEGER) AS rejected_rows
     FROM submission_status WHERE period = $1 ORDER BY region_code, dataset`,
    [period],
  );
  return pack(rows);
}

/** Most severe first, so a truncated list keeps the flags that matter (unknown severities last). */
const SEVERITY_ORDER = `CASE lower(severity) WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END`;

/** Integrity flags of the period: exact counts by flag, and the first MAX_FLAG_ROWS rows. */
export async function flagData(duck: Duck, period: string): Promise<FlagData> {
  const byFlag = await duck.rows<FlagData['by_flag'][number]>(
    `SELECT flag, coalesce(dataset, '') AS dataset, coalesce(severity, '') AS severity,
       CAST(count(*) AS INTEGER) AS count, CAST(count(DISTINCT region_code) AS INTEGER) AS regions
     FROM integrity_flags WHERE period = $1 GROUP BY ALL ORDER BY count DESC, flag`,
    [period],
  );
  const rows = await duck.rows<FlagRow>(
    `SELECT region_code, unit_id, coalesce(dataset, '') AS dataset, flag, coalesce(severity, '') AS severity,
       CAST(metric AS DOUBLE) AS metric, CAST(threshold AS DOUBLE) AS threshold, detail
     FROM integrity_flags WHERE period = $1
     ORDER BY ${SEVERITY_ORDER}, region_code, flag, unit_id LIMIT ${MAX_FLAG_ROWS}`,
    [period],
  );
  return { total: byFlag.reduce((s, r) => s + r.count, 0), by_flag: byFlag, rows: pack(rows) };
}

/**
 * The data cut-off of a period: the upload time of its newest accepted submission (the ledger stores
 * UTC; shown in WIB, `offsetHours` from the methodology). `null` when nothing was accepted.
 */
export async function dataCutoff(duck: Duck, period: string, offsetHours: number): Promise<string | null> {
  const [row] = await duck.rows<{ cutoff: string | null }>(
    `SELECT strftime(max(uploaded_at) + to_hours(CAST($2 AS INTEGER)), '%Y-%m-%d %H:%M') AS cutoff
     FROM submissions WHERE period = $1 AND status = 'accepted'`,
    [period, offsetHours],
  );
  return row?.cutoff ?? null;
}
