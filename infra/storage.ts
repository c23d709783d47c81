import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { runScope } from '#aws/run-scope.ts';
import { lake } from '#core/contract/lake.ts';

export interface StorageProps {
  /** Delete buckets (and their objects) and the key with the stack: for throw-away stacks only. @default false */
  destroyOnRemoval?: boolean;
  /** Days before Athena query results expire. @default 30 */
  resultsExpireDays?: number;
  /** Days before a scheduled run's leftover scratch objects expire. @default 7 */
  scratchExpireDays?: number;
  /** Days before quarantine files move to Infrequent Access. @default 30 */
  quarantineToIaDays?: number;
}

/**
 * The buckets: uploads (versioned: every upload kept), the lake (curated, quarantine, reports, ledger,
 * warehouse, published), Athena results, and the access-log bucket they all log to. One customer-managed
 * key (rotated) encrypts all but the log bucket (S3 server access logging only writes SSE-S3 targets).
 * TLS-only bucket policies, public access blocked, object ownership enforced; retained by default.
 */
export class Storage extends Construct {
  readonly key: Key;
  readonly uploads: Bucket;
  readonly lake: Bucket;
  readonly results: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps = {}) {
    super(scope, id);
    const destroy = props.destroyOnRemoval ?? false;
    const removalPolicy = destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const common: BucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      autoDeleteObjects: destroy,
    };
    this.key = new Key(this, 'Key', {
      enableKeyRotation: true,
      description: 'Pantau data at rest',
      removalPolicy,
    });
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...common,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    const encrypted = (prefix: string): BucketProps => ({
      ...common,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${prefix}/`,
    });
    this.uploads = new Bucket(this, 'Uploads', {
      ...encrypted('uploads'),
      versioned: true,
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        {
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
        },
      ],
    });
    this.lake = new Bucket(this, 'Lake', {
      ...encrypted('lake'),
      versioned: true,
      lifecycleRules: [
        {
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(90),
        },
        // the scheduled job drops its run tables' objects itself; this catches a run that never finished
        { prefix: runScope.scratchRoot, expiration: Duration.days(props.scratchExpireDays ?? 7) },
        {
          prefix: lake.quarantinePrefix,
          transitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(props.quarantineToIaDays ?? 30),
            },
          ],
        },
      ],
    });
    this.results = new Bucket(this, 'AthenaResults', {
      ...encrypted('athena-results'),
      lifecycleRules: [
        {
          expiration: Duration.days(props.resultsExpireDays ?? 30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }
}
