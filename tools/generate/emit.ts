import { copyFileSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lake } from '#core/contract/lake.ts';
import type { Column } from '#core/datasets/columns.ts';
import { dataset } from '#core/datasets/index.ts';
import { cellFormatter, type Row, type Target } from './cells.ts';
import { DATASET_LABEL, type FilePlan, fileName, type SubmissionPlan } from './plan.ts';
import { probes } from './probes.ts';
import type { Rng } from './random.ts';
import { FORMS_REQUIRED, formsCell, formsColumns, formsHeaders } from './shapes.ts';
import { chooseHeaders, shapeOf } from './style.ts';
import { openTable } from './writers.ts';

/** The rows of one unit, as one group of a file. */
export interface UnitRows {
  unitId: string;
  rows: Row[];
  /** The unit that receives the file's invalid-row probes. */
  victim?: boolean;
  /** Rows of the whole file (sizes the probes). */
  fileRows?: number;
}

export interface Emitted {
  /** Path relative to the output folder. */
  file: string;
  bytes: number;
  /** Data rows written (probes included). */
  rows: number;
  /** Invalid-row probes written. */
  invalidRows: number;
}

/** The required column a "missing column" file lacks (SKM: the survey date and the timestamp that could serve). */
const DROPPED: Record<string, readonly string[]> = {
  skm: ['survey_date', 'submitted_at'],
  fkp: ['forum_date'],
  complaints: ['received_at'],
  units: ['unit_id'],
};
/** Optional columns a region's export may lack (`omitOptional`). */
const OPTIONAL = new Set(['response_id', 'rating', 'reporter_email', 'description', 'unit_name']);

/** The columns of one file, from the dataset definition. */
function fileColumns(s: SubmissionPlan, f: FilePlan): [string, Column][] {
  const all = Object.entries(dataset(s.dataset).columns);
  const forms = shapeOf(f.style) === 'forms';
  const needed = (name: string) =>
    (name === 'response_id' && f.invalid.includes('duplicate-id')) || (forms && FORMS_REQUIRED.has(name));
  const kept = all.filter(([name, c]) => {
    if (f.malformed === 'missing-column' && DROPPED[s.dataset]?.includes(name)) return false;
    return !(f.style.omitOptional && c.required === false && OPTIONAL.has(name) && !needed(name));
  });
  return forms ? formsColumns(kept) : kept;
}

const titleLines = (s: SubmissionPlan) => [
  `LAPORAN ${DATASET_LABEL[s.dataset].toUpperCase()} ${s.region.name.toUpperCase()}`,
  `Periode Triwulan ${s.period.quarter} Tahun ${s.period.year}`,
  'Sumber: aplikasi pengelolaan data wilayah',
];

/** Where files go: the output folder, and the folders this run has already made under it. */
export interface Destination {
  out: string;
  made: Set<string>;
}

/** Write one planned upload under `to.out`, set its mtime, and return what was written. */
export async function emitFile(
  to: Destination,
  s: SubmissionPlan,
  f: FilePlan,
  groups: Iterable<UnitRows>,
  rng: Rng,
  previous?: string,
): Promise<Emitted> {
  const file = join(lake.uploadKey(f.regionFolder, s.dataset, s.period, fileName(f)));
  const path = join(to.out, file);
  const folder = dirname(path);
  if (!to.made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    to.made.add(folder);
  }
  const done = (bytes: number, rows = 0, invalidRows = 0): Emitted => {
    const t = f.uploadedAt / 1000;
    utimesSync(path, t, t);
    return { file, bytes, rows, invalidRows };
  };
  if (f.copy && previous) {
    copyFileSync(join(to.out, previous), path);
    return done(statSync(path).size);
  }
  if (f.malformed === 'empty' || f.malformed === 'garbage') {
    const n = f.malformed === 'empty' ? 0 : rng.int(300, 3000);
    const bytes = Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
    writeFileSync(path, bytes);
    return done(bytes.length);
  }
  const columns = fileColumns(s, f);
  const target: Target = f.style.format === 'csv' ? 'text' : f.style.format === 'xlsx' ? 'xlsx' : 'json';
  const shape = shapeOf(f.style);
  const plainFmt = columns.map(([name, c]) => cellFormatter(name, c, f.style, target));
  const fmt = shape === 'forms' ? columns.map(([name], i) => formsCell(name, plainFmt[i]!)) : plainFmt;
  const plainHeaders = chooseHeaders(rng, columns, f.style);
  const headers = shape === 'forms' ? formsHeaders(rng, columns, plainHeaders) : plainHeaders;
  const dates = columns.map(([, c]) => (c.kind === 'date' || c.kind === 'timestamp' ? c.kind : null));
  const titleRows = shape === 'recap' ? 3 : f.style.titleRows;
  const titles = f.style.format === 'xlsx' ? titleLines(s).slice(0, titleRows) : [];
  const scores = columns.flatMap(([name], i) => (/^u[1-9]$/.test(name) ? [i] : []));
  const w = await openTable(path, f.style, {
    headers,
    titles,
    dates,
    shape,
    scores: scores.length === 9 ? scores : undefined,
  });
  let rows = 0;
  let invalid = 0;
  const names = columns.map(([name]) => name);
  /** Write one row; true every 5,000 rows, when buffered output should be drained. */
  const put = (r: Row) => {
    w.write(fmt.map((g, i) => g(r[names[i]!] ?? null)));
    return ++rows % 5000 === 0;
  };
  if (!f.nihil) {
    for (const g of groups) {
      for (const r of g.rows) if (put(r)) await w.drain();
      const extra = probes(rng, s, f, g);
      for (const r of extra) if (put(r)) await w.drain();
      invalid += extra.length;
    }
  }
  return done(await w.close(), rows, invalid);
}
