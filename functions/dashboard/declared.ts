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

/** Columns each mart declares (its SQL header: `-- column name type: …`), read once per build. */
export async function declaredColumns(): Promise<Record<DashboardMart, Set<string>>> {
  const models = await loadModels();
  const out = {} as Record<DashboardMart, Set<string>>;
  for (const mart of DASHBOARD_MARTS) {
    const model = models.find((m) => m.name === mart);
    out[mart] = new Set(model?.columns.map((c) => c.name) ?? []);
  }
  return out;
}
