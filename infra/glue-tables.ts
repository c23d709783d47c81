import { GLUE_TYPE } from '#core/datasets/columns.ts';
import { PARTITION_COLUMNS } from '#core/datasets/definition.ts';
import { DATASET_IDS, DATASETS, type DatasetId } from '#core/datasets/index.ts';
import { lake } from '#core/lake.ts';
import { LEDGER_COLUMNS, LEDGER_GLUE_TYPE } from '#core/ledger.ts';
import type { DocumentedModel } from '#warehouse/models.ts';

/** One Glue column: name, Hive type, comment (Bahasa Indonesia for analysts, English after `|`). */
export interface GlueColumn {
  name: string;
  type: string;
  comment: string;
}

/** A Parquet table over `prefix` in the lake, partitioned by year/quarter. */
export interface LakeTableSpec {
  name: string;
  /** Lake key prefix of the table (`curated/skm/`), ending in `/`. */
  prefix: string;
  description: string;
  columns: GlueColumn[];
}

const comment = (doc: { id: string; en: string }) => `${doc.id} | ${doc.en}`.slice(0, 255);

/** Partition keys of every lake table (from the one definition in the dataset module). */
export const PARTITION_KEYS: GlueColumn[] = PARTITION_COLUMNS.map((c) => ({
  name: c.name,
  type: GLUE_TYPE[c.type],
  comment: comment(c.doc),
}));

/** The four curated tables, from the dataset definitions' stored columns. */
export function curatedTables(): LakeTableSpec[] {
  return DATASET_IDS.map((id) => DATASETS[id]).map((d) => ({
    name: d.table,
    prefix: lake.curatedPrefix(d.id as DatasetId),
    description: comment(d.grain),
    columns: d.stored.map((c) => ({ name: c.name, type: GLUE_TYPE[c.type], comment: comment(c.doc) })),
  }));
}

/** The mart tables, from the column documentation in each mart model's header. */
export function martTables(models: readonly DocumentedModel[]): LakeTableSpec[] {
  return models
    .filter((m) => m.materialized === 'partition')
    .map((m) => {
      if (m.columns.length === 0)
        throw new Error(`${m.file}: a mart must document its columns (-- column …)`);
      return {
        name: m.name,
        prefix: lake.warehousePrefix(m.name),
        description: m.grain ? comment(m.grain) : m.name,
        columns: m.columns
          .filter((c) => !PARTITION_KEYS.some((p) => p.name === c.name))
          .map((c) => ({ name: c.name, type: c.type, comment: comment(c.doc) })),
      };
    });
}

/** Columns of the `submissions` table, in ledger-entry order. */
export const SUBMISSION_COLUMNS: GlueColumn[] = Object.entries(LEDGER_COLUMNS).map(([name, c]) => ({
  name,
  type: LEDGER_GLUE_TYPE[c.type],
  comment: comment(c.doc),
}));
