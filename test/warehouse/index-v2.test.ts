import { beforeAll, describe, expect, test } from 'vitest';
import type { DatasetId } from '#core/datasets/index.ts';
import {
  buildWarehouse,
  type FixtureRow,
  methodologyWith,
  tempLake,
  writeSubmission,
} from './lake-fixture.ts';

const UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
const ALL_FOUR = UNSUR.map(() => 4);

/** `n` questionnaires of one unit with the same nine answers (null = unanswered). */
const skm = (unit: string, n: number, answers: readonly (number | null)[] = ALL_FOUR): FixtureRow[] =>
  Array.from({ length: n }, (_, i) => ({
    response_id: `${unit}-${i}`,
    unit_id: unit,
    unit_name: `Unit ${unit}`,
    survey_date: '2026-05-10',
    ...Object.fromEntries(UNSUR.map((u, k) => [u, answers[k] ?? null])),
  }));

/** A substantive forum: five stakeholder groups, an agreement, RTL 2 of 2, minutes → FKP terms all 1. */
const forum = (unit: string, date: string): FixtureRow => ({
  forum_id: `F-${unit}-${date}`,
  unit_id: unit,
  forum_date: date,
  participants_users: 10,
  participants_experts: 1,
  participants_agencies: 1,
  participants_cso: 1,
  participants_media: 1,
  agreements_count: 1,
  rtl_planned: 2,
  rtl_done: 2,
  berita_acara: true,
});

/** A complaint whose every timestamp is `at`: met on all three SLAs. */
const settled = (id: string, unit: string, at: string): FixtureRow => ({
  complaint_id: id,
  unit_id: unit,
  received_at: at,
  verified_at: at,
  followed_up_at: at,
  completed_at: at,
  status: 'selesai',
});

const UPLOAD = '2026-07-05T03:00:00Z'; // Sun 5 Jul 2026, 10:00 WIB

async function build(version: 'v1' | 'v2') {
  const store = await tempLake();
  const put = (dataset: DatasetId, region: string, rows: FixtureRow[], extra = {}, period = '2026-Q2') =>
    writeSubmission(store, { dataset, region, period }, rows, { uploaded_at: UPLOAD, ...extra });
  // 31.71: everything reported → IKM 5, complaints 5, FKP 5.
  await put('skm', '31.71', skm('U1', 3));
  await put('fkp', '31.71', [forum('U1', '2026-05-01')]);
  await put('complaints', '31.71', [settled('C1', 'U1', '2026-05-04 09:00:00')]);
  // 31.72: FKP not sent, complaints nihil.
  await put('skm', '31.72', skm('U1', 3));
  await put('complaints', '31.72', [], { nihil: true });
  // 31.73: FKP nihil (no forum held), complaints only rejected (an empty file is rejected, not nihil).
  await put('skm', '31.73', skm('U1', 3));
  await put('fkp', '31.73', [], { nihil: true });
  await put('complaints', '31.73', [], { status: 'rejected' });
  // 31.74: an accepted complaints entry without rows and without the nihil field (older ledger): missing.
  await put('skm', '31.74', skm('U1', 3));
  await put('fkp', '31.74', [forum('U1', '2026-05-01')]);
  await put('complaints', '31.74', []);
  // 31.75: FKP held in Q1 by U1; Q2 reports nihil; U2 joins in Q2 → year to date 1 of 2 units covered.
  await put('fkp', '31.75', [forum('U1', '2026-02-10')], {}, '2026-Q1');
  await put('skm', '31.75', [...skm('U1', 3), ...skm('U2', 3)]);
  await put('fkp', '31.75', [], { nihil: true });
  await put('complaints', '31.75', [], { nihil: true });
  // 31.71 in Q1: an SKM nihil report (no survey), FKP and complaints not sent.
  await put('skm', '31.71', [], { nihil: true }, '2026-Q1');
  // 32.01: nobody answered U9 in the whole region → no region IKM, not ranked.
  await put('skm', '32.01', skm('U1', 3, [4, 4, 4, 4, 4, 4, 4, 4, null]));
  // 32.02: U2's respondents answered U1 only; the region's pooled NRR still has all nine.
  await put('skm', '32.02', [...skm('U1', 3), ...skm('U2', 2, [4])]);
  // 32.03: Krejcie–Morgan for 200 annual users: v1 N 200 → 132; v2 N 50 → 44,34 → 44.
  await put('units', '32.03', [
    { unit_id: 'K1', unit_name: 'K1', unit_type: 'Puskesmas', annual_service_users: 200 },
    { unit_id: 'K2', unit_name: 'K2', unit_type: 'Puskesmas', annual_service_users: 200 },
    { unit_id: 'K3', unit_name: 'K3', unit_type: 'Puskesmas', annual_service_users: null },
  ]);
  await put('skm', '32.03', [...skm('K1', 44), ...skm('K2', 43), ...skm('K3', 2)]);
  // 32.04: grade A; 4 complaints done in time, 5 received 22 Jun still inside their 60 days at the cut-off.
  await put('skm', '32.04', skm('G', 3));
  await put('complaints', '32.04', [
    ...[1, 2, 3, 4].map((i) => settled(`G${i}`, 'G', '2026-04-06 09:00:00')),
    ...[5, 6, 7, 8, 9].map((i) => ({
      complaint_id: `G${i}`,
      unit_id: 'G',
      received_at: '2026-06-22 09:00:00',
      status: 'baru',
    })),
  ]);
  const file = await methodologyWith((m) => {
    m.ranking.min_respondents = 3;
  }, version);
  const engine = await buildWarehouse(store, ['2026-Q1', '2026-Q2'], file);
  try {
    const index = await engine.rows<Record<string, unknown>>(
      "select * from service_index_region where period = '2026-Q2' and region_code like '3%'",
    );
    const flags = await engine.rows<Record<string, unknown>>(
      "select region_code, unit_id, flag, metric, threshold, detail from integrity_flags where period = '2026-Q2'",
    );
    const units = await engine.rows<Record<string, unknown>>(
      "select region_code, unit_id, unsur_answered, ikm, mutu from ikm_unit where period = '2026-Q2'",
    );
    const q1 = await engine.rows<Record<string, unknown>>(
      "select * from service_index_region where period = '2026-Q1' and region_code = '31.71'",
    );
    return { region: (code: string) => index.find((r) => r.region_code === code)!, flags, units, q1: q1[0]! };
  } finally {
    await engine.close();
  }
}

