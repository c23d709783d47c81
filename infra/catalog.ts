import { Stack } from 'aws-cdk-lib';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lake, PARTITION_TEMPLATE } from '#core/contract/lake.ts';
import { SUBMISSIONS_TABLE } from '#core/contract/names.ts';
import { type GlueColumn, type LakeTableSpec, PARTITION_KEYS, SUBMISSION_COLUMNS } from './glue-tables.ts';

export interface CatalogProps {
  lake: IBucket;
  /** Curated tables (see glue-tables.ts): partition projection over `years`. */
  tables: readonly LakeTableSpec[];
  /** Mart tables: partitions registered by the job, each naming the folder of its current build. */
  marts?: readonly LakeTableSpec[];
  /** Glue database name. @default 'pantau' */
  databaseName?: string;
  /**
   * Years partition projection covers: the years with data, so an unfiltered query lists no empty
   * partitions. Extend it (and redeploy) before the first upload of a later year. @default [2025, 2030]
   */
  years?: readonly [number, number];
}

const PARQUET = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
};

/** Years projected by default (see {@link CatalogProps.years}). */
export const PROJECTED_YEARS: readonly [number, number] = [2025, 2030];

/**
 * The Glue catalog of the lake: one database; a Parquet table per curated dataset with partition
 * projection on year (integer range) and quarter (1–4) — no crawlers, no MSCK; a Parquet table per mart
 * whose partitions the job registers (switching a partition's location is how a rebuild becomes visible
 * at once); and `submissions` over the ledger's JSON entries.
 */
export class Catalog extends Construct {
  readonly database: CfnDatabase;
  readonly databaseName: string;
  readonly tableNames: string[] = [];
  /** Years the curated tables project. */
  readonly years: readonly [number, number];

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    this.databaseName = props.databaseName ?? 'pantau';
    const catalogId = Stack.of(this).account;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId,
      databaseInput: {
        name: this.databaseName,
        description: 'Pantau: curated data, marts and the submission ledger',
      },
    });
    this.years = props.years ?? PROJECTED_YEARS;
    const [from, to] = this.years;
    const s3 = (prefix: string) => `s3://${props.lake.bucketName}/${prefix}`;
    for (const t of props.tables) {
      this.table(t.name, t.description, {
        columns: t.columns,
        partitionKeys: PARTITION_KEYS,
        location: s3(t.prefix),
        format: PARQUET,
        parameters: {
          classification: 'parquet',
          'parquet.compression': 'SNAPPY',
          'projection.enabled': 'true',
          'projection.year.type': 'integer',
          'projection.year.range': `${from},${to}`,
          'projection.quarter.type': 'integer',
          'projection.quarter.range': '1,4',
          'storage.location.template': `${s3(t.prefix)}${PARTITION_TEMPLATE}`,
        },
      });
    }
    for (const t of props.marts ?? []) {
      this.table(t.name, t.description, {
        columns: t.columns,
        partitionKeys: PARTITION_KEYS,
        location: s3(t.prefix),
        format: PARQUET,
        parameters: { classification: 'parquet', 'parquet.compression': 'SNAPPY' },
      });
    }
    this.table(
      SUBMISSIONS_TABLE,
      'Buku besar pengiriman: satu baris per berkas diproses | Submission ledger',
      {
        columns: SUBMISSION_COLUMNS,
        partitionKeys: [],
        location: s3(lake.ledgerPrefix),
        format: {
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe',
            parameters: { 'timestamp.formats': "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" },
          },
        },
        parameters: { classification: 'json' },
      },
    );
  }

  private table(
    name: string,
    description: string,
    t: {
      columns: GlueColumn[];
      partitionKeys: GlueColumn[];
      location: string;
      format: Omit<CfnTable.StorageDescriptorProperty, 'columns' | 'location'>;
      parameters: Record<string, string>;
    },
  ): void {
    const table = new CfnTable(this, `Table-${name}`, {
      catalogId: Stack.of(this).account,
      databaseName: this.databaseName,
      tableInput: {
        name,
        description,
        tableType: 'EXTERNAL_TABLE',
        parameters: { EXTERNAL: 'TRUE', ...t.parameters },
        partitionKeys: t.partitionKeys,
        storageDescriptor: { ...t.format, columns: t.columns, location: t.location },
      },
    });
    table.addDependency(this.database);
    this.tableNames.push(name);
  }
}
