import type { Methodology } from '#core/methodology.ts';
import { DATE_FORMATS } from './calendar.ts';
import {
  duplicateOf,
  type FilePlan,
  hasHeaderRow,
  INVALID_KINDS,
  MALFORMED_KINDS,
  reupload,
  type SubmissionPlan,
  splitByUnit,
  submissionStatus,
  uploadInstant,
} from './plan.ts';
import type { Rng } from './random.ts';
import { type FileStyle, shapeOf } from './style.ts';

const DELIMITER_NAME = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** The mess kinds one file shows (style kinds only for files whose content is read as a table). */
export function fileKinds(s: SubmissionPlan, f: FilePlan): string[] {
  const k: string[] = [];
  if (f.regionFolder !== s.region.code) k.push('undotted-region');
  if (f.copy) k.push('duplicate-upload');
  if (f.base.endsWith('_revisi')) k.push('reupload');
  if (f.malformed) return [...k, `malformed:${f.malformed}`];
  const st = f.style;
  k.push(`format:${st.format}`, `headers:${st.headers}`);
  if (st.format === 'csv') k.push(`delimiter:${DELIMITER_NAME[st.delimiter]}`, `encoding:${st.encoding}`);
  if (st.format === 'xlsx' && st.excelDates) k.push('excel-dates');
  else k.push(`date:${st.dateFormat}`);
  if (st.format === 'xlsx' && st.titleRows > 0) k.push('title-rows');
  if (shapeOf(st) !== 'plain') k.push(`shape:${shapeOf(st)}`);
  if (st.format === 'csv' && st.blankLines) k.push('blank-lines');
  if (f.nihil) k.push('nihil');
  if (f.part) k.push('unit-files');
  if (st.decimalComma && s.dataset !== 'complaints') k.push('decimal-comma');
  for (const i of f.invalid) k.push(`invalid:${i}`);
  return k;
}

/** Every kind the generator must produce at every scale. */
export const REQUIRED_KINDS: readonly string[] = [
  ...['csv', 'xlsx', 'json', 'ndjson'].map((x) => `format:${x}`),
  ...Object.values(DELIMITER_NAME).map((x) => `delimiter:${x}`),
  ...['utf8', 'utf8-bom', 'cp1252'].map((x) => `encoding:${x}`),
  ...DATE_FORMATS.map((x) => `date:${x}`),
  ...['canonical', 'alias', 'mixed'].map((x) => `headers:${x}`),
  'excel-dates',
  'title-rows',
  'decimal-comma',
  'undotted-region',
  'duplicate-upload',
  'reupload',
  ...MALFORMED_KINDS.map((x) => `malformed:${x}`),
  ...INVALID_KINDS.map((x) => `invalid:${x}`),
  'missing',
  'late',
  ...['forms', 'recap', 'instructions'].map((x) => `shape:${x}`),
  'blank-lines',
  'nihil',
  'unit-files',
];

const csv = (x: Partial<FileStyle>): Partial<FileStyle> => ({ format: 'csv', ...x });

/** How to make a clean submission show a kind: a style change on its file, or a change of its uploads. */
function forcer(kind: string, m: Methodology, rng: Rng): ((s: SubmissionPlan) => void) | undefined {
  const [group, value] = kind.split(':') as [string, string];
  const style = (x: Partial<FileStyle>) => (s: SubmissionPlan) => Object.assign(s.files[0]!.style, x);
  const first = (x: Partial<FilePlan>) => (s: SubmissionPlan) => Object.assign(s.files[0]!, x);
  if (group === 'format') return style({ format: value as FileStyle['format'], excelDates: false });
  if (group === 'delimiter')
    return style(csv({ delimiter: ({ comma: ',', semicolon: ';', tab: '\t' } as const)[value as 'comma'] }));
  if (group === 'encoding') return style(csv({ encoding: value as FileStyle['encoding'] }));
  if (group === 'date') return style({ format: 'csv', dateFormat: value as FileStyle['dateFormat'] });
  if (group === 'headers') return style({ headers: value as FileStyle['headers'] });
  if (group === 'malformed')
    return first({ expected: 'rejected', malformed: value as FilePlan['malformed'] });
  if (group === 'invalid') return (s) => s.files[0]!.invalid.push(value as FilePlan['invalid'][number]);
  const forcers: Record<string, (s: SubmissionPlan) => void> = {
    'excel-dates': style({ format: 'xlsx', excelDates: true }),
    'title-rows': style({ format: 'xlsx', titleRows: 2 }),
    'decimal-comma': style({ decimalComma: true }),
    'undotted-region': first({ regionFolder: '' }),
    'duplicate-upload': (s) => s.files.push(duplicateOf(s.files[0]!)),
    reupload: (s) => {
      Object.assign(s.files[0]!, { expected: 'rejected', malformed: 'missing-column' });
      s.files.push(reupload(rng, s, s.files[0]!));
    },
    'shape:forms': style({ format: 'csv', shape: 'forms' }),
    'shape:recap': style({ format: 'xlsx', shape: 'recap' }),
    'shape:instructions': style({ format: 'xlsx', shape: 'instructions' }),
    'blank-lines': style({ format: 'csv', blankLines: true }),
    nihil: (s) => {
      if (!hasHeaderRow(s.files[0]!.style.format)) style({ format: 'csv' })(s);
      first({ nihil: true })(s);
    },
    'unit-files': (s) => s.files.push(...splitByUnit(rng, s, s.files[0]!)),
    missing: (s) => s.files.splice(0),
    late: (s) => first({ uploadedAt: uploadInstant(rng, s.period, m, true) })(s),
  };
  return forcers[kind];
}

/** Which dataset a forced kind needs (cp1252 text lives in complaints; SKM files are large enough). */
function wantsDataset(kind: string): string | undefined {
  if (kind === 'encoding:cp1252') return 'complaints';
  if (kind.startsWith('invalid:') || kind === 'malformed:too-many-invalid') return 'skm';
  if (kind === 'decimal-comma') return 'units';
  if (kind === 'shape:forms' || kind === 'shape:recap' || kind === 'unit-files') return 'skm';
  return undefined;
}

/** Make every required kind appear at least once, changing randomly chosen clean submissions. */
export function ensureCoverage(rng: Rng, plans: SubmissionPlan[], m: Methodology): void {
  const seen = new Set(
    plans.flatMap((s) => [
      ...s.files.flatMap((f) => fileKinds(s, f)),
      s.files.length ? submissionStatus(s, m) : 'missing',
    ]),
  );
  const used = new Set<SubmissionPlan>();
  for (const kind of REQUIRED_KINDS) {
    if (seen.has(kind)) continue;
    const ds = wantsDataset(kind);
    const clean = plans.filter(
      (s) =>
        !used.has(s) &&
        s.files.length === 1 &&
        s.files[0]!.expected === 'accepted' &&
        s.files[0]!.invalid.length === 0 &&
        submissionStatus(s, m) === 'on_time' &&
        (ds ? s.dataset === ds : s.dataset !== 'units') &&
        (kind !== 'undotted-region' || s.region.level !== 'provinsi'),
    );
    const s = rng.pick(clean);
    used.add(s);
    forcer(kind, m, rng)!(s);
    const f = s.files[0];
    if (f && (f.malformed || f.invalid.length > 0)) f.style.shape = 'plain';
    if (kind === 'undotted-region') s.files[0]!.regionFolder = s.region.code.replace('.', '');
  }
}
