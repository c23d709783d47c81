import type { Column } from '#core/datasets/columns.ts';
import { DATE_FORMATS, type DateFormat } from './calendar.ts';
import type { Rng } from './random.ts';

export type Format = 'csv' | 'xlsx' | 'json' | 'ndjson';
export type Encoding = 'utf8' | 'utf8-bom' | 'cp1252';
export type Delimiter = ',' | ';' | '\t';
export type LetterCase = 'keep' | 'lower' | 'upper' | 'title';

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
}

/** A random file style with realistic frequencies. */
export function chooseStyle(rng: Rng): FileStyle {
  const format = rng.weighted<Format>([
    ['csv', 0.6],
    ['xlsx', 0.2],
    ['json', 0.1],
    ['ndjson', 0.1],
  ]);
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
    dateFormat: rng.weighted(DATE_FORMATS.map((f, i) => [f, i === 3 ? 0.1 : 0.3] as const)),
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
