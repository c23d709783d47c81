import { GLUE_TYPE } from '#core/datasets/columns.ts';
import { PARTITION_COLUMNS } from '#core/datasets/definition.ts';
import { DATASET_IDS, DATASETS, type DatasetId } from '#core/datasets/index.ts';
import { lake } from '#core/lake.ts';
import type { LedgerEntry } from '#core/ledger.ts';
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

/** The `submissions` table: ledger entries, one JSON file each; typed against {@link LedgerEntry}. */
const LEDGER_FIELDS: Record<keyof LedgerEntry, [type: string, comment: string]> = {
  submission_id: ['string', 'ID pengiriman | Submission id'],
  dataset: ['string', 'Dataset | Dataset id'],
  region_code: ['string', 'Kode wilayah | Region code'],
  period: ['string', 'Periode | Period'],
  source_key: ['string', 'Kunci objek unggahan | Upload object key'],
  sha256: ['string', 'SHA-256 berkas | File SHA-256'],
  size_bytes: ['bigint', 'Ukuran berkas (byte) | File size in bytes'],
  uploaded_at: ['timestamp', 'Waktu unggah (UTC) | Upload time (UTC)'],
  processed_at: ['timestamp', 'Waktu diproses (UTC) | Processing time (UTC)'],
  status: ['string', 'accepted / rejected / duplicate'],
  superseded_on_arrival_by: ['string', 'Digantikan oleh pengiriman lebih baru | Superseded on arrival by'],
  rows_read: ['bigint', 'Baris dibaca | Rows read'],
  rows_accepted: ['bigint', 'Baris diterima | Rows accepted'],
  rows_rejected: ['bigint', 'Baris ditolak | Rows rejected'],
  errors: ['array<string>', 'Alasan penolakan berkas | File-level reasons'],
  schema_version: ['string', 'Versi skema | Schema version'],
  report_key: ['string', 'Kunci laporan | Report key'],
};

/** Columns of the `submissions` table, in ledger-entry order. */
export const SUBMISSION_COLUMNS: GlueColumn[] = Object.entries(LEDGER_FIELDS).map(([name, [type, c]]) => ({
  name,
  type,
  comment: c,
}));
