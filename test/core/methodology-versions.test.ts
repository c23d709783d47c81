import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';
import { loadMethodology, parseMethodology } from '#core/methodology.ts';
import { METHODOLOGY_VERSIONS, methodologyFile, SHIPPED_HASHES } from '#core/methodology-versions.ts';

const sha256 = (version: 'v1' | 'v2') =>
  createHash('sha256')
    .update(readFileSync(methodologyFile(version)))
    .digest('hex');

afterEach(() => vi.unstubAllEnvs());

test('v2 is the default; v1 and v2 load by name and hash their own file bytes', async () => {
  vi.stubEnv('PANTAU_METHODOLOGY', undefined);
  expect((await loadMethodology()).methodology.version).toBe('v2');
  for (const v of ['v1', 'v2'] as const) {
    const { methodology, hash } = await loadMethodology(v);
    expect([methodology.version, hash]).toEqual([v, sha256(v)]);
  }
  vi.stubEnv('PANTAU_METHODOLOGY', 'v1');
  expect((await loadMethodology()).methodology.version).toBe('v1');
});

test('every shipped file passes the schema, and its bytes are the ones loaded without it', async () => {
  for (const v of METHODOLOGY_VERSIONS) {
    // a file changed without its hash here is checked by the schema on every load: update the hash
    expect(SHIPPED_HASHES[v], `SHIPPED_HASHES.${v} in methodology-versions.ts`).toBe(sha256(v));
    const checked = await parseMethodology(readFileSync(methodologyFile(v), 'utf8'), `${v}.json`);
    expect((await loadMethodology(v)).methodology).toEqual(checked);
  }
});

test('v1.json is byte for byte the file the v1 snapshots were published with (its hash is in them)', async () => {
  // methodology_hash of the v1 snapshots published before v2; change v2.json instead, never v1.json
  expect(sha256('v1')).toBe('664314352cbd984140703c84f46e5bfb86c8706b87081861a40d341493b3fcad');
  expect((await loadMethodology('v1')).methodology.submission.reminder_days_before).toBe(7);
});

test('a file written before v2 gets the rules that reproduce v1; v2 switches them on', async () => {
  const v1 = (await loadMethodology('v1')).methodology;
  const v2 = (await loadMethodology('v2')).methodology;
  const rules = (m: typeof v1) => [
    m.complaints.censor_at_cutoff,
    m.complaints.follow_up_verified_only,
    m.complaints.admin_closed_verification_only,
    m.fkp.scope,
    m.index.missing_component,
    m.ikm.require_all_unsur,
    m.integrity.skm_undersampled?.users,
    m.integrity.skm_undersampled?.rounding,
    m.integrity.complaint_impossible_timeline?.orderings,
    m.calendar.fixed_holidays.length,
  ];
  expect(rules(v1)).toEqual([false, false, false, 'quarter', 'spread', false, 'annual', 'up', false, 0]);
  expect(rules(v2)).toEqual([true, true, true, 'year_to_date', 'zero', true, 'period', 'nearest', true, 5]);
  // the numbers v1 published are v2's too
  expect(v1.integrity.skm_undersampled?.chi2).toBe(v2.integrity.skm_undersampled?.chi2);
  expect([v1.complaints.complete_days, v2.complaints.complete_days]).toEqual([60, 60]);
});
