import { expect, test } from 'vitest';
import { loadMethodology } from '#core/methodology.ts';
import { calendarSeed, holidaysInForce, readHolidays, yearsWithoutSkb } from '#warehouse/calendar.ts';

const file = readHolidays();
const methodologies = {
  v1: (await loadMethodology('v1')).methodology,
  v2: (await loadMethodology('v2')).methodology,
};
const day = (version: 'v1' | 'v2', date: string) => {
  const methodology = methodologies[version];
  const seed = calendarSeed(
    2026,
    2027,
    holidaysInForce(2026, 2027, methodology, file),
    yearsWithoutSkb(2026, 2027, file),
  );
  const names = seed.columns.map((c) => c.name);
  const row = seed.rows.find((r) => r[0] === date)!;
  return Object.fromEntries(names.map((n, i) => [n, row[i]]));
};

test('years without an SKB in the holiday file are the provisional ones (today 2027 on)', () => {
  expect(yearsWithoutSkb(2024, 2028, file)).toEqual([2027, 2028]);
});

test('v2 keeps the fixed-date holidays in a year without SKB; v1 uses the file alone', () => {
  expect(day('v2', '2027-01-01')).toMatchObject({
    is_working_day: false,
    holiday_name: 'Tahun Baru Masehi',
    is_provisional: true,
  });
  expect(day('v1', '2027-01-01')).toMatchObject({ is_working_day: true, holiday_name: null });
  for (const d of ['2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25'])
    expect(day('v2', d).holiday_kind, d).toBe('libur_nasional');
  // a year with its SKB keeps the SKB's rows only (no duplicate, the SKB's name)
  expect(day('v2', '2026-01-01')).toMatchObject({
    holiday_name: 'Tahun Baru 2026 Masehi',
    is_provisional: false,
  });
  expect(day('v2', '2026-12-31').working_day_index).toBe(day('v1', '2026-12-31').working_day_index);
});
