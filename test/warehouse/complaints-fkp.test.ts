import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { buildWarehouse, complaintRow, type FixtureRow, tempLake, writeCurated } from './lake-fixture.ts';

// 2026 calendar (SKB 1497/2025): 18 Mar cuti bersama, 19 Mar Nyepi, 20 Mar cuti, 21–22 Mar Idul Fitri
// (weekend), 23–24 Mar cuti bersama, 3 Apr Wafat Yesus Kristus.
const COMPLAINTS: FixtureRow[] = [
  // Received Tue 17 Mar, verified Wed 25 Mar: 8 calendar days but 1 working day (holiday week) → on time.
  // Follow-up Wed 1 Apr: 26, 27, 30, 31 Mar, 1 Apr = 5 working days → on time. Completed 16 May = 60 days.
  complaintRow('c1', 'U1', {
    received_at: '2026-03-17 09:00:00',
    verified_at: '2026-03-25 10:00:00',
    followed_up_at: '2026-04-01 10:00:00',
    completed_at: '2026-05-16 08:00:00',
  }),
  // Verified after 4 working days (27, 30, 31 Mar, 1 Apr) → late; follow-up 9 Apr = 5 working days (3 Apr
  // is a holiday) → on time; completed after 61 days → late.
  complaintRow('c2', 'U1', {
    received_at: '2026-03-26 09:00:00',
    verified_at: '2026-04-01 09:00:00',
    followed_up_at: '2026-04-09 09:00:00',
    completed_at: '2026-05-26 09:00:00',
  }),
  complaintRow(
    'c3',
    'U1',
    {
      received_at: '2026-02-02 09:00:00',
      verified_at: '2026-02-03 09:00:00',
      followed_up_at: '2026-02-04 09:00:00',
      completed_at: '2026-02-10 09:00:00',
    },
    'selesai',
  ),
  // Archived: neither on time nor open at period end.
  complaintRow('c4', 'U1', { received_at: '2026-03-30 09:00:00' }, 'diarsipkan'),
  // Impossible timeline: completed before received.
  complaintRow(
    'c5',
    'U1',
    { received_at: '2026-03-10 09:00:00', completed_at: '2026-03-05 09:00:00' },
    'selesai',
  ),
  complaintRow(
    'c6',
    'U2',
    {
      received_at: '2026-01-05 09:00:00',
      verified_at: '2026-01-06 09:00:00',
      followed_up_at: '2026-01-07 09:00:00',
      completed_at: '2026-01-25 09:00:00',
    },
    'selesai',
  ),
];

const forum = (
  id: string,
  unit: string,
  groups: number[],
  agreements: number,
  rtl: [number, number],
  beritaAcara: boolean,
): FixtureRow => ({
  forum_id: id,
  unit_id: unit,
  unit_name: `Unit ${unit}`,
  forum_date: '2026-02-20',
  mode: 'luring',
  topic: 'Standar pelayanan',
  participants_users: groups[0]!,
  participants_experts: groups[1]!,
  participants_agencies: groups[2]!,
  participants_cso: groups[3]!,
  participants_media: groups[4]!,
  agreements_count: agreements,
  rtl_planned: rtl[0],
  rtl_done: rtl[1],
  berita_acara: beritaAcara,
  published: true,
});

const FORUMS: FixtureRow[] = [
  forum('f1', 'U1', [10, 2, 1, 0, 0], 2, [3, 2], true), // 3 groups, substantive
  forum('f2', 'U1', [20, 0, 0, 0, 0], 1, [1, 0], true), // ceremonial: one stakeholder group only
  forum('f3', 'U2', [5, 0, 0, 0, 1], 0, [0, 0], false), // ceremonial: no agreement, no RTL, no berita acara
];

describe('complaint and FKP marts', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    const store = await tempLake();
    await writeCurated(store, 'complaints', '2026-Q1', '31.71', COMPLAINTS);
    await writeCurated(store, 'fkp', '2026-Q1', '31.71', FORUMS);
    await writeCurated(store, 'units', '2026-Q1', '31.71', [
      { unit_id: 'U3', unit_name: 'Unit 3', unit_type: 'Puskesmas', annual_service_users: 1000 },
    ]);
    engine = await buildWarehouse(store, ['2026-Q1'], 'v1'); // hand-computed for v1; v2: methodology-v2 tests
  });
  afterAll(() => engine.close());

  test('complaint_region counts on the working-day calendar', async () => {
    const [r] = await engine.rows('select * exclude (year, quarter) from complaint_region');
    expect(r).toMatchObject({
      received: '6',
      verified_on_time: '3', // c1, c3, c6
      followed_up_on_time: '4', // c1, c2, c3, c6
      completed_on_time: '3', // c1 (60 days), c3, c6
      completed_by_period_end: '2', // c3, c6
      open_at_period_end: '2', // c1, c2
      impossible_timelines: '1',
      median_days_to_completion: 40, // 8, 20, 60, 61
      share_verified_on_time: 0.5,
    });
    // 5 × (0.25 × 3/6 + 0.25 × 4/6 + 0.5 × 3/6)
    expect(r!.complaint_score).toBeCloseTo(5 * (0.25 * 0.5 + 0.25 * (4 / 6) + 0.5 * 0.5), 12);
  });

  test('complaint_unit per unit, odd-count median', async () => {
    const rows = await engine.rows(
      'select unit_id, received, verified_on_time, median_days_to_completion from complaint_unit order by unit_id',
    );
    expect(rows).toEqual([
      { unit_id: 'U1', received: '5', verified_on_time: '2', median_days_to_completion: 60 },
      { unit_id: 'U2', received: '1', verified_on_time: '1', median_days_to_completion: 20 },
    ]);
  });

  test('fkp_unit: stakeholder groups, RTL, ceremonial forums', async () => {
    const rows = await engine.rows(
      'select unit_id, forums, mean_stakeholder_groups, rtl_completion_rate, berita_acara_share, ceremonial_forums from fkp_unit order by unit_id',
    );
    expect(rows).toEqual([
      {
        unit_id: 'U1',
        forums: '2',
        mean_stakeholder_groups: 2,
        rtl_completion_rate: 0.5,
        berita_acara_share: 1,
        ceremonial_forums: '1',
      },
      {
        unit_id: 'U2',
        forums: '1',
        mean_stakeholder_groups: 2,
        rtl_completion_rate: null,
        berita_acara_share: 0,
        ceremonial_forums: '1',
      },
    ]);
  });

  test('fkp_region: coverage of known units (registry + data) and FKP score', async () => {
    const [r] = await engine.rows('select * exclude (year, quarter) from fkp_region');
    expect(r).toMatchObject({
      forums: '3',
      units_with_forum: '2',
      units_known: '3',
      ceremonial_forums: '2',
      rtl_completion_rate: 0.5,
    });
    expect(r!.coverage_share).toBeCloseTo(2 / 3, 12);
    // 5 × (0.4 × 2/3 + 0.3 × 2/5 + 0.3 × 0.5)
    expect(r!.fkp_score).toBeCloseTo(5 * (0.4 * (2 / 3) + 0.3 * 0.4 + 0.3 * 0.5), 12);
  });
});
