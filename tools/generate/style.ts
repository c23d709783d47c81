import type { Column } from '#core/datasets/columns.ts';
import { DATE_FORMATS, type DateFormat } from './calendar.ts';
import type { Rng } from './random.ts';

export type Format = 'csv' | 'xlsx' | 'json' | 'ndjson';
export type Encoding = 'utf8' | 'utf8-bom' | 'cp1252';
export type Delimiter = ',' | ';' | '\t';
export type LetterCase = 'keep' | 'lower' | 'upper' | 'title';
/**
 * How the export is laid out: a plain table; a forms-tool export (question texts as headers, answer words
 * as cells, the unit by its name only, the form's timestamp instead of a survey date); the hand-filled SKM recap workbook (two-row
 * header, summary and signature rows under the data); a workbook whose first sheet is the instructions.
 */
export type Shape = 'plain' | 'forms' | 'recap' | 'instructions';

/** How one file is spelled: everything a region's tool or officer chooses when exporting. */
export interface FileStyle {
  format: Format;
  /** CSV only. */
  delimiter: Delimiter;
  /** CSV only (XLSX and JSON are UTF-8). */
  encoding: Encoding;
  dateFormat: DateFormat;
  /** XLSX: dates as real Excel date cells rather than text. */
  excelDates: boolean;
  /** XLSX: title rows above the header row. */
  titleRows: number;
  /** Numbers such as age written with a decimal comma (`35,0`). */
  decimalComma: boolean;
  /** Header text: canonical names, the aliases of the dataset definition, or a mix. */
  headers: 'canonical' | 'alias' | 'mixed';
  headerCase: LetterCase;
  /** Index into an enum value's accepted spellings, and the letter case they are written in. */
  spelling: number;
  enumCase: LetterCase;
  /** Index into the yes/no spelling pairs. */
  flagPair: number;
  /** Optional columns (response id, rating, some personal data) left out. */
  omitOptional: boolean;
  shape: Shape;
  /** CSV: blank lines between rows (as an editor leaves them). */
  blankLines: boolean;
}

/** The layout of a dataset's export, and the format it implies. */
function chooseShape(rng: Rng, dataset: string, format: Format): { shape: Shape; format: Format } {
  const shape = rng.weighted<Shape>([
    ['plain', 0.8],
    ['forms', dataset === 'skm' ? 0.08 : 0],
    ['recap', dataset === 'skm' ? 0.06 : 0],
    ['instructions', 0.06],
  ]);
  if (shape === 'forms') return { shape, format: 'csv' };
  if (shape === 'plain') return { shape, format };
  return { shape, format: 'xlsx' };
}

/** A random file style with realistic frequencies. */
export function chooseStyle(rng: Rng, dataset: string): FileStyle {
  const { shape, format } = chooseShape(
    rng,
    dataset,
    rng.weighted<Format>([
      ['csv', 0.6],
      ['xlsx', 0.2],
      ['json', 0.1],
      ['ndjson', 0.1],
    ]),
  );
  return {
    format,
    delimiter: rng.weighted<Delimiter>([
      [',', 0.5],
      [';', 0.35],
      ['\t', 0.15],
    ]),
    encoding: rng.weighted<Encoding>([
      ['utf8', 0.6],
      ['utf8-bom', 0.25],
      ['cp1252', 0.15],
    ]),
    dateFormat: rng.weighted(DATE_FORMATS.map((f, i) => [f, i >= 3 ? 0.1 : 0.3] as const)),
    excelDates: rng.chance(0.7),
    titleRows: format === 'xlsx' && rng.chance(0.5) ? rng.int(1, 3) : 0,
    decimalComma: rng.chance(0.08),
    headers: rng.weighted([
      ['canonical', 0.25],
      ['alias', 0.5],
      ['mixed', 0.25],
    ]),
    headerCase: rng.weighted<LetterCase>([
      ['keep', 0.7],
      ['upper', 0.15],
      ['lower', 0.1],
      ['title', 0.05],
    ]),
    spelling: rng.int(0, 3),
    enumCase: rng.weighted<LetterCase>([
      ['keep', 0.6],
      ['upper', 0.2],
      ['title', 0.2],
    ]),
    flagPair: rng.int(0, 4),
    omitOptional: rng.chance(0.3),
    shape,
    blankLines: format === 'csv' && rng.chance(0.1),
  };
}

export function applyCase(s: string, c: LetterCase): string {
  switch (c) {
    case 'lower':
      return s.toLowerCase();
    case 'upper':
      return s.toUpperCase();
    case 'title':
      return s.toLowerCase().replace(/(^|[\s/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
    default:
      return s;
  }
}

/** Header texts for the columns of one file, from the definition's canonical names and aliases. */
export function chooseHeaders(rng: Rng, columns: readonly [string, Column][], style: FileStyle): string[] {
  const used = new Set<string>();
  return columns.map(([name, column]) => {
    const aliases = column.aliases ?? [];
    const useAlias =
      aliases.length > 0 && (style.headers === 'alias' || (style.headers === 'mixed' && rng.chance(0.5)));
    let header = applyCase(useAlias ? rng.pick(aliases) : name, style.headerCase);
    if (used.has(header.toLowerCase())) header = name;
    used.add(header.toLowerCase());
    return header;
  });
}

/** The shape a file really has: forms exports are CSV, recaps and instructions-first books are XLSX. */
export function shapeOf(style: FileStyle): Shape {
  if (style.shape === 'forms') return style.format === 'csv' ? 'forms' : 'plain';
  if (style.shape === 'plain') return 'plain';
  return style.format === 'xlsx' ? style.shape : 'plain';
}
