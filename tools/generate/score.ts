import type { GroundTruth } from '#generate/index.ts';

/** Precision and recall of a predicted set against a true set. */
export interface Score {
  truth: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
}

export function score(truth: Iterable<string>, predicted: Iterable<string>): Score {
  const t = new Set(truth);
  const p = new Set(predicted);
  const matched = [...p].filter((k) => t.has(k)).length;
  return {
    truth: t.size,
    predicted: p.size,
    matched,
    precision: p.size === 0 ? 1 : matched / p.size,
    recall: t.size === 0 ? 1 : matched / t.size,
  };
}

type Row = Record<string, unknown>;
const key = (...parts: unknown[]) => parts.map(String).join('|');

/**
 * Score monitoring (missing, late and rejected submissions), the service index's missing components (v2:
 * `index` rows of `service_index_region`) and integrity flags (per period, region, unit and
 * flag; overall and per flag code) of an evaluated lake against a generated tree's ground truth, over the
 * generator's roster. Unit-periods
 * the truth excludes (where invalid probe rows make the exact answer depend on row-level choices) are left out
 * of both sides.
 */
export function scoreAgainstTruth(truth: GroundTruth, status: Row[], flags: Row[], index: Row[] = []) {
  // the generator's roster: every region at small scale and above, a dozen at tiny
  const roster = new Set(truth.submissions.map((r) => key(r.period, r.region_code, r.dataset)));
  const statusKeys = (s: string) =>
    status
      .filter((r) => r.status === s)
      .map((r) => key(r.period, r.region_code, r.dataset))
      .filter((k) => roster.has(k));
  const truthKeys = (rows: { period: string; region_code: string; dataset: string }[]) =>
    rows.map((r) => key(r.period, r.region_code, r.dataset));
  const excluded = new Set(
    (truth.integrity_excluded ?? []).map((e) => key(e.period, e.region_code, e.unit_id)),
  );
  const kept = <T extends { period: unknown; region_code: unknown; unit_id: unknown }>(rows: T[]) =>
    rows.filter((r) => !excluded.has(key(r.period, r.region_code, r.unit_id)));
  const flagKey = (r: { period: unknown; region_code: unknown; unit_id: unknown; flag: unknown }) =>
    key(r.period, r.region_code, r.unit_id, r.flag);
  const trueFlags = kept(truth.integrity);
  const predictedFlags = kept(
    flags as { period: unknown; region_code: unknown; unit_id: unknown; flag: unknown }[],
  );
  const codes = [...new Set([...trueFlags, ...predictedFlags].map((f) => String(f.flag)))].sort();
  // methodology v2 rule 4: every required dataset missing or only rejected is named in missing_components
  const components = index
    .flatMap((r) =>
      String(r.missing_components ?? '')
        .split(',')
        .filter(Boolean)
        .map((d) => key(r.period, r.region_code, d)),
    )
    .filter((k) => roster.has(k));
  return {
    missingComponents: score(truthKeys([...truth.missing, ...(truth.rejected ?? [])]), components),
    missing: score(truthKeys(truth.missing), statusKeys('missing')),
    late: score(truthKeys(truth.late), statusKeys('late')),
    rejected: score(truthKeys(truth.rejected ?? []), statusKeys('rejected')),
    integrity: score(trueFlags.map(flagKey), predictedFlags.map(flagKey)),
    byFlag: Object.fromEntries(
      codes.map((c) => [
        c,
        score(
          trueFlags.filter((f) => f.flag === c).map(flagKey),
          predictedFlags.filter((f) => f.flag === c).map(flagKey),
        ),
      ]),
    ),
  };
}
