import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildWarehouse,
  type ComplaintTimes,
  complaintRow,
  type FixtureRow,
  tempLake,
  writeSubmission,
} from './lake-fixture.ts';

/** One complaint in a unit of its own (unit id = complaint id), so complaint_unit shows it alone. */
const complaint = (id: string, status: string, times: ComplaintTimes): FixtureRow =>
  complaintRow(id, id, times, status);

// February 2026: Mon 2, Tue 3, … Fri 6, Sat 7, Sun 8, Mon 9. No holiday that week.
const FEB = {
  // Window of 3 working days from Tue 3 closes on Fri 6 (an event on Sat 7 or Sun 8 still counts 3).
  P1: complaint('P1', 'baru', { received_at: '2026-02-03 09:00:00' }),
  P2: complaint('P2', 'terverifikasi', {
    received_at: '2026-02-03 09:00:00',
    verified_at: '2026-02-07 08:00:00',
  }),
  // Every timestamp equal: met everywhere, not impossible.
  P3: complaint('P3', 'selesai', {
    received_at: '2026-02-02 09:00:00',
    verified_at: '2026-02-02 09:00:00',
    followed_up_at: '2026-02-02 09:00:00',
    completed_at: '2026-02-02 09:00:00',
  }),
  P4: complaint('P4', 'diarsipkan', {
    received_at: '2026-02-02 09:00:00',
    verified_at: '2026-02-03 10:00:00',
  }),
  // Follow-up before verification.
  P5: complaint('P5', 'proses', {
    received_at: '2026-02-02 09:00:00',
    verified_at: '2026-02-04 09:00:00',
    followed_up_at: '2026-02-03 09:00:00',
  }),
  // `selesai` without a completion time.
  P6: complaint('P6', 'selesai', { received_at: '2026-02-02 09:00:00', verified_at: '2026-02-02 10:00:00' }),
  // Completion before follow-up.
  P7: complaint('P7', 'selesai', {
    received_at: '2026-02-02 09:00:00',
    verified_at: '2026-02-02 10:00:00',
    followed_up_at: '2026-02-04 09:00:00',
    completed_at: '2026-02-03 09:00:00',
  }),
};
// Received Fri 2 Jan 2026 (1 Jan is a holiday): 3 Mar is day 60, 4 Mar day 61.
const D1 = complaint('D1', 'proses', {
  received_at: '2026-01-02 09:00:00',
  verified_at: '2026-01-05 09:00:00',
  followed_up_at: '2026-01-06 09:00:00',
});
// Received Tue 13 Jan, verified Mon 19 Jan: 14, 15, (Fri 16 Isra Mikraj), 19 → 3 working days, met.
const H2 = complaint('H2', 'terverifikasi', {
  received_at: '2026-01-13 09:00:00',
  verified_at: '2026-01-19 09:00:00',
});
// Received Tue 29 Dec 2026, verified Mon 4 Jan 2027: 30, 31 Dec, (Fri 1 Jan: a fixed-date holiday in v2;
// 2027 has no SKB, so v1 counts it as a working day), 4 Jan → v2 3 working days (met), v1 4 (missed).
const N1 = complaint('N1', 'terverifikasi', {
  received_at: '2026-12-29 09:00:00',
  verified_at: '2027-01-04 09:00:00',
});

const SLA_COLUMNS = ['verification', 'follow_up', 'completion'].flatMap((s) =>
  ['met', 'missed', 'pending'].map((k) => `${s}_${k}`),
);
type Row = Record<string, unknown>;

/** The nine counts of a row as numbers, in SLA order (met, missed, pending per SLA). */
const counts = (r: Row | undefined) => SLA_COLUMNS.map((c) => Number(r?.[c]));

async function build(version: 'v1' | 'v2') {
  const store = await tempLake();
  const at = (region: string, period: string, rows: FixtureRow[], uploaded_at: string) =>
    writeSubmission(store, { dataset: 'complaints', region, period }, rows, { uploaded_at });
  await at('31.71', '2026-Q1', Object.values(FEB), '2026-02-07T03:00:00Z'); // Sat 7 Feb 10:00 WIB
  await at(
    '31.72',
    '2026-Q1',
    [FEB.P1, { ...FEB.P2, verified_at: '2026-02-09 00:30:00' }],
    '2026-02-08T18:00:00Z',
  ); // Sun 18:00 UTC = Mon 9 Feb 01:00 WIB
  await at('31.73', '2026-Q1', [D1], '2026-03-03T03:00:00Z');
  await at('31.74', '2026-Q1', [D1, H2], '2026-03-04T03:00:00Z');
  await at('31.76', '2026-Q1', [FEB.P1], '2026-02-07T03:00:00Z');
  await at('31.75', '2026-Q4', [N1], '2027-01-10T03:00:00Z');
  const engine = await buildWarehouse(store, ['2026-Q1', '2026-Q4'], version);
  try {
    const units = await engine.rows<Row>('select * from complaint_unit');
    const regions = await engine.rows<Row>('select * from complaint_region');
    const index = await engine.rows<Row>(
      "select period, region_code, calendar_provisional, score_reason from service_index_region where region_code like '31.7%'",
    );
    const unit = (id: string) => units.find((r) => r.unit_id === id);
    const region = (code: string) => regions.find((r) => r.region_code === code);
    return { unit, region, units, index };
  } finally {
    await engine.close();
  }
}

