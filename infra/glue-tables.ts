import { lake } from '#core/contract/lake.ts';
import { type GlueColumn, glueColumn, glueComment } from '#core/contract/types.ts';
import { PARTITION_COLUMNS } from '#core/datasets/definition.ts';
import { DATASET_IDS, DATASETS } from '#core/datasets/index.ts';
import { LEDGER_COLUMNS } from '#core/ledger.ts';
import { martDeclarations } from '#warehouse/marts.ts';
import type { DocumentedModel } from '#warehouse/models.ts';

export type { GlueColumn };

/** A Parquet table over `prefix` in the lake, partitioned by year/quarter. */
export interface LakeTableSpec {
  name: string;
  /** Lake key prefix of the table (`curated/skm/`), ending in `/`. */
  prefix: string;
  description: string;
  columns: GlueColumn[];
}

/** Partition keys of every lake table (from the one definition in the dataset module). */
export const PARTITION_KEYS: GlueColumn[] = PARTITION_COLUMNS.map(glueColumn);

/** The four curated tables, from the dataset definitions' stored columns. */
export function curatedTables(): LakeTableSpec[] {
  return DATASET_IDS.map((id) => DATASETS[id]).map((d) => ({
    name: d.table,
    prefix: lake.curatedPrefix(d.id),
    description: glueComment(d.grain),
    columns: d.stored.map(glueColumn),
  }));
}

/** The mart tables, from each mart's declaration (its model file's header: grain, key, columns). */
export function martTables(models: readonly DocumentedModel[]): LakeTableSpec[] {
  return martDeclarations(models).map((m) => ({
    name: m.name,
    prefix: lake.warehousePrefix(m.name),
    description: glueComment(m.grain),
    columns: m.columns
      .filter((c) => !PARTITION_KEYS.some((p) => p.name === c.name))
      .map((c) => ({ name: c.name, type: c.type, comment: glueComment(c.doc) })),
  }));
}

/** Columns of the `submissions` table, in ledger-entry order. */
export const SUBMISSION_COLUMNS: GlueColumn[] = Object.entries(LEDGER_COLUMNS).map(([name, c]) =>
  glueColumn({ name, ...c }),
);
