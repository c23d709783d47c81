import { REGIONS } from '#core/regions.ts';
import { HOSTILE, type Row, random } from './fixture-rows.ts';

const UNIT_KINDS = [
  'Dinas Kependudukan dan Pencatatan Sipil',
  'RSUD',
  'DPMPTSP',
  'Dinas Sosial',
  'Puskesmas Kecamatan',
  'Samsat',
];
const FLAGS: [string, string, string][] = [
  ['skm_straightlining', 'skm', 'high'],
  ['skm_all_max', 'skm', 'medium'],
  ['skm_burst', 'skm', 'high'],
  ['skm_undersampled', 'skm', 'low'],
  ['fkp_ceremonial', 'fkp', 'medium'],
  ['complaint_impossible_timeline', 'complaints', 'high'],
];
const STATUSES = [
  'on_time',
  'on_time',
  'on_time',
  'on_time',
  'on_time',
  'on_time',
  'on_time',
  'late',
  'missing',
  'rejected',
];

/** `ikm_unit`: 2–6 units per region; one unit name in DKI Jakarta is hostile markup. */
export function unitRows(period: string, seed: number): Row[] {
  const rnd = random(seed);
  return REGIONS.flatMap((r) =>
    UNIT_KINDS.slice(0, 2 + Math.floor(rnd() * 5)).map((kind, i) => {
      const konversi = Math.round((68 + rnd() * 30) * 100) / 100;
      return {
        period,
        region_code: r.code,
        unit_id: `${r.code.replace('.', '')}-U${String(i + 1).padStart(2, '0')}`,
        unit_name: r.code === '31' && i === 0 ? HOSTILE : `${kind} ${r.name}`,
        respondents: 20 + Math.floor(rnd() * 300),
        ikm: Math.round((konversi / 25) * 1000) / 1000,
        ikm_konversi: konversi,
        mutu: konversi > 88.3 ? 'A' : konversi > 76.6 ? 'B' : konversi >= 65 ? 'C' : 'D',
        kinerja: konversi > 88.3 ? 'Sangat Baik' : konversi > 76.6 ? 'Baik' : 'Kurang Baik',
      };
    }),
  );
}

/** `complaint_region`, `fkp_region` and `ikm_region`: one row per region each. */
export function regionVolumes(period: string, seed: number): Record<string, Row[]> {
  const rnd = random(seed);
  const rows = (f: (code: string) => Row) =>
    REGIONS.map((r) => ({ period, region_code: r.code, ...f(r.code) }));
  return {
    complaint_region: rows(() => ({
      received: Math.floor(rnd() * 400),
      verified_within_sla_share: Math.round(rnd() * 100) / 100,
    })),
    fkp_region: rows(() => ({ forums: Math.floor(rnd() * 12), units_covered: Math.floor(rnd() * 6) })),
    ikm_region: rows(() => ({
      units: 2 + Math.floor(rnd() * 5),
      respondents: 100 + Math.floor(rnd() * 900),
      ikm_konversi: 80,
      mutu: 'B',
    })),
  };
}

/** `submission_status`: every region × dataset, mostly on time. */
export function statusRows(period: string, deadline: string, seed: number): Row[] {
  const rnd = random(seed);
  return REGIONS.flatMap((r) =>
    ['skm', 'fkp', 'complaints'].map((dataset) => {
      const status = STATUSES[Math.floor(rnd() * STATUSES.length)]!;
      const day = status === 'late' ? 20 : 5 + Math.floor(rnd() * 9);
      return {
        period,
        region_code: r.code,
        dataset,
        status,
        submitted_at:
          status === 'missing' ? null : `${deadline.slice(0, 8)}${String(day).padStart(2, '0')} 09:30:00`,
        deadline: `${deadline} 23:59:59`,
        accepted_rows: status === 'missing' || status === 'rejected' ? 0 : 100 + Math.floor(rnd() * 2000),
        rejected_rows: status === 'missing' ? 0 : Math.floor(rnd() * (status === 'rejected' ? 500 : 20)),
      };
    }),
  );
}

/** `integrity_flags`: about 180 flags; one detail is hostile markup. */
export function flagRows(period: string, seed: number): Row[] {
  const rnd = random(seed);
  return Array.from({ length: 180 }, (_, i) => {
    const region = REGIONS[Math.floor(rnd() * REGIONS.length)]!;
    const [flag, dataset, severity] = FLAGS[Math.floor(rnd() ** 2 * FLAGS.length)]!;
    const metric = Math.round(rnd() * 1000) / 1000;
    return {
      period,
      region_code: region.code,
      unit_id: `${region.code.replace('.', '')}-U01`,
      dataset,
      flag,
      severity,
      metric,
      threshold: 0.5,
      detail: i === 3 ? HOSTILE : `${Math.round(metric * 100)} % kuesioner terdeteksi pada unit ini`,
    };
  });
}
