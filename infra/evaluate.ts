import { Arn, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { JOB_GLUE_ACTIONS } from '#aws/glue-actions.ts';
import { runScope } from '#aws/run-scope.ts';
import { lake } from '#core/contract/lake.ts';
import { accountToken, acknowledge, arnToken } from './nag.ts';
import { PantauFunction } from './pantau-function.ts';
import { SITE_DASHBOARD_KEY, SITE_DASHBOARD_PREFIX } from './site.ts';

/** Methodology versions the job can evaluate with (files `methodology/<version>.json`). */
export type MethodologyVersion = `v${number}`;

export interface EvaluateProps {
  lake: IBucket;
  results: IBucket;
  key: IKey;
  databaseName: string;
  workGroupName: string;
  /** The bucket CloudFront serves the dashboard from: the job publishes it there too (`dashboard/index.html`). */
  dashboardBucket?: IBucket;
  /** Methodology the job evaluates with. @default 'v2' */
  methodology?: MethodologyVersion;
  /** Years the curated tables project (the catalog's): the job refuses periods outside them. */
  projectedYears: readonly [number, number];
  /**
   * When the job runs: after the submission deadline (15 days after the quarter), WIB.
   * @default 01:00 on the 17th of January, April, July and October
   */
  schedule?: ScheduleExpression;
}

/** Lake prefixes the job writes: mart builds, run scratch tables, its run state, published snapshots. */
const JOB_WRITES = [lake.warehouseRoot, runScope.scratchRoot, runScope.stateRoot, lake.publishedPrefix].map(
  (prefix) => `${prefix}*`,
);

/**
 * The scheduled job: EventBridge Scheduler invokes the job function for the period just closed; it builds
 * the marts on Athena (`pipeline` workgroup), then evaluates and publishes. One invocation at a time
 * (reserved concurrency 1, plus the run's lease in the lake); a run that needs longer than one invocation
 * continues in the next (it invokes itself). Failed invocations are retried (Scheduler: delivery; Lambda:
 * 2 async retries, which resume from the run's checkpoint) and then land in an alarmed dead-letter queue.
 */
export class Evaluate extends Construct {
  readonly function: PantauFunction;
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;
  readonly schedulerRole: Role;

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
      reservedConcurrentExecutions: 1,
      environment: {
        LAKE_BUCKET: props.lake.bucketName,
        DATABASE: props.databaseName,
        WORKGROUP: props.workGroupName,
        METHODOLOGY_VERSION: props.methodology ?? 'v2',
        PROJECTED_YEARS: props.projectedYears.join('-'),
        POWERTOOLS_SERVICE_NAME: 'evaluate',
        ...(props.dashboardBucket
          ? { DASHBOARD_BUCKET: props.dashboardBucket.bucketName, DASHBOARD_KEY: SITE_DASHBOARD_KEY }
          : {}),
      },
      // the job builds the dashboard after each evaluation
      withDashboard: true,
    });
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Pantau: EventBridge Scheduler invokes the job and dead-letters undeliverable events',
    });
    // the dead-letter queue is KMS-encrypted: sending to it needs the key as well as sqs:SendMessage
    props.key.grant(this.schedulerRole, 'kms:GenerateDataKey', 'kms:Decrypt');
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
        role: this.schedulerRole,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    this.grantQuery(props);
    this.grantSelfInvoke();
    if (props.dashboardBucket) this.grantDashboard(props.dashboardBucket);
    this.acknowledgeFindings(props);
  }

  /** Publish the dashboard's files into the dashboard bucket (CloudFront serves them to ministry users). */
  private grantDashboard(site: IBucket): void {
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [site.arnForObjects(`${SITE_DASHBOARD_PREFIX}*`)],
      }),
    );
    acknowledge(this, {
      [`IAM5[Resource::${arnToken(site)}/${SITE_DASHBOARD_PREFIX}*]`]:
        'The job writes only the published dashboard files, under dashboard/ of the dashboard bucket.',
    });
  }

  /** Run queries in the pipeline workgroup, use the catalog, read the lake, write the job's prefixes. */
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
        actions: [...JOB_GLUE_ACTIONS],
        resources: [
          glue('catalog'),
          glue('database', props.databaseName),
          glue('table', `${props.databaseName}/*`),
        ],
      }),
    );
    // Athena looks up the `default` database of the catalog for every query
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['glue:GetDatabase'], resources: [glue('database', 'default')] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.lake.arnForObjects('*')] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: JOB_WRITES.map((p) => props.lake.arnForObjects(p)),
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

  /**
   * The job continues a long run by invoking itself. A separate policy (not the role's default policy,
   * which the function depends on) names the function's own ARN without a dependency cycle.
   */
  private grantSelfInvoke(): void {
    new Policy(this, 'ContinueRun', {
      roles: [this.function.role!],
      statements: [
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.function.functionArn] }),
      ],
    });
  }

  private acknowledgeFindings(props: EvaluateProps): void {
    const lakeArn = arnToken(props.lake);
    acknowledge(this.schedulerRole, {
      [`IAM5[Resource::${arnToken(this.function)}:*]`]:
        'Scheduler may invoke the job function and its versions only (grant made by the LambdaInvoke target).',
    });
    acknowledge(this, {
      SQS3: 'This queue is the dead-letter destination itself (Lambda on-failure and Scheduler DLQ); it has no consumer.',
      'IAM5[Action::kms:GenerateDataKey*]':
        'CDK grant for sending failed-invocation records to the KMS-encrypted dead-letter queue.',
      'IAM5[Action::kms:ReEncrypt*]':
        'CDK grant for sending failed-invocation records to the KMS-encrypted dead-letter queue.',
      [`IAM5[Resource::${lakeArn}/*]`]:
        'Athena reads curated data and the ledger anywhere in the lake the models query.',
      ...Object.fromEntries(
        JOB_WRITES.map((p) => [
          `IAM5[Resource::${lakeArn}/${p}]`,
          `The job writes under ${p.slice(0, -1)} only: keys derive from the run id, model and period.`,
        ]),
      ),
      [`IAM5[Resource::${arnToken(props.results)}/*]`]:
        'Athena writes and the job reads query results in the results bucket.',
      [`IAM5[Resource::arn:<AWS::Partition>:glue:${Stack.of(this).region}:${accountToken(this)}:table/${props.databaseName}/*]`]:
        'Queries read every table of the Pantau database and create/drop the run-scoped tables inside it, nothing outside it.',
    });
  }
}
