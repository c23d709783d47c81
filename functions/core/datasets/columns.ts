import type { Bilingual, SqlType } from '../contract/types.ts';

export type { Bilingual, SqlType };

/** How a personal-data column of an export is treated at intake. */
export type PiiAction = 'drop' | 'hash';

interface ColumnBase {
  /** Header spellings found in exports; matched case-, space-, punctuation-insensitively. */
  aliases?: readonly string[];
  /** The column must be present in the header. @default true */
  required?: boolean;
  /** An empty cell is allowed. @default false */
  nullable?: boolean;
  /** Data-dictionary text. */
  doc: Bilingual;
}

export interface TextColumn extends ColumnBase {
  kind: 'text';
  maxLength?: number;
  /** A unit code column: when empty, the code comes from this name column (registry, else derived). */
  codeFromName?: string;
}
export interface IntegerColumn extends ColumnBase {
  kind: 'integer';
  min?: number;
  max?: number;
  /** Answer words read as numbers (forms exports: "Sangat sesuai" → 4), keyed as {@link wordKey} gives. */
  labels?: Readonly<Record<string, number>>;
  /** The answer words as printed, for scores min…max (named in messages). */
  answers?: readonly string[];
}
export interface DateColumn extends ColumnBase {
  kind: 'date';
  /** The value must fall inside the submission's quarter. @default false */
  inPeriod?: boolean;
  /** A timestamp column whose date serves when this column is absent or empty (forms exports). */
  orDateOf?: string;
}
export interface TimestampColumn extends ColumnBase {
  kind: 'timestamp';
  /** The value must fall inside the submission's quarter. @default false */
  inPeriod?: boolean;
}
export interface EnumColumn<V extends string = string> extends ColumnBase {
  kind: 'enum';
  /** Canonical value → accepted spellings (compared lower-cased, trimmed, spaces collapsed). */
  values: Readonly<Record<V, readonly string[]>>;
}
export interface FlagColumn extends ColumnBase {
  kind: 'flag';
}
/** A personal-data column: read so it can be removed, never stored in clear. */
export interface PiiColumn extends ColumnBase {
  kind: 'pii';
  action: PiiAction;
}

export type Column =
  | TextColumn
  | IntegerColumn
  | DateColumn
  | TimestampColumn
  | EnumColumn
  | FlagColumn
  | PiiColumn;

export const text = <const T extends Omit<TextColumn, 'kind'>>(c: T) =>
  ({ kind: 'text', ...c }) as TextColumn & T;
export const integer = <const T extends Omit<IntegerColumn, 'kind'>>(c: T) =>
  ({ kind: 'integer', ...c }) as IntegerColumn & T;
export const date = <const T extends Omit<DateColumn, 'kind'>>(c: T) =>
  ({ kind: 'date', ...c }) as DateColumn & T;
export const timestamp = <const T extends Omit<TimestampColumn, 'kind'>>(c: T) =>
  ({ kind: 'timestamp', ...c }) as TimestampColumn & T;
export const enumeration = <V extends string, const T extends Omit<EnumColumn<V>, 'kind'>>(
  c: T & { values: Readonly<Record<V, readonly string[]>> },
) => ({ kind: 'enum', ...c }) as EnumColumn<V> & T;
export const flag = <const T extends Omit<FlagColumn, 'kind'>>(c: T) =>
  ({ kind: 'flag', ...c }) as FlagColumn & T;
export const pii = (c: Omit<PiiColumn, 'kind' | 'required' | 'nullable'>): PiiColumn => ({
  kind: 'pii',
  required: false,
  nullable: true,
  ...c,
});

/**
 * Text reduced for matching words (answer labels, unit names, question headers): lower case, no accents,
 * each run of other characters one space. The SQL macro `pantau_word_key` computes the same.
 */
export function wordKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Whether `text` is plain ASCII: its own Unicode normal form, its letters and digits `[A-Za-z0-9]`. */
export const isAscii = (text: string): boolean => Buffer.byteLength(text) === text.length;

/** Accepted spellings of yes/no fields. */
export const FLAG_VALUES = {
  true: ['ya', 'ada', 'yes', 'true', '1', 'y'],
  false: ['tidak', 'tidak ada', 'no', 'false', '0', 't', 'n'],
} as const;

/** The stored (curated) type of a column, shared by DuckDB, Parquet and Athena (see the contract's types). */
export function sqlType(c: Column): SqlType {
  switch (c.kind) {
    case 'integer':
      return 'INTEGER';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'flag':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

/** The TypeScript type of one column's stored value. */
type ValueOf<C extends Column> = C extends IntegerColumn
  ? number
  : C extends DateColumn | TimestampColumn
    ? Date
    : C extends FlagColumn
      ? boolean
      : C extends EnumColumn<infer V>
        ? V
        : string;

/** The stored value of a column, `null` included when the column is nullable. */
export type ColumnValue<C extends Column> = C extends { nullable: true } ? ValueOf<C> | null : ValueOf<C>;
