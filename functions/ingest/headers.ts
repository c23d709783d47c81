import { type Column, isAscii } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';
import { questionUnsur } from '#core/datasets/questionnaire.ts';

/** Header text reduced to what matters: case, spacing, punctuation, `_`/`-` ignored. */
export function headerKey(text: string): string {
  // ASCII text (most headers and cells) is its own normal form, and its letters and digits are [a-z0-9]
  if (isAscii(text)) return text.toLowerCase().replace(ASCII_OTHER, '');
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(OTHER, '');
}
const ASCII_OTHER = /[^a-z0-9]+/g;
const MARKS = /\p{M}/gu;
const OTHER = /[^\p{L}\p{N}]+/gu;

const indexes = new WeakMap<object, Map<string, string>>();

/** Alias index of a dataset: header key → canonical column name. */
export function aliasIndex(ds: Dataset<Record<string, Column>>): Map<string, string> {
  const cached = indexes.get(ds);
  if (cached) return cached;
  const index = new Map<string, string>();
  indexes.set(ds, index);
  for (const [name, column] of Object.entries(ds.columns)) {
    for (const alias of [name, ...(column.aliases ?? [])]) {
      const key = headerKey(alias);
      if (!index.has(key)) index.set(key, name);
    }
  }
  return index;
}

/** How one export's header maps onto the dataset. */
export interface HeaderMapping {
  /** Canonical column → index of the source column. */
  columns: Map<string, number>;
  /** Source headers that match no column (ignored, reported). */
  unknown: string[];
  /** Source headers that map to a column already taken (ignored, reported). */
  duplicates: string[];
  /** Required columns absent from the header. */
  missing: string[];
}

/**
 * The column a header names: an alias, or for SKM the questionnaire's question text (forms exports).
 */
export function columnOf(ds: Dataset<Record<string, Column>>, text: string): string | undefined {
  let known = columnsOfText.get(ds);
  if (!known) {
    known = { named: new Map(), unnamed: new Set() };
    columnsOfText.set(ds, known);
  }
  const remembered = known.named.get(text);
  if (remembered !== undefined || known.unnamed.has(text)) return remembered;
  const name = aliasIndex(ds).get(headerKey(text)) ?? questionColumn(ds, text);
  if (name === undefined) {
    if (known.unnamed.size >= COLUMN_OF_KEPT) known.unnamed.clear();
    known.unnamed.add(text);
  } else {
    if (known.named.size >= COLUMN_OF_KEPT) known.named.clear();
    known.named.set(text, name);
  }
  return name;
}

/**
 * Texts whose column (or that they name none) {@link columnOf} remembers, per dataset, at most
 * {@link COLUMN_OF_KEPT} of each kind: exports of one kind repeat their headers and many of their cells,
 * and the header search asks about every cell of the first rows. The two kinds are kept apart: texts that
 * name none are mostly data cells, and clearing them when full must not drop the headers.
 */
const COLUMN_OF_KEPT = 4096;
const columnsOfText = new WeakMap<object, { named: Map<string, string>; unnamed: Set<string> }>();

function questionColumn(ds: Dataset<Record<string, Column>>, text: string): string | undefined {
  const unsur = questionUnsur(text);
  return unsur !== undefined && Object.hasOwn(ds.columns, `u${unsur + 1}`) ? `u${unsur + 1}` : undefined;
}

export function mapHeader(ds: Dataset<Record<string, Column>>, header: readonly string[]): HeaderMapping {
  const columns = new Map<string, number>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  header.forEach((text, i) => {
    if (text.trim() === '') return;
    const name = columnOf(ds, text);
    if (!name) unknown.push(text);
    else if (columns.has(name)) duplicates.push(text);
    else columns.set(name, i);
  });
  const missing = Object.entries(ds.columns)
    .filter(([name, c]) => c.required !== false && !columns.has(name))
    .map(([name]) => name);
  for (const group of ds.requireOneOf ?? [])
    if (!group.some((name) => columns.has(name))) missing.push(group[0]!);
  return { columns, unknown, duplicates, missing };
}

/** How an officer knows a column: its first alias (`Kode Unit`), or for a one-of group all of them. */
export function columnTitle(ds: Dataset<Record<string, Column>>, name: string): string {
  const group = ds.requireOneOf?.find((g) => g[0] === name);
  const title = (c: string) => ds.columns[c]?.aliases?.[0] ?? c;
  return group ? group.map(title).join(' atau ') : title(name);
}

/** Optional columns the header lacks (a note in the report, never a rejection); personal data left out. */
export function absentOptional(ds: Dataset<Record<string, Column>>, mapping: HeaderMapping): string[] {
  const inGroup = new Set((ds.requireOneOf ?? []).flat());
  return Object.entries(ds.columns)
    .filter(([name, c]) => c.required === false && c.kind !== 'pii' && !inGroup.has(name))
    .filter(([name]) => !mapping.columns.has(name) && !(ds.deriveKey && name === ds.key))
    .map(([name]) => name);
}

/** Number of cells of a row that name a dataset column: how header-like the row is. */
export function headerScore(ds: Dataset<Record<string, Column>>, row: readonly string[]): number {
  const named = new Set<string>();
  for (const cell of row) {
    const name = columnOf(ds, String(cell));
    if (name) named.add(name);
  }
  return named.size;
}

/**
 * How messages name a column: the officer's own header in quotes (with the unsur, `(U3)`, after a
 * question-text header), or the column's usual title when the file has no such column.
 */
export function officerLabel(
  ds: Dataset<Record<string, Column>>,
  mapping: HeaderMapping,
  header: readonly string[],
): (column: string | null) => string | null {
  return (column) => {
    if (column === null) return null;
    const at = mapping.columns.get(column);
    const text = at === undefined ? undefined : header[at]?.trim();
    if (!text) return `"${columnTitle(ds, column)}"`;
    const shown = text.length > 70 ? `${text.slice(0, 70)}…` : text;
    const unsur = /^u([1-9])$/.exec(column);
    return unsur && headerKey(text) !== `u${unsur[1]}` ? `"${shown}" (U${unsur[1]})` : `"${shown}"`;
  };
}
