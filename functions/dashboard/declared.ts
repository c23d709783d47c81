import { martDeclarations } from '#warehouse/marts.ts';
import { loadModels } from '#warehouse/models.ts';

/** The marts the dashboard reads: each must exist in the lake (built by `pantau transform`). */
export const DASHBOARD_MARTS = [
  'service_index_region',
  'ikm_region',
  'ikm_unit',
  'complaint_region',
  'fkp_region',
  'submission_status',
  'integrity_flags',
] as const;
export type DashboardMart = (typeof DASHBOARD_MARTS)[number];

/** Columns each mart declares (the one declaration the runner checks every partition against). */
export async function declaredColumns(): Promise<Record<DashboardMart, Set<string>>> {
  const marts = martDeclarations(await loadModels());
  const out = {} as Record<DashboardMart, Set<string>>;
  for (const name of DASHBOARD_MARTS) {
    const mart = marts.find((m) => m.name === name);
    if (!mart) throw new Error(`the dashboard reads ${name}, which no model declares`);
    out[name] = new Set(mart.columns.map((c) => c.name));
  }
  return out;
}
