import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lake as keys } from '#core/lake.ts';
import { LocalStore } from '#core/local-store.ts';
import { parsePeriod } from '#core/period.ts';
import type { PutOptions } from '#core/store.ts';
import { evaluate } from '#evaluate/evaluate.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { transform } from '#warehouse/runner.ts';
import { skmCsv } from '../fixtures/hostile/rows.ts';
import { queryLake, tempDir } from '../support/lake.ts';
import { FaultyStore, InjectedCrash } from './faulty-store.ts';
import { ingestAt, minute, openRig, type Rig } from './harness.ts';

const REGIONS = ['31.71', '32.73', '35.78'];
const Q3 = parsePeriod('2026-Q3')!;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let rig: Rig;

/** A local store whose n-th partition upload dies before it lands. */
class CrashingStore extends LocalStore {
  private uploads = 0;
  constructor(
    root: string,
    private readonly crashAt: number,
  ) {
    super(root);
  }
  override upload(localPath: string, key: string, options?: PutOptions): Promise<string> {
    if (this.uploads++ === this.crashAt) throw new InjectedCrash(`before upload ${key}`);
    return super.upload(localPath, key, options);
  }
}

async function run<T>(store: LocalStore, job: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open(store);
  try {
    return await job(engine);
  } finally {
    await engine.close();
  }
}

/** sha256 of every warehouse file of a period. */
async function partitionHashes(root: string, quarter: number): Promise<Record<string, string>> {
  const files = (await readdir(join(root, 'warehouse'), { recursive: true })).filter((f) =>
    f.endsWith(`quarter=${quarter}/data.parquet`),
  );
  const out: Record<string, string> = {};
  for (const f of files.sort())
    out[f] = createHash('sha256')
      .update(await readFile(join(root, 'warehouse', f)))
      .digest('hex');
  return out;
}

beforeAll(async () => {
  tmp = await tempDir('pantau-wh-faults-');
  rig = await openRig(tmp.dir);
  for (const [i, region] of REGIONS.entries()) {
    const q2 = skmCsv(120, {
      seed: i,
      edit: (c) => c.map((v, k) => (k === 3 ? v.replace('-08-', '-05-') : v)),
    });
    const key = (p: string, f: string) => `uploads/${region}/skm/${p}/${f}`;
    expect((await ingestAt(rig, key('2026-Q2', 'q2.csv'), q2, minute(i))).status).toBe('accepted');
    expect(
      (await ingestAt(rig, key('2026-Q3', 'q3.csv'), skmCsv(120, { seed: i }), minute(10 + i))).status,
    ).toBe('accepted');
  }
  await run(rig.lake, (engine) => transform({ lake: rig.lake, engine, periods: ['2026-Q2'] }));
});
afterAll(async () => {
  rig?.close();
  await tmp?.cleanup();
});

describe('transform and evaluation: a crash mid-period leaves the previous period readable', () => {
  it('a transform of Q3 dying at its first, middle or last partition leaves Q2 untouched; a rerun completes', async () => {
    const root = rig.lake.root;
    const q2 = await partitionHashes(root, 2);
    const models = Object.keys(q2).length;
    expect(models).toBeGreaterThanOrEqual(8);
    const q2Rows = await queryLake(root, 'SELECT * FROM ikm_region WHERE quarter = 2 ORDER BY ALL');
    for (const crashAt of [0, Math.floor(models / 2), models - 1]) {
      const store = new CrashingStore(root, crashAt);
      await expect(
        run(store, (engine) => transform({ lake: store, engine, periods: ['2026-Q3'] })),
      ).rejects.toThrow(InjectedCrash);
      expect(await partitionHashes(root, 2)).toEqual(q2);
      expect(await queryLake(root, 'SELECT * FROM ikm_region WHERE quarter = 2 ORDER BY ALL')).toEqual(
        q2Rows,
      );
    }
    await run(rig.lake, (engine) => transform({ lake: rig.lake, engine, periods: ['2026-Q3'] }));
    expect(Object.keys(await partitionHashes(root, 3))).toHaveLength(models);
    expect(await partitionHashes(root, 2)).toEqual(q2);
  });

  it('an evaluation dying at any publishing step never exposes a half-written snapshot', async () => {
    const root = rig.lake.root;
    const first = await run(rig.lake, (engine) => evaluate({ lake: rig.lake, engine, period: Q3.id }));
    // new inputs: the next snapshot has a new run id
    expect(
      (await ingestAt(rig, `uploads/31.71/skm/${Q3.id}/q3-b.csv`, skmCsv(150, { seed: 50 }), minute(30)))
        .status,
    ).toBe('accepted');
    const traced = new FaultyStore(new LocalStore(join(tmp.dir, 'trace-only')));
    await run(rig.lake, (engine) => evaluate({ lake: traced, engine, period: Q3.id }));
    // head of the manifest, the table files, inputs and summaries, the manifest, then latest.json
    expect(traced.calls.length).toBeGreaterThanOrEqual(10);
    expect(traced.calls.at(-2)?.key).toMatch(/manifest\.json$/);
    for (const [call] of traced.calls.entries()) {
      const faulty = new FaultyStore(rig.lake, { call, when: 'before' });
      await expect(
        run(rig.lake, (engine) => evaluate({ lake: faulty, engine, period: Q3.id })),
      ).rejects.toThrow(InjectedCrash);
      await expectCompleteSnapshots(root, [first.manifest.run_id]);
    }
    const last = await run(rig.lake, (engine) => evaluate({ lake: rig.lake, engine, period: Q3.id }));
    expect(last.manifest.run_id).not.toBe(first.manifest.run_id);
    await expectCompleteSnapshots(root, [first.manifest.run_id, last.manifest.run_id]);
    expect(JSON.parse((await rig.lake.readBytes(keys.publishedRankingLatestKey(Q3))).toString())).toEqual({
      run_id: last.manifest.run_id,
    });
  });
});

/** latest.json names a run with a manifest; every run with a manifest has all its files; `runs` are complete. */
async function expectCompleteSnapshots(root: string, runs: string[]): Promise<void> {
  const store = new LocalStore(root);
  const latest = JSON.parse((await store.readBytes(keys.publishedRankingLatestKey(Q3))).toString()) as {
    run_id: string;
  };
  const manifests: string[] = [];
  for await (const o of store.list(`published/rankings/${Q3.id}/`))
    if (o.key.endsWith('/manifest.json')) manifests.push(o.key.split('/').at(-2)!);
  expect(manifests).toContain(latest.run_id);
  for (const run of [...manifests, ...runs]) {
    const prefix = keys.publishedRankingPrefix(Q3, run);
    const manifest = JSON.parse((await store.readBytes(`${prefix}manifest.json`)).toString()) as {
      files: string[];
    };
    for (const f of manifest.files) expect(await store.head(`${prefix}${f}`), `${run}/${f}`).toBeDefined();
  }
}
