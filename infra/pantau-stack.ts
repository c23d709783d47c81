import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DocumentedModel } from '#warehouse/models.ts';
import { Catalog } from './catalog.ts';
import { Evaluate, type MethodologyVersion } from './evaluate.ts';
import { curatedTables, martTables } from './glue-tables.ts';
import { Ingest, type IngestProps } from './ingest.ts';
import { acknowledge, BASIC_EXECUTION_ROLE } from './nag.ts';
import { Observability } from './observability.ts';
import { Storage } from './storage.ts';
import { Uploaders } from './uploaders.ts';
import { Workgroups } from './workgroups.ts';

export interface PantauStackProps extends StackProps {
  /** Mart models (with documented columns) to catalogue: `await loadModels()`. */
  models: readonly DocumentedModel[];
  /** Delete data with the stack (buckets, key, workgroup history): for throw-away stacks. @default false */
  destroyOnRemoval?: boolean;
  /** Glue database name. @default 'pantau' */
  databaseName?: string;
  /** E-mail addresses that receive alarms. @default none */
  alarmEmails?: readonly string[];
  /** Methodology version the scheduled job evaluates with (`methodology/<version>.json`). @default 'v2' */
  methodology?: string;
  /** Ingest sizing. @default see IngestProps */
  ingest?: Pick<
    IngestProps,
    'timeout' | 'memorySize' | 'ephemeralStorageMiB' | 'batchSize' | 'maxConcurrency'
  >;
}

function methodologyVersion(v: string | undefined): MethodologyVersion | undefined {
  if (v === undefined) return undefined;
  if (!/^v\d+$/.test(v)) throw new Error(`methodology must be a version like v2, not ${JSON.stringify(v)}`);
  return v as MethodologyVersion;
}

/** Pantau on AWS: storage, region-scoped uploads, ingest, catalog, Athena, scheduled job, observability. */
export class PantauStack extends Stack {
  constructor(scope: Construct, id: string, props: PantauStackProps) {
    super(scope, id, props);
    const destroyOnRemoval = props.destroyOnRemoval ?? false;
    const storage = new Storage(this, 'Storage', { destroyOnRemoval });
    const { key, uploads, lake, results } = storage;
    new Uploaders(this, 'Uploaders', { uploads, lake, key });
    const ingest = new Ingest(this, 'Ingest', { uploads, lake, key, destroyOnRemoval, ...props.ingest });
    const catalog = new Catalog(this, 'Catalog', {
      lake,
      databaseName: props.databaseName,
      tables: curatedTables(),
      marts: martTables(props.models),
    });
    const workgroups = new Workgroups(this, 'Athena', {
      results,
      key,
      databaseName: catalog.databaseName,
      namePrefix: this.stackName.toLowerCase(),
      destroyOnRemoval,
    });
    const job = new Evaluate(this, 'Evaluate', {
      lake,
      results,
      key,
      databaseName: catalog.databaseName,
      workGroupName: workgroups.pipeline.name,
      methodology: methodologyVersion(props.methodology),
      projectedYears: catalog.years,
    });
    job.node.addDependency(workgroups.pipeline);
    new Observability(this, 'Observability', {
      destroyOnRemoval,
      models: props.models.map((m) => m.name),
      ingest: ingest.function,
      ingestDeadLetters: ingest.deadLetterQueue,
      job: job.function,
      jobDeadLetters: job.deadLetterQueue,
      workGroups: [workgroups.pipeline.name, workgroups.analysts.name],
      alarmEmails: props.alarmEmails,
    });
    this.acknowledgeGenerated();
  }

  /** Findings on constructs CDK generates at stack level (the S3 notification handler). */
  private acknowledgeGenerated(): void {
    for (const child of this.node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        acknowledge(child, {
          [BASIC_EXECUTION_ROLE]:
            'CDK-provided deploy-time handler that configures bucket notifications; it only writes its own logs.',
          'IAM5[Resource::*]':
            'CDK-provided handler: s3:PutBucketNotification is granted on * by CDK; it runs only during deployment.',
        });
      }
    }
  }
}
