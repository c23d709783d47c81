import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ANALYST_QUERIES } from './named-queries.ts';

export interface WorkgroupsProps {
  results: IBucket;
  key: IKey;
  databaseName: string;
  /** Prefix of the workgroup names (`pantau-pipeline`, `pantau-analysts`). @default 'pantau' */
  namePrefix?: string;
  /** Per-query scan limit of the pipeline. @default 100 GiB */
  pipelineBytesCutoff?: number;
  /** Per-query scan limit for analysts. @default 10 GiB */
  analystBytesCutoff?: number;
  /** Delete the workgroups, their saved queries and history with the stack (else retained). @default false */
  destroyOnRemoval?: boolean;
}

const GiB = 1024 ** 3;

/**
 * Athena workgroups: `pipeline` (the scheduled job) and `analysts` (people), both on engine v3 with the
 * configuration enforced — results encrypted with the data key in the results bucket, a bytes-scanned
 * cut-off per query, CloudWatch metrics on — and the analysts' common questions as named queries.
 */
export class Workgroups extends Construct {
  readonly pipeline: CfnWorkGroup;
  readonly analysts: CfnWorkGroup;

  constructor(scope: Construct, id: string, props: WorkgroupsProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'pantau';
    const removal = props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const workgroup = (name: string, cutoff: number, description: string) => {
      const wg = new CfnWorkGroup(this, name, {
        name: `${prefix}-${name}`,
        description,
        state: 'ENABLED',
        recursiveDeleteOption: props.destroyOnRemoval ?? false,
        workGroupConfiguration: {
          engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
          enforceWorkGroupConfiguration: true,
          publishCloudWatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: cutoff,
          requesterPaysEnabled: false,
          resultConfiguration: {
            outputLocation: `s3://${props.results.bucketName}/${name}/`,
            encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.key.keyArn },
            expectedBucketOwner: Stack.of(this).account,
          },
        },
      });
      wg.applyRemovalPolicy(removal);
      return wg;
    };
    this.pipeline = workgroup(
      'pipeline',
      props.pipelineBytesCutoff ?? 100 * GiB,
      'Pantau scheduled warehouse builds',
    );
    this.analysts = workgroup(
      'analysts',
      props.analystBytesCutoff ?? 10 * GiB,
      'Pantau analysts (SQL on curated data and marts)',
    );
    for (const q of ANALYST_QUERIES) {
      const named = new CfnNamedQuery(this, `Query-${q.id}`, {
        name: q.name,
        description: q.description,
        database: props.databaseName,
        workGroup: this.analysts.ref,
        queryString: q.sql,
      });
      named.addDependency(this.analysts);
    }
  }
}
