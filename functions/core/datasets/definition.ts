import type { DatasetId } from '../contract/names.ts';
import { type Bilingual, type Column, type ColumnValue, type SqlType, sqlType } from './columns.ts';

/** Columns every curated table carries besides the dataset's own fields. */
export const LINEAGE_COLUMNS = [
  {
    name: 'region_code',
    type: 'VARCHAR',
    doc: { id: 'Kode wilayah Kemendagri (bertitik, mis. 31.71)', en: 'Kemendagri region code, dotted' },
  },
  {
    name: 'period',
    type: 'VARCHAR',
    doc: { id: 'Periode triwulan (YYYY-Qn)', en: 'Reporting quarter (YYYY-Qn)' },
  },
  {
    name: 'submission_id',
    type: 'VARCHAR',
    doc: { id: 'ID pengiriman berkas asal baris ini', en: 'Submission (uploaded file) the row came from' },
  },
  {
    name: 'source_row',
    type: 'INTEGER',
    doc: { id: 'Nomor baris pada berkas asal', en: 'Row number in the uploaded file' },
  },
] as const satisfies readonly { name: string; type: SqlType; doc: Bilingual }[];

/** Hive partition columns of curated and warehouse tables (in the object key, not in the file). */
export const PARTITION_COLUMNS = [
  { name: 'year', type: 'INTEGER', doc: { id: 'Tahun periode', en: 'Year of the period' } },
  { name: 'quarter', type: 'INTEGER', doc: { id: 'Triwulan (1–4)', en: 'Quarter (1–4)' } },
] as const satisfies readonly { name: string; type: SqlType; doc: Bilingual }[];

/** A row rule that spans columns. */
export interface AtLeastOneRule {
  kind: 'atLeastOne';
  code: string;
  columns: readonly string[];
  message: string;
}

export interface DatasetSpec<C extends Record<string, Column>> {
  /** Dataset id as used in upload keys. */
  id: DatasetId;
  /** Curated table name (DuckDB view and Athena table). */
  table: string;
  /** Data-dictionary text: what one row is. */
  grain: Bilingual;
  columns: C;
  /** The column identifying a row within a file; duplicates are invalid rows. */
  key: keyof C & string;
  /** When the key column is absent from an export, derive it from the submission and row number. */
  deriveKey?: boolean;
  rowRules?: readonly AtLeastOneRule[];
  /** Groups of optional columns of which the header must hold at least one (the unit: code or name). */
  requireOneOf?: readonly (readonly string[])[];
  /**
   * Whether an accepted submission replaces the data of the units it contains (`unit`: SKM and FKP, made
   * per service unit) or the region's whole period (`region`). @default 'region'
   */
  replaceScope?: 'unit' | 'region';
}

type StoredKeys<C extends Record<string, Column>> = {
  [K in keyof C]: C[K] extends { kind: 'pii' } ? never : K;
}[keyof C];

export interface StoredColumn {
  name: string;
  type: SqlType;
  doc: Bilingual;
}

export interface Dataset<C extends Record<string, Column> = Record<string, Column>> extends DatasetSpec<C> {
  /** Columns of the curated Parquet file, in order: dataset fields, hashed personal data, lineage. */
  stored: readonly StoredColumn[];
}

/** Name under which a hashed personal-data column is stored. */
export const hashedName = (column: string) => `${column}_hash`;

/**
 * Define a dataset once; validation SQL (ingest/compile.ts), Parquet/Glue columns and the record type derive
 * from it. Rows are validated by that SQL only: there is no second, runtime row schema.
 */
export function defineDataset<const C extends Record<string, Column>>(spec: DatasetSpec<C>): Dataset<C> {
  const stored: StoredColumn[] = [];
  for (const [name, column] of Object.entries(spec.columns)) {
    if (column.kind === 'pii') {
      if (column.action === 'hash') {
        stored.push({
          name: hashedName(name),
          type: 'VARCHAR',
          doc: { id: `Hash bergaram dari ${column.doc.id}`, en: `Salted hash of ${column.doc.en}` },
        });
      }
      continue;
    }
    stored.push({ name, type: sqlType(column), doc: column.doc });
  }
  for (const c of LINEAGE_COLUMNS) stored.push(c);
  return { ...spec, stored };
}

/** The TypeScript type of a curated record (personal data excluded). */
export type DatasetRecord<D extends { columns: Record<string, Column> }> = {
  [K in StoredKeys<D['columns']>]: ColumnValue<D['columns'][K]>;
};
