import { STATUS_LABEL } from '#core/contract/names.ts';
import type { Methodology } from '#core/methodology.ts';
import type { Period } from '#core/period.ts';
import { REGIONS } from '#core/regions.ts';
import { calendarSeed, holidaysInForce, readHolidays, yearsWithoutSkb } from './calendar.ts';
import type { Seed, SeedType, SeedValue } from './engine.ts';

/** `regions`: the roster of all 552 reporting regions. */
export function regionsSeed(): Seed {
  return {
    name: 'regions',
    columns: [
      { name: 'region_code', type: 'varchar' },
      { name: 'region_name', type: 'varchar' },
      { name: 'level', type: 'varchar' },
      { name: 'province_code', type: 'varchar' },
    ],
    rows: REGIONS.map((r) => [r.code, r.name, r.level, r.province_code]),
  };
}

/** `submission_status_labels`: each status code with the label analysts read (`status_label`, lower case). */
export function statusLabelSeed(): Seed {
  return {
    name: 'submission_status_labels',
    columns: [
      { name: 'status', type: 'varchar' },
      { name: 'status_label', type: 'varchar' },
    ],
    rows: Object.entries(STATUS_LABEL).map(([code, label]) => [code, label.toLowerCase()]),
  };
}

/** Scalars of the methodology as `path_to_field` → value (arrays become their own seeds). */
function flatten(value: unknown, prefix: string, out: Map<string, SeedValue>): void {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    out.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}_${k}` : k, out);
  }
}

/**
 * `methodology_params`: one row, one column per scalar of the methodology file (`ikm_konversi_factor`,
 * `complaints_verify_working_days`, `index_weights_ikm`, `ranking_min_respondents`, `integrity_…`), numbers
 * as double, plus `methodology_hash` and `index_scale_max` (top of the IPP bands, 5).
 */
export function methodologyParamsSeed(m: Methodology, hash: string): Seed {
  const values = new Map<string, SeedValue>();
  flatten(m, '', values);
  values.set('methodology_hash', hash);
  values.set('index_scale_max', Math.max(...m.index.bands.map((b) => b.max)));
  const entries = [...values];
  const type = (v: SeedValue): SeedType =>
    typeof v === 'number' ? 'double' : typeof v === 'boolean' ? 'boolean' : 'varchar';
  return {
    name: 'methodology_params',
    columns: entries.map(([name, v]) => ({ name, type: type(v) })),
    rows: [entries.map(([, v]) => v)],
  };
}

/** `ikm_grades` (mutu/kinerja bands of IKM konversi) and `ipp_bands` (index categories). */
export function bandSeeds(m: Methodology): Seed[] {
  return [
    {
      name: 'ikm_grades',
      columns: [
        { name: 'min_konversi', type: 'double' },
        { name: 'max_konversi', type: 'double' },
        { name: 'mutu', type: 'varchar' },
        { name: 'kinerja', type: 'varchar' },
      ],
      rows: m.ikm.grades.map((g) => [g.min, g.max, g.mutu, g.kinerja]),
    },
    {
      name: 'ipp_bands',
      columns: [
        { name: 'min_score', type: 'double' },
        { name: 'max_score', type: 'double' },
        { name: 'category', type: 'varchar' },
        { name: 'label', type: 'varchar' },
      ],
      rows: m.index.bands.map((b) => [b.min, b.max, b.category, b.label]),
    },
  ];
}

/**
 * Every seed a run needs; the calendar spans the year before the first period to two years after the last,
 * with the methodology's fixed-date holidays in the years the holiday file has no SKB for.
 */
export function seedsFor(periods: readonly Period[], m: Methodology, hash: string): Seed[] {
  const years = periods.map((p) => p.year);
  const [from, to] = [Math.min(...years) - 1, Math.max(...years) + 2];
  const file = readHolidays();
  const calendar = calendarSeed(
    from,
    to,
    holidaysInForce(from, to, m, file),
    yearsWithoutSkb(from, to, file),
  );
  return [regionsSeed(), statusLabelSeed(), methodologyParamsSeed(m, hash), ...bandSeeds(m), calendar];
}
