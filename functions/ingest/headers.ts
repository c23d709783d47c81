import type { Column } from '#core/datasets/columns.ts';
import type { Dataset } from '#core/datasets/definition.ts';

/** Header text reduced to what matters: case, spacing, punctuation, `_`/`-` ignored. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

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

export function mapHeader(ds: Dataset<Record<string, Column>>, header: readonly string[]): HeaderMapping {
  const index = aliasIndex(ds);
  const columns = new Map<string, number>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  header.forEach((text, i) => {
    if (text.trim() === '') return;
    const name = index.get(headerKey(text));
    if (!name) unknown.push(text);
    else if (columns.has(name)) duplicates.push(text);
    else columns.set(name, i);
  });
  const missing = Object.entries(ds.columns)
    .filter(([name, c]) => c.required !== false && !columns.has(name))
    .map(([name]) => name);
  return { columns, unknown, duplicates, missing };
}

/** Number of cells of a row that name a dataset column: how header-like the row is. */
export function headerScore(ds: Dataset<Record<string, Column>>, row: readonly string[]): number {
  const index = aliasIndex(ds);
  return new Set(row.map((c) => index.get(headerKey(String(c)))).filter(Boolean)).size;
}