describe('methodology v2 index rules (hand-computed), and v1 on the same lake', () => {
  let v1: Awaited<ReturnType<typeof build>>;
  let v2: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    v1 = await build('v1');
    v2 = await build('v2');
  });

  const pick = (r: Record<string, unknown>) => [
    r.ikm_score,
    r.complaint_score,
    r.fkp_score,
    r.missing_components,
    r.index_score,
  ];

  test('rule 4: missing scores 0, nihil complaints drop out, nihil FKP scores 0, rejected is missing', () => {
    expect(pick(v2.region('31.71'))).toEqual([5, 5, 5, '', 5]);
    // (0,5 × 5 + 0,2 × 0) / 0,7 = 3,571
    expect(pick(v2.region('31.72'))).toEqual([5, null, 0, 'fkp', 3.57]);
    expect(pick(v2.region('31.73'))).toEqual([5, 0, 0, 'complaints', 2.5]);
    // an accepted entry without rows and without `nihil` is not a nihil report: (2,5 + 0 + 1) / 1
    expect(pick(v2.region('31.74'))).toEqual([5, 0, 5, 'complaints', 3.5]);
    // v1 spread the weight of whatever had no data: all 5.00
    expect(pick(v1.region('31.72'))).toEqual([5, null, null, 'complaint,fkp', 5]);
    expect(pick(v1.region('31.73'))).toEqual([5, null, null, 'complaint,fkp', 5]);
    expect(pick(v1.region('31.74'))).toEqual([5, null, 5, 'complaint', 5]);
  });

  test('an SKM nihil report scores 0 and is not ranked, but is not missing', () => {
    expect([...pick(v2.q1), v2.q1.ranked]).toEqual([0, 0, 0, 'fkp,complaints', 0, false]);
    expect(v2.q1.score_reason).toBe(
      'Indeks 0,00 = (0,50 x IKM 0,00 + 0,30 x pengaduan 0,00 + 0,20 x FKP 0,00) / 1,00. Pengaduan tidak dikirim: dinilai 0. FKP tidak dikirim: dinilai 0. Laporan SKM nihil (tidak ada survei): dinilai 0, tidak diperingkat.',
    );
  });

  test('score_reason explains the formula and every component scored 0 or dropped', () => {
    expect(v2.region('31.72').score_reason).toBe(
      'Indeks 3,57 = (0,50 x IKM 5,00 + 0,20 x FKP 0,00) / 0,70. FKP tidak dikirim: dinilai 0. Laporan pengaduan nihil: bobotnya dialihkan ke komponen lain.',
    );
    expect(v2.region('31.73').score_reason).toBe(
      'Indeks 2,50 = (0,50 x IKM 5,00 + 0,30 x pengaduan 0,00 + 0,20 x FKP 0,00) / 1,00. Pengaduan hanya ditolak: dinilai 0. Laporan FKP nihil (tidak ada forum): dinilai 0.',
    );
  });

  test('rule 5: FKP over the year to date (Q1 forum counts in Q2; coverage 1 of 2 known units)', () => {
    // 5 × (0,4 × 1/2 + 0,3 × 5/5 + 0,3 × 2/2) = 4; index (0,5 × 5 + 0,2 × 4) / 0,7 = 4,714
    expect(pick(v2.region('31.75'))).toEqual([5, null, 4, '', 4.71]);
    expect(pick(v1.region('31.75'))).toEqual([5, null, null, 'complaint,fkp', 5]);
  });

  test('rule 7: no IKM for a unit or region missing an unsur; the region is not ranked', () => {
    const r76 = v2.region('32.01');
    expect([r76.ikm_score, r76.ranked, r76.not_ranked_reason]).toEqual([
      0,
      false,
      'Data SKM wilayah tidak lengkap: ada unsur tanpa jawaban, IKM tidak dihitung',
    ]);
    expect([v1.region('32.01').ikm_score, v1.region('32.01').ranked]).toEqual([5, true]);
    // 32.02: U2 answered one unsur only → no unit IKM and a flag; the region pools all five respondents.
    const u2 = (b: typeof v2) => b.units.find((u) => u.region_code === '32.02' && u.unit_id === 'U2');
    expect(u2(v2)).toMatchObject({ unsur_answered: 1, ikm: null, mutu: null });
    expect(u2(v1)).toMatchObject({ unsur_answered: 1, ikm: 4, mutu: 'A' });
    expect([v2.region('32.02').ikm_score, v2.region('32.02').ranked]).toEqual([5, true]);
    const incomplete = (b: typeof v2) => b.flags.filter((f) => f.flag === 'skm_incomplete_unsur');
    expect(incomplete(v2).sort((a, b) => String(a.region_code).localeCompare(String(b.region_code)))).toEqual(
      [
        {
          region_code: '32.01',
          unit_id: 'U1',
          flag: 'skm_incomplete_unsur',
          metric: 8,
          threshold: null,
          detail: 'Tidak ada jawaban untuk unsur U9: IKM unit tidak dihitung (3 responden)',
        },
        {
          region_code: '32.02',
          unit_id: 'U2',
          flag: 'skm_incomplete_unsur',
          metric: 1,
          threshold: null,
          detail:
            'Tidak ada jawaban untuk unsur U2, U3, U4, U5, U6, U7, U8, U9: IKM unit tidak dihitung (2 responden)',
        },
      ],
    );
    expect(incomplete(v1)).toEqual([]);
  });

  test("rule 6: Krejcie–Morgan on the period's users, rounded to nearest; unknown users no flag", () => {
    const km = (b: typeof v2) =>
      b.flags
        .filter((f) => f.flag === 'skm_undersampled' && f.region_code === '32.03')
        .map((f) => [f.unit_id, f.metric, f.threshold]);
    expect(km(v2)).toEqual([['K2', 43, 44]]);
    expect(km(v1).sort()).toEqual([
      ['K1', 44, 132],
      ['K2', 43, 132],
    ]);
  });

  test('the grade-vs-complaints flag counts due complaints only (v1: 4 of 9, v2: 4 of 4 due)', () => {
    const g = (b: typeof v2) => b.flags.filter((f) => f.flag === 'skm_grade_vs_complaints');
    expect(g(v2)).toEqual([]);
    expect(g(v1).map((f) => f.detail)).toEqual([
      'Mutu SKM A tetapi hanya 4 dari 9 pengaduan selesai dalam 60 hari',
    ]);
  });
});