describe('methodology v2 complaint rules (hand-computed), and v1 on the same lake', () => {
  let v2: Awaited<ReturnType<typeof build>>;
  let v1: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    v1 = await build('v1');
    v2 = await build('v2');
  });

  test('rule 1: pending while the window is open at the cut-off; a window closing Friday is open on Saturday', () => {
    //                           verification  follow-up   completion
    expect(counts(v2.unit('P1'))).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 1]); // not verified: no follow-up SLA
    expect(counts(v2.unit('P2'))).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 1]); // verified Saturday: 3 working days
    expect(counts(v2.unit('P3'))).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0]); // every timestamp equal
    // Cut-off Sunday 18:00 UTC is Monday in WIB: the window closed, both missed.
    const r72 = v2.region('31.72');
    expect(counts(r72)).toEqual([0, 2, 0, 0, 0, 1, 0, 0, 2]);
  });

  test('rule 1: the 60 days are calendar days; day 60 at the cut-off is pending, day 61 missed', () => {
    expect(counts(v2.region('31.73'))).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(counts(v2.unit('D1')).slice(6)).toEqual([0, 0, 1]);
    const d1At61 = v2.units.find((r) => r.unit_id === 'D1' && r.region_code === '31.74');
    expect(counts(d1At61).slice(6)).toEqual([0, 1, 0]);
  });

  test('a holiday inside the window does not count (Isra Mikraj, Fri 16 Jan 2026)', () => {
    expect(counts(v2.unit('H2')).slice(0, 3)).toEqual([1, 0, 0]);
    expect(counts(v1.unit('H2')).slice(0, 3)).toEqual([1, 0, 0]);
  });

  test('rule 2: archived complaints count in verification only (v1: in all three, missed)', () => {
    expect(counts(v2.unit('P4'))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(counts(v1.unit('P4'))).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 0]);
  });

  test('rule 3: shares over due complaints; an SLA with nothing due drops out, weights re-normalised', () => {
    const r = v2.region('31.71')!;
    // verification 6 met / 6 due (P1 pending); follow-up 2 met (P3, P7) / 3 due (P5 missed; P2, P6
    // pending; P1 unverified, P4 archived); completion 2 met (P3, P7) / 2 due.
    expect([r.verification_share, r.follow_up_share, r.completion_share]).toEqual([1, 2 / 3, 1]);
    expect(r.complaint_score).toBeCloseTo(5 * (0.25 * 1 + 0.25 * (2 / 3) + 0.5 * 1), 12);
    // 31.72: only verification is due (0 of 2): 5 × 0.25 × 0 / 0.25.
    expect(v2.region('31.72')!.complaint_score).toBe(0);
    // 31.73: verification and follow-up due, completion pending: 5 × (0.25 + 0.25) / 0.5.
    expect(v2.region('31.73')!.complaint_score).toBeCloseTo(5, 12);
    // 31.76: nothing due at all: no measurable complaints.
    expect(v2.region('31.76')!.complaint_score).toBeNull();
    // v1 on the same rows: 5 × (0.25 × 6/7 + 0.25 × 2/7 + 0.5 × 2/7).
    expect(v1.region('31.71')!.complaint_score).toBeCloseTo((5 * 3) / 7, 12);
  });

  test('rule 8: follow-up before verification, completion before follow-up, selesai without completion', () => {
    const impossible = (b: typeof v2) =>
      b.units.filter((r) => Number(r.impossible_timelines) > 0).map((r) => `${r.region_code}/${r.unit_id}`);
    expect(impossible(v2).sort()).toEqual(['31.71/P5', '31.71/P6', '31.71/P7']);
    expect(impossible(v1)).toEqual([]);
  });

  test('rule 9: New Year 2027 is a holiday in v2 although 2027 has no SKB; the snapshot says provisional', () => {
    expect(counts(v2.unit('N1')).slice(0, 3)).toEqual([1, 0, 0]);
    expect(counts(v1.unit('N1')).slice(0, 3)).toEqual([0, 1, 0]);
    const provisional = (period: string) =>
      v2.index.find((r) => r.period === period && r.region_code === '31.75')!.calendar_provisional;
    expect(provisional('2026-Q4')).toBe(true);
    expect(
      v2.index.find((r) => r.period === '2026-Q1' && r.region_code === '31.71')!.calendar_provisional,
    ).toBe(false);
  });

  test('v1 and v2 differ exactly where the rules say', () => {
    const differing = v2.units
      .filter((r) => {
        const old = v1.units.find((o) => o.region_code === r.region_code && o.unit_id === r.unit_id);
        return (
          JSON.stringify(counts(old)) !== JSON.stringify(counts(r)) ||
          old?.impossible_timelines !== r.impossible_timelines
        );
      })
      .map((r) => `${r.region_code}/${r.unit_id}`)
      .sort();
    // Every complaint with an event still open at the cut-off (H2: completion day 50 of 60), plus P4
    // (archived), P5–P7 (timelines), N1 (New Year). P3 and D1 at day 61 (nothing pending) are the same.
    expect(differing).toEqual([
      '31.71/P1',
      '31.71/P2',
      '31.71/P4',
      '31.71/P5',
      '31.71/P6',
      '31.71/P7',
      '31.72/P1',
      '31.72/P2',
      '31.73/D1',
      '31.74/H2',
      '31.75/N1',
      '31.76/P1',
    ]);
  });
});
