import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, REPORTED_DATASETS } from '#core/datasets/index.ts';
import { loadMethodology } from '#core/methodology.ts';
import { parsePeriod } from '#core/period.ts';
import { deadlineInstant } from '#generate/calendar.ts';
import { type GroundTruth, generate, REQUIRED_KINDS, readGroundTruth } from '#generate/index.ts';
import { PLANTED_FLAGS, scaleOf } from '#generate/scale.ts';
import { hashTree, listFiles, norm, readTable } from './helpers.ts';

const { methodology: m } = await loadMethodology();
let dir: string;
let truth: GroundTruth;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pantau-gen-'));
  await generate({ out: dir, scale: 'tiny', seed: 7, jobs: 2 });
  truth = readGroundTruth(dir);
  files = listFiles(join(dir, 'uploads')).map((f) => `uploads/${f}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generate (tiny)', () => {
  it('is byte-identical for the same seed, whatever the threads, and differs for another seed', async () => {
    const again = mkdtempSync(join(tmpdir(), 'pantau-gen-'));
    const other = mkdtempSync(join(tmpdir(), 'pantau-gen-'));
    try {
      await generate({ out: again, scale: 'tiny', seed: 7, jobs: 1 });
      await generate({ out: other, scale: 'tiny', seed: 8, periods: '2026-Q3' });
      expect(hashTree(again)).toBe(hashTree(dir));
      expect(hashTree(other)).not.toBe(hashTree(dir));
    } finally {
      rmSync(again, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('covers every region, dataset, mess kind and planted flag', () => {
    const regions = new Set(truth.files.map((f) => f.region_code));
    expect([...regions].sort()).toEqual(
      scaleOf('tiny')
        .regions.map((r) => r.code)
        .sort(),
    );
    expect(new Set(truth.files.map((f) => f.dataset))).toEqual(new Set(Object.keys(DATASETS)));
    const seen = new Set([...truth.files.flatMap((f) => f.mess), ...truth.submissions.map((s) => s.status)]);
    expect(REQUIRED_KINDS.filter((k) => !seen.has(k))).toEqual([]);
    const flags = new Set(truth.integrity.map((i) => i.flag));
    expect(PLANTED_FLAGS.filter((f) => !flags.has(f))).toEqual([]);
    expect(truth.files.map((f) => f.file).sort()).toEqual(files);
  });

  it('lists every roster submission once, with missing ones really absent', () => {
    expect(truth.submissions).toHaveLength(
      scaleOf('tiny').regions.length * truth.periods.length * REPORTED_DATASETS.length,
    );
    for (const s of truth.missing) {
      const undotted = s.region_code.replace('.', '');
      const hits = files.filter((f) =>
        [s.region_code, undotted].some((r) => f.startsWith(`uploads/${r}/${s.dataset}/${s.period}/`)),
      );
      expect(hits, JSON.stringify(s)).toEqual([]);
    }
    expect(truth.integrity.every((i) => /^\d{2}(\.\d{2})?$/.test(i.region_code))).toBe(true);
  });

  it('dates uploads on the right side of the deadline', () => {
    for (const s of truth.submissions.filter((x) => x.status === 'late' || x.status === 'on_time')) {
      const accepted = truth.files.filter(
        (f) =>
          f.region_code === s.region_code &&
          f.dataset === s.dataset &&
          f.period === s.period &&
          f.expected_status === 'accepted',
      );
      const mtime = statSync(join(dir, accepted.at(-1)!.file)).mtimeMs;
      expect(mtime > deadlineInstant(parsePeriod(s.period)!, m), JSON.stringify(s)).toBe(s.status === 'late');
    }
  });

  it('makes malformed files really malformed', async () => {
    expect(truth.malformed.length).toBeGreaterThanOrEqual(5);
    for (const { file } of truth.malformed) {
      const f = truth.files.find((x) => x.file === file)!;
      const kind = f.mess.find((k) => k.startsWith('malformed:'));
      const path = join(dir, file);
      if (kind === 'malformed:empty') expect(statSync(path).size).toBe(0);
      else if (kind === 'malformed:garbage')
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path))).toThrow();
      else if (kind === 'malformed:header-only') expect((await readTable(path)).rows).toBe(0);
      else if (kind === 'malformed:too-many-invalid')
        expect(f.invalid_rows / f.rows).toBeGreaterThan(m.submission.max_invalid_share);
      else {
        const { header, rows } = await readTable(path);
        const columns = DATASETS[f.dataset as keyof typeof DATASETS].columns as Record<
          string,
          { required?: boolean; aliases?: readonly string[] }
        >;
        const present = new Set(header.map(norm));
        const missing = Object.entries(columns).filter(
          ([name, c]) =>
            c.required !== false && ![name, ...(c.aliases ?? [])].some((a) => present.has(norm(a))),
        );
        expect(missing.length, file).toBeGreaterThan(0);
        expect(rows).toBeGreaterThan(0);
      }
    }
  });

  it('keeps invalid rows of accepted files under 2 % and writes real encodings', () => {
    for (const f of truth.files.filter((x) => x.expected_status === 'accepted'))
      expect(f.invalid_rows / Math.max(1, f.rows)).toBeLessThan(0.02);
    const bytes = (k: string) =>
      truth.files.filter((f) => f.mess.includes(k) && f.rows > 0).map((f) => readFileSync(join(dir, f.file)));
    for (const b of bytes('encoding:utf8-bom')) expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const cp1252 = bytes('encoding:cp1252');
    expect(cp1252.some((b) => b.some((x) => x >= 0x80))).toBe(true);
    for (const b of cp1252.filter((x) => x.some((c) => c >= 0x80)))
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(b)).toThrow();
  });

  it('writes forms exports as the field does: the unit by its name only, question headers, form timestamps', async () => {
    const forms = truth.files.filter((f) => f.mess.includes('shape:forms'));
    expect(forms.length).toBeGreaterThan(0);
    const { unit_id: code, unit_name: name } = DATASETS.skm.columns;
    const spellings = (c: { aliases?: readonly string[] }, canonical: string) =>
      [canonical, ...(c.aliases ?? [])].map(norm);
    for (const f of forms) {
      const text = readFileSync(join(dir, f.file), 'utf8');
      const { header } = await readTable(join(dir, f.file));
      const headers = header.map(norm);
      expect(
        headers.filter((h) => spellings(code, 'unit_id').includes(h)),
        f.file,
      ).toEqual([]);
      expect(
        headers.filter((h) => spellings(name, 'unit_name').includes(h)),
        f.file,
      ).toHaveLength(1);
      expect(
        header.filter((h) => h.startsWith('Bagaimana')),
        f.file,
      ).toHaveLength(9);
      expect(text, f.file).toMatch(
        /\n\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}|,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/,
      );
    }
  });

  it("uploads each period's units registry before any other file of the region and period", () => {
    const key = (f: { region_code: string; period: string }) => `${f.region_code}|${f.period}`;
    const registry = new Map(
      truth.files.filter((f) => f.dataset === 'units').map((f) => [key(f), f.uploaded_at]),
    );
    const early = truth.files.filter((f) => f.dataset !== 'units' && f.uploaded_at <= registry.get(key(f))!);
    expect(early).toEqual([]);
  });
});
