import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStore } from '#core/local-store.ts';
import { loadMethodology } from '#core/methodology.ts';
import { parsePeriod } from '#core/period.ts';
import { daysLeft, reportingPeriod, submissionDeadline } from '#web/deadline.ts';
import { periodStatus } from '#web/status.ts';
import { addUser } from '#web/users.ts';
import { evaluateLake, upload } from '../evaluate/helpers.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { messySkm } from './fixtures.ts';

const rules = (await loadMethodology()).methodology.submission;
const Q3 = parsePeriod('2026-Q3')!;
const run = promisify(execFile);

describe('deadlines (WIB)', () => {
  it('ends 15 days after the quarter at 23:59:59 WIB; the reporting period turns over after it', () => {
    const deadline = submissionDeadline(Q3, rules);
    expect(deadline.toISOString()).toBe('2026-10-15T16:59:59.000Z');
    expect(reportingPeriod(new Date('2026-10-15T16:59:59Z'), rules).id).toBe('2026-Q3');
    expect(reportingPeriod(new Date('2026-10-15T17:00:00Z'), rules).id).toBe('2026-Q4');
    expect(reportingPeriod(new Date('2026-08-01T00:00:00Z'), rules).id).toBe('2026-Q3');
    expect(daysLeft(new Date('2026-10-14T17:00:00Z'), deadline, rules)).toBe(0); // 00:00 WIB on the 15th
    expect(daysLeft(new Date('2026-10-14T16:59:00Z'), deadline, rules)).toBe(1);
  });
});

let tmp: Awaited<ReturnType<typeof tempDir>>;
let lake: string;
beforeAll(async () => {
  tmp = await tempDir();
  lake = join(tmp.dir, 'lake');
  await mkdir(lake);
  const skm = { dataset: 'skm', period: Q3.id };
  await upload(lake, 'a.csv', messySkm(), '2026-10-15T16:59:00Z', { ...skm, region: '11' }); // 23:59 WIB
  await upload(lake, 'b.csv', messySkm(), '2026-10-15T17:01:00Z', { ...skm, region: '12' }); // 00:01 WIB
  await upload(
    lake,
    'c.csv',
    messySkm('2026-Q3', 40, 99).replace(/;4;3;/g, ';9;9;'),
    '2026-10-02T03:00:00Z',
    { ...skm, region: '13' },
  );
  await upload(lake, 'd.csv', messySkm(), '2026-10-03T03:00:00Z', {
    dataset: 'fkp',
    region: '13',
    period: Q3.id,
  });
  await addUser(new LocalStore(lake), {
    email: 'aceh@contoh.go.id',
    region: '11',
    password: 'sandi-aceh-123',
  });
  await addUser(new LocalStore(lake), {
    email: 'sumut@contoh.go.id',
    region: '12',
    password: 'sandi-sumut-123',
  });
  await addUser(new LocalStore(lake), {
    email: 'sumbar@contoh.go.id',
    region: '13',
    password: 'sandi-sumbar-123',
  });
});
afterAll(() => tmp?.cleanup());

describe('live status from the ledger', () => {
  it('gives every region and dataset the status the submission_status mart gives after evaluation', async () => {
    await evaluateLake(lake, Q3.id);
    const mart = await queryLake<{ region_code: string; dataset: string; status: string }>(
      lake,
      `SELECT region_code, dataset, status FROM submission_status WHERE period = '${Q3.id}' ORDER BY region_code, dataset`,
    );
    const live = await periodStatus(new LocalStore(lake), Q3, 'all', rules);
    const flat = live.regions
      .flatMap((r) =>
        r.datasets.map((d) => ({ region_code: r.region_code, dataset: d.dataset, status: d.status })),
      )
      .sort((a, b) => a.region_code.localeCompare(b.region_code) || a.dataset.localeCompare(b.dataset));
    expect(flat).toHaveLength(552 * 3);
    expect(flat).toEqual(mart);
    const byRegion = (code: string) =>
      flat.filter((r) => r.region_code === code).map((r) => `${r.dataset}:${r.status}`);
    expect(byRegion('11')).toEqual(['complaints:missing', 'fkp:missing', 'skm:on_time']);
    expect(byRegion('12')).toContain('skm:late');
    expect(byRegion('13')).toEqual(['complaints:missing', 'fkp:rejected', 'skm:rejected']);
  });

  it('pantau remind --dry-run names the officers and datasets still open, only inside the reminder window', async () => {
    const remind = async (at: string) =>
      (
        await run(process.execPath, [
          'bin/pantau.js',
          'remind',
          '--dry-run',
          '--json',
          '--lake',
          lake,
          '--at',
          at,
        ])
      ).stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { to: string; datasets: string[]; days_left: number; subject: string });
    const inWindow = await remind('2026-10-10');
    expect(inWindow.map((r) => [r.to, r.datasets, r.days_left])).toEqual([
      ['aceh@contoh.go.id', ['fkp', 'complaints'], 5],
      ['sumut@contoh.go.id', ['fkp', 'complaints'], 5],
      // only rejected files: still open
      ['sumbar@contoh.go.id', ['skm', 'fkp', 'complaints'], 5],
    ]);
    expect(inWindow[0]!.subject).toContain('2026-Q3');
    expect(await remind('2026-09-01')).toEqual([]);
    await expect(run(process.execPath, ['bin/pantau.js', 'remind', '--lake', lake])).rejects.toMatchObject({
      code: 2,
    });
  });
});
