import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { lake } from '#core/contract/lake.ts';
import { INGEST_PROCESS_ENV } from '#ingest/process-env.ts';
import { acknowledge, arnToken } from './nag.ts';
import { PantauFunction } from './pantau-function.ts';

export interface IngestProps {
  uploads: IBucket;
  lake: IBucket;
  key: IKey;
  /** Delete the queue key with the stack (throw-away stacks). @default false */
  destroyOnRemoval?: boolean;
  /** For one file: the largest accepted upload must fit (docs/aws.md, "Sizing"). @default 15 minutes */
  timeout?: Duration;
  /** MiB; DuckDB needs ~0.5 GB for 2 M rows, more memory also buys CPU. @default 3008 */
  memorySize?: number;
  /** /tmp MiB: the upload (up to 1 GiB), its staged Parquet and DuckDB spill. @default 10240 */
  ephemeralStorageMiB?: number;
  /**
   * SQS messages per invocation. One: a batch shares the timeout, so one slow file would time the others
   * out and send them all towards the dead-letter queue. @default 1
   */
  batchSize?: number;
  /** Concurrent invocations the queue may start. @default 20 */
  maxConcurrency?: number;
}

/**
 * Uploads → ingest: S3 object-created notifications under `uploads/` go to an SQS queue (DLQ after 3
 * receives, visibility 6× the function timeout) feeding the ingest function with partial batch responses.
 * The function may read uploads and read/write the lake; nothing else.
 */
export class Ingest extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: PantauFunction;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.minutes(15);
    // A key of its own: S3 must encrypt notifications with it, and the data key's policy cannot name the
    // uploads bucket that it encrypts (CloudFormation dependency cycle).
    const queueKey = new Key(this, 'QueueKey', {
      enableKeyRotation: true,
      description: 'Pantau upload notifications',
      removalPolicy: props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    const queueProps = { encryption: QueueEncryption.KMS, encryptionMasterKey: queueKey, enforceSSL: true };
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      ...queueProps,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      ...queueProps,
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    props.uploads.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queue), {
      prefix: lake.uploadsPrefix,
    });
    this.function = new PantauFunction(this, 'Function', {
      entry: 'functions/ingest/handler.ts',
      description: 'Pantau ingest: validate an uploaded export and write curated data, report and ledger',
      timeout,
      memorySize: props.memorySize ?? 3008,
      ephemeralStorageMiB: props.ephemeralStorageMiB ?? 10240,
      environment: {
        UPLOADS_BUCKET: props.uploads.bucketName,
        LAKE_BUCKET: props.lake.bucketName,
        POWERTOOLS_SERVICE_NAME: 'ingest',
        ...INGEST_PROCESS_ENV,
      },
    });
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 1,
        maxConcurrency: props.maxConcurrency ?? 20,
        reportBatchItemFailures: true,
      }),
    );
    this.grantData(props);
    acknowledge(this.function, {
      [`IAM5[Resource::${arnToken(props.uploads)}/${lake.uploadsPrefix}*]`]:
        'Reads any uploaded export: the object key (region/dataset/period/file) is only known from the S3 event.',
      [`IAM5[Resource::${arnToken(props.lake)}/*]`]:
        'Ingest owns the lake layout (curated, quarantine, reports, ledger, config): keys derive from each submission.',
    });
  }

  /**
   * Read uploads and list their folders (a file sent twice takes its first upload's time: the ingest
   * compares it with the other files of its folder), read and write the lake (objects and listing), use the
   * data key for both.
   */
  private grantData(props: IngestProps): void {
    const fn = this.function;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.uploads.arnForObjects(`${lake.uploadsPrefix}*`)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.uploads.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${lake.uploadsPrefix}*` } },
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        // large files go up by multipart upload, which S3Store aborts when it fails
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
        resources: [props.lake.arnForObjects('*')],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.lake.bucketArn] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
    );
  }
}
