import { join } from 'node:path';
import { LocalStore } from '#core/local-store.ts';
import { evaluate } from '#evaluate/evaluate.ts';
import { DuckDbEngine } from '#warehouse/duckdb-engine.ts';
import { ingestOne, writeUpload } from '../support/lake.ts';

/** Upload one CSV body as a file with the given upload time, and ingest it. */
export async function upload(
  lake: string,
  name: string,
  body: string,
  at: string,
  target: { dataset: string; region: string; period: string },
) {
  const file = await writeUpload(join(lake, '..', name), body, new Date(at));
  return ingestOne(lake, file, target);
}

/** Run the evaluation of one period on a local lake (default methodology unless one is named). */
export async function evaluateLake(lake: string, period: string, methodology?: 'v1' | 'v2') {
  const store = new LocalStore(lake);
  const engine = await DuckDbEngine.open(store);
  try {
    return await evaluate({ lake: store, engine, period, methodology });
  } finally {
    await engine.close();
  }
}

export const SKM_HEADER =
  'ID Responden,Kode Unit,Nama Unit,Jenis Layanan,Tanggal Survei,U1,U2,U3,U4,U5,U6,U7,U8,U9,JK,Umur,Pendidikan,Pekerjaan,Waktu Pengisian';

/** One SKM row; `answers` are the nine scores. */
export function skmRow(id: string, unit: string, answers: number[], at: string, age = 30): string {
  return [
    id,
    unit,
    `Unit ${unit}`,
    'Layanan',
    at.slice(0, 10),
    ...answers,
    age % 2 ? 'L' : 'P',
    age,
    'SMA',
    'Swasta',
    at,
  ].join(',');
}

/** Nine answers that are not all equal, varying with `i`. */
export const varied = (i: number) =>
  [3, 4, 3, 4, 3, 3, 4, 3, 4].map((a, k) => ((k + i) % 3 === 0 ? (a === 4 ? 3 : 4) : a));
