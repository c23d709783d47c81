/**
 * Column types, written once: each DuckDB type a table may hold with its Glue/Hive spelling (the catalog),
 * its Trino spelling (what Athena's `information_schema` reports) and the Parquet type it is stored as. Curated columns, the ledger, seeds and marts all name their types
 * through this table.
 */
export const COLUMN_TYPES = {
  VARCHAR: { glue: 'string', trino: 'varchar', parquet: 'BYTE_ARRAY (STRING)' },
  INTEGER: { glue: 'int', trino: 'integer', parquet: 'INT32' },
  BIGINT: { glue: 'bigint', trino: 'bigint', parquet: 'INT64' },
  DOUBLE: { glue: 'double', trino: 'double', parquet: 'DOUBLE' },
  BOOLEAN: { glue: 'boolean', trino: 'boolean', parquet: 'BOOLEAN' },
  DATE: { glue: 'date', trino: 'date', parquet: 'INT32 (DATE)' },
  TIMESTAMP: { glue: 'timestamp', trino: 'timestamp', parquet: 'INT64 (TIMESTAMP_MICROS)' },
  'VARCHAR[]': { glue: 'array<string>', trino: 'array(varchar)', parquet: 'LIST (BYTE_ARRAY (STRING))' },
} as const;

/** A column type, DuckDB spelling. */
export type DuckType = keyof typeof COLUMN_TYPES;
/** A column type, Glue/Hive spelling (what Athena's catalog and the model headers use). */
export type GlueType = (typeof COLUMN_TYPES)[DuckType]['glue'];
/** The stored type of a curated column (a dataset field, a hash or lineage). */
export type SqlType = Extract<DuckType, 'VARCHAR' | 'INTEGER' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN'>;

/** Glue type of a DuckDB type. */
export const glueType = (t: DuckType): GlueType => COLUMN_TYPES[t].glue;

/** Parquet type a DuckDB type is stored as. */
export const parquetType = (t: DuckType): string => COLUMN_TYPES[t].parquet;

/** DuckDB type of a Glue type, or undefined when the name is not one of {@link COLUMN_TYPES}. */
export function duckType(glue: string): DuckType | undefined {
  return (Object.keys(COLUMN_TYPES) as DuckType[]).find((t) => COLUMN_TYPES[t].glue === glue);
}

/** DuckDB type of a Trino type name (`timestamp(3)` → `TIMESTAMP`), or undefined when not in the table. */
export function duckTypeOfTrino(trino: string): DuckType | undefined {
  const base = trino.toLowerCase().replace(/^(timestamp)\(\d+\)$/, '$1');
  return (Object.keys(COLUMN_TYPES) as DuckType[]).find((t) => COLUMN_TYPES[t].trino === base);
}

/** Scalar Glue types a mart column may declare. */
export const MART_GLUE_TYPES = ['string', 'int', 'bigint', 'double', 'boolean', 'date', 'timestamp'] as const;
export type MartGlueType = (typeof MART_GLUE_TYPES)[number];

/** A bilingual text: Bahasa Indonesia for officers and analysts, English for developers. */
export interface Bilingual {
  id: string;
  en: string;
}

/** One Glue column: name, Hive type, comment ("Bahasa Indonesia | English"). */
export interface GlueColumn {
  name: string;
  type: GlueType;
  comment: string;
}

/** A Glue comment from bilingual text: "Bahasa Indonesia | English", at most 255 characters. */
export const glueComment = (doc: Bilingual) => `${doc.id} | ${doc.en}`.slice(0, 255);

/** A Glue column from a documented column with a DuckDB type. */
export const glueColumn = (c: { name: string; type: DuckType; doc: Bilingual }): GlueColumn => ({
  name: c.name,
  type: glueType(c.type),
  comment: glueComment(c.doc),
});
