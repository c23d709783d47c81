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
 * Athena workgroups: `pipeline` (the scheduled job, the only principal allowed to use it) and `analysts`
 * (people), both on engine v3 — results encrypted with the data key in the results bucket, a bytes-scanned
 * cut-off per query, CloudWatch metrics on — and the analysts' common questions as named queries. The
 * analysts' configuration is enforced; the pipeline's is not, because Athena rejects a CTAS with
 * `external_location` in an enforcing workgroup and the job builds its run-scoped tables that way.
 */
export class Workgroups extends Construct {
  readonly pipeline: CfnWorkGroup;
  readonly analysts: CfnWorkGroup;

  constructor(scope: Construct, id: string, props: WorkgroupsProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'pantau';
    const removal = props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const workgroup = (name: string, cutoff: number, description: string, enforce: boolean) => {
      const wg = new CfnWorkGroup(this, name, {
        name: `${prefix}-${name}`,
        description,
        state: 'ENABLED',
        recursiveDeleteOption: props.destroyOnRemoval ?? false,
        workGroupConfiguration: {
          engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
          enforceWorkGroupConfiguration: enforce,
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
      // CTAS with external_location (the job's run-scoped builds in the lake) fails in a workgroup that
      // overrides client-side settings; the job sets none, so its results still use this configuration
      false,
    );
    this.analysts = workgroup(
      'analysts',
      props.analystBytesCutoff ?? 10 * GiB,
      'Pantau analysts (SQL on curated data and marts)',
      true,
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
