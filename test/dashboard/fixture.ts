import { join } from 'node:path';
import { periodRange } from '#core/period.ts';
import { DEFAULT_PERIODS, generate } from '#generate/index.ts';
import { listFiles } from '#ingest/local.ts';
import { ingestPool } from '../../cli/ingest-pool.ts';
import { evaluateLake, SKM_HEADER, skmRow, upload, varied } from '../evaluate/helpers.ts';
import { queryLake, tempDir } from '../support/lake.ts';

/** The periods of the generated lake, oldest first (each evaluated, so each has a snapshot). */
export const PERIODS = periodRange(DEFAULT_PERIODS).map((p) => p.id);

export type Row = Record<string, unknown>;

/** A string that would run script if any page escaped it wrongly. */
export const HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>';
/** The region and unit whose name is {@link HOSTILE} (an SKM upload of the latest period). */
export const HOSTILE_UNIT = { region: '11.01', unit: 'U-HOSTILE' };

/** A small SKM export whose unit name is markup, quoted as a spreadsheet would quote it. */
function hostileSkm(): string {
  const name = `"${HOSTILE.replaceAll('"', '""')}"`;
  const rows = Array.from({ length: 6 }, (_, i) =>
    skmRow(`R${i}`, HOSTILE_UNIT.unit, varied(i), `2026-11-0${i + 1} 09:00:00`).replace(
      `Unit ${HOSTILE_UNIT.unit}`,
      name,
    ),
  );
  return [SKM_HEADER, ...rows].join('\n');
}

/**
 * A lake built the way a user builds one: the generator's tiny national tree, ingested, and every period
 * evaluated by the real models (marts, ledger, ranking snapshots). Removed by `cleanup`.
 */
export async function generatedLake(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const tmp = await tempDir('pantau-dashboard-');
  const input = join(tmp.dir, 'input');
  const root = join(tmp.dir, 'lake');
  await generate({ out: input, scale: 'tiny', seed: 7 });
  await ingestPool(await listFiles([join(input, 'uploads')]), { lake: root, jobs: 1 });
  const period = PERIODS.at(-1)!;
  const hostile = await upload(root, 'hostile.csv', hostileSkm(), '2026-12-01T02:00:00Z', {
    dataset: 'skm',
    region: HOSTILE_UNIT.region,
    period,
  });
  if (hostile.status !== 'accepted') throw new Error(`hostile upload ${hostile.status}: ${hostile.summary}`);
  for (const period of PERIODS) await evaluateLake(root, period);
  return { root, cleanup: tmp.cleanup };
}

/** Rows of a mart for one period, as `pantau query` sees them (numbers as numbers). */
export async function martRows(root: string, mart: string, period: string): Promise<Row[]> {
  const rows = await queryLake<Row>(root, `select * from ${mart} where period = '${period}'`);
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'region_code' ? Number(v) : v,
      ]),
    ),
  );
}
