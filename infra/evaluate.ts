import { Arn, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { lake } from '#core/contract/lake.ts';
import { accountToken, acknowledge, arnToken } from './nag.ts';
import { PantauFunction } from './pantau-function.ts';
import { SITE_DASHBOARD_KEY, SITE_DASHBOARD_PREFIX } from './site.ts';

export interface EvaluateProps {
  lake: IBucket;
  results: IBucket;
  key: IKey;
  databaseName: string;
  workGroupName: string;
  /** The site bucket: the job publishes the dashboard there too (`dashboard/index.html`). */
  siteBucket?: IBucket;
  /**
   * When the job runs: after the submission deadline (15 days after the quarter), WIB.
   * @default 01:00 on the 17th of January, April, July and October
   */
  schedule?: ScheduleExpression;
}

/**
 * The scheduled job: EventBridge Scheduler invokes the job function for the period just closed; it builds
 * the marts on Athena (`pipeline` workgroup), then evaluates and publishes. Failed invocations are retried
 * (Scheduler: delivery; Lambda: 2 async retries) and then land in a dead-letter queue that is alarmed.
 */
export class Evaluate extends Construct {
  readonly function: PantauFunction;
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: EvaluateProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new PantauFunction(this, 'Function', {
      entry: 'functions/evaluate/handler.ts',
      description:
        'Pantau scheduled job: build marts on Athena for the period just closed, evaluate, publish',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: {
        LAKE_BUCKET: props.lake.bucketName,
        DATABASE: props.databaseName,
        WORKGROUP: props.workGroupName,
        POWERTOOLS_SERVICE_NAME: 'evaluate',
        ...(props.siteBucket ? { SITE_BUCKET: props.siteBucket.bucketName, SITE_DASHBOARD_KEY } : {}),
      },
      // the job builds the dashboard after each evaluation
      withDashboard: true,
    });
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.schedule = new Schedule(this, 'Quarterly', {
      description: 'Pantau: warehouse and evaluation for the quarter just closed',
      schedule:
        props.schedule ??
        ScheduleExpression.cron({
          minute: '0',
          hour: '1',
          day: '17',
          month: '1,4,7,10',
          timeZone: TimeZone.ASIA_JAKARTA,
        }),
      target: new LambdaInvoke(this.function, {
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    this.grantQuery(props);
    if (props.siteBucket) this.grantSite(props.siteBucket);
    acknowledge(this, {
      SQS3: 'This queue is the dead-letter destination itself (Lambda on-failure and Scheduler DLQ); it has no consumer.',
      'IAM5[Action::kms:GenerateDataKey*]':
        'CDK grant for sending failed-invocation records to the KMS-encrypted dead-letter queue.',
      'IAM5[Action::kms:ReEncrypt*]':
        'CDK grant for sending failed-invocation records to the KMS-encrypted dead-letter queue.',
      [`IAM5[Resource::${arnToken(props.lake)}/*]`]:
        'Athena reads curated data and the ledger anywhere in the lake the models query.',
      [`IAM5[Resource::${arnToken(props.lake)}/${lake.warehouseRoot}*]`]:
        'Marts are rewritten per period: delete then INSERT under warehouse/{model}/.',
      [`IAM5[Resource::${arnToken(props.lake)}/${lake.publishedPrefix}*]`]:
        'The job publishes ranking snapshots and the dashboard under published/.',
      [`IAM5[Resource::${arnToken(props.results)}/*]`]:
        'Athena writes and the job reads query results in the results bucket.',
      [`IAM5[Resource::arn:<AWS::Partition>:glue:${Stack.of(this).region}:${accountToken(this)}:table/${props.databaseName}/*]`]:
        'Queries read every table of the Pantau database (curated, marts, submissions) and nothing outside it.',
    });
  }

  /** Publish the dashboard page into the site bucket (CloudFront serves it). */
  private grantSite(site: IBucket): void {
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [site.arnForObjects(`${SITE_DASHBOARD_PREFIX}*`)],
      }),
    );
    acknowledge(this, {
      [`IAM5[Resource::${arnToken(site)}/${SITE_DASHBOARD_PREFIX}*]`]:
        'The job writes only the published dashboard page under dashboard/ of the site bucket.',
    });
  }

  /** Run queries in the pipeline workgroup, read the catalog, read the lake, write marts and published. */
  private grantQuery(props: EvaluateProps): void {
    const stack = Stack.of(this);
    const fn = this.function;
    const glue = (resource: string, resourceName?: string) =>
      Arn.format({ service: 'glue', resource, resourceName }, stack);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
        ],
        resources: [
          Arn.format({ service: 'athena', resource: 'workgroup', resourceName: props.workGroupName }, stack),
        ],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'glue:GetDatabase',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchCreatePartition',
        ],
        resources: [
          glue('catalog'),
          glue('database', props.databaseName),
          glue('table', `${props.databaseName}/*`),
        ],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.lake.arnForObjects('*')] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [
          props.lake.arnForObjects(`${lake.warehouseRoot}*`),
          props.lake.arnForObjects(`${lake.publishedPrefix}*`),
        ],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
        resources: [props.results.arnForObjects('*')],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
        resources: [props.lake.bucketArn, props.results.bucketArn],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.key.keyArn] }),
    );
  }
}
