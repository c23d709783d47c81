import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lake } from '#core/contract/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { periodOf } from '#core/period.ts';
import type { ObjectStore } from '#core/store.ts';
import type { Identity } from '#web/identity.ts';
import { findReport } from '#web/reports.ts';
import { tempDir } from '../support/lake.ts';

const Q3 = periodOf(2026, 3);
const OFFICER_A: Identity = { email: 'a@jakpus.go.id', role: 'officer', region_code: '31.71' };
const OFFICER_B: Identity = { email: 'b@bogor.go.id', role: 'officer', region_code: '32.01' };
const MINISTRY: Identity = { email: 'm@kemenpan.go.id', role: 'ministry', region_code: null };
/** Submissions: B's with an index entry, an older one of B and one of A without (filed before the index). */
const INDEXED = 'b0000000000000000001';
const UNINDEXED = 'b0000000000000000002';
const OF_A = 'a0000000000000000001';
const ABSENT = 'f0000000000000000009';

/** A store that records every listing and read, to prove how much a lookup touches. */
function counting(inner: ObjectStore) {
  const calls = { list: [] as string[], read: [] as string[] };
  const store: ObjectStore = Object.assign(Object.create(inner) as ObjectStore, {
    list: (prefix: string) => {
      calls.list.push(prefix);
      return inner.list(prefix);
    },
    readBytes: (key: string) => {
      calls.read.push(key);
      return inner.readBytes(key);
    },
  });
  return { store, calls };
}

let local: LocalStore;
let cleanup: () => Promise<void>;
const fileReport = async (region: string, id: string, indexed: boolean) => {
  const key = lake.reportKey(region, 'skm', Q3, id);
  await local.write(key, JSON.stringify({ submission_id: id, region_code: region, report_key: key }));
  if (indexed)
    await local.write(lake.submissionIndexKey(id), JSON.stringify({ submission_id: id, report_key: key }));
};

beforeAll(async () => {
  const tmp = await tempDir('pantau-reports-');
  cleanup = tmp.cleanup;
  local = new LocalStore(tmp.dir);
  await fileReport('32.01', INDEXED, true);
  await fileReport('32.01', UNINDEXED, false);
  await fileReport('31.71', OF_A, false);
  // many other regions' reports: a listing of reports/ would touch them all
  for (let i = 0; i < 30; i++) await fileReport('33.01', `c${String(i).padStart(19, '0')}`, true);
});
afterAll(() => cleanup?.());

let s: ReturnType<typeof counting>;
beforeEach(() => {
  s = counting(local);
});
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status,
  );

describe('report lookup by submission id: bounded work, region from where the report is filed', () => {
  it('ministry: one index read and the report, no listing at all', async () => {
    expect((await findReport(s.store, MINISTRY, INDEXED)).submission_id).toBe(INDEXED);
    expect(s.calls.list).toEqual([]);
    expect(s.calls.read).toEqual([
      lake.submissionIndexKey(INDEXED),
      lake.reportKey('32.01', 'skm', Q3, INDEXED),
    ]);
  });

  it('officer of another region: 403 from the filed region, whatever region the request names', async () => {
    expect(await status(findReport(s.store, OFFICER_A, INDEXED))).toBe(403);
    expect(await status(findReport(s.store, OFFICER_A, INDEXED, '31.71'))).toBe(403);
    expect(await status(findReport(s.store, OFFICER_B, INDEXED))).toBe(200);
    expect(s.calls.list).toEqual([]);
  });

  it('unknown id: 404 without listing for the ministry; an officer looks in their own region only', async () => {
    expect(await status(findReport(s.store, MINISTRY, ABSENT))).toBe(404);
    expect(s.calls.list).toEqual([]);
    expect(await status(findReport(s.store, OFFICER_A, ABSENT))).toBe(404);
    expect(s.calls.list).toEqual([lake.reportPrefix('31.71')]);
    expect(await status(findReport(s.store, MINISTRY, '../../users/x'))).toBe(404);
    expect(await status(findReport(s.store, undefined, INDEXED))).toBe(401);
  });

  it('a report filed before the index: its region folder only (the officer’s own, or the one the ministry page names)', async () => {
    expect((await findReport(s.store, OFFICER_B, UNINDEXED)).submission_id).toBe(UNINDEXED);
    expect((await findReport(s.store, MINISTRY, UNINDEXED, '3201')).submission_id).toBe(UNINDEXED);
    expect(s.calls.list).toEqual([lake.reportPrefix('32.01'), lake.reportPrefix('32.01')]);
    expect(await status(findReport(s.store, MINISTRY, UNINDEXED))).toBe(404);
    // a hint never widens an officer's search, nor their rights
    expect(await status(findReport(s.store, OFFICER_B, OF_A, '31.71'))).toBe(404);
    expect(s.calls.list.filter((p) => p !== lake.reportPrefix('32.01'))).toEqual([]);
  });

  it('an index entry that names anything but that submission’s report is ignored (404), never read', async () => {
    await local.write(
      lake.submissionIndexKey(ABSENT),
      JSON.stringify({ submission_id: ABSENT, report_key: lake.userKey('x') }),
    );
    const other = 'e0000000000000000001';
    await local.write(
      lake.submissionIndexKey(other),
      JSON.stringify({ submission_id: other, report_key: lake.reportKey('32.01', 'skm', Q3, INDEXED) }),
    );
    expect(await status(findReport(s.store, MINISTRY, ABSENT))).toBe(404);
    expect(await status(findReport(s.store, MINISTRY, other))).toBe(404);
    expect(s.calls.read).toEqual([lake.submissionIndexKey(ABSENT), lake.submissionIndexKey(other)]);
  });
});
