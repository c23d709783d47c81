import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRIC_NAMESPACE, MODEL_DIMENSION } from '#aws/telemetry.ts';

export interface ObservabilityProps {
  /** Delete the alarm topic's key with the stack. @default false */
  destroyOnRemoval?: boolean;
  ingest: IFunction;
  ingestDeadLetters: IQueue;
  job: IFunction;
  jobDeadLetters: IQueue;
  /** Athena workgroup names whose scanned bytes are watched. */
  workGroups: readonly string[];
  /** Bytes scanned per workgroup per day that raise an alarm. @default 200 GiB */
  dailyBytesAlarm?: number;
  /** E-mail addresses subscribed to the alarm topic. @default none */
  alarmEmails?: readonly string[];
  /** Models the job builds (marts and run tables): one line each on the per-model graphs. @default none */
  models?: readonly string[];
}

const outcomes = ['accepted', 'rejected', 'duplicate'] as const;

/** The CloudWatch dashboard (ingest outcomes, rows, queues, errors, durations, Athena bytes) and alarms → SNS. */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly topicKey: Key;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topicKey = new Key(this, 'AlarmsKey', {
      enableKeyRotation: true,
      description: 'Pantau alarm notifications',
      removalPolicy: props.destroyOnRemoval ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.topic = new Topic(this, 'Alarms', {
      masterKey: this.topicKey,
      enforceSSL: true,
      displayName: 'Pantau alarms',
    });
    this.allowAlarms();
    for (const email of props.alarmEmails ?? []) this.topic.addSubscription(new EmailSubscription(email));
    const custom = (name: string, dims: Record<string, string>) =>
      new Metric({
        namespace: METRIC_NAMESPACE,
        metricName: name,
        dimensionsMap: dims,
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const bytes = (wg: string) =>
      new Metric({
        namespace: 'AWS/Athena',
        metricName: 'ProcessedBytes',
        dimensionsMap: { WorkGroup: wg },
        statistic: 'Sum',
        period: Duration.days(1),
      });
    const dlqDepth = (q: IQueue) =>
      q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });

    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new SnsAction(this.topic));
    };
    alarm(
      'IngestDeadLetters',
      dlqDepth(props.ingestDeadLetters),
      1,
      'Uploads failed ingest 3 times: inspect and redrive the DLQ',
    );
    alarm(
      'IngestErrors',
      props.ingest.metricErrors({ period: Duration.minutes(5) }),
      1,
      'The ingest function failed',
    );
    alarm(
      'JobFailed',
      dlqDepth(props.jobDeadLetters),
      1,
      'The scheduled warehouse/evaluation job failed after retries',
    );
    alarm(
      'JobErrors',
      props.job.metricErrors({ period: Duration.minutes(5) }),
      1,
      'The scheduled job raised an error',
    );
    for (const wg of props.workGroups) {
      alarm(
        `BytesScanned-${wg}`,
        bytes(wg),
        props.dailyBytesAlarm ?? 200 * 1024 ** 3,
        `Athena ${wg}: bytes scanned in a day above threshold`,
      );
    }

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    const graph = (title: string, left: IMetric[]) => new GraphWidget({ title, left, width: 12 });
    this.dashboard.addWidgets(
      graph(
        'Submissions by outcome',
        outcomes.map((o) => custom(METRIC.submissions, { service: 'ingest', outcome: o })),
      ),
      graph('Rows accepted / rejected', [
        custom(METRIC.rowsAccepted, { service: 'ingest' }),
        custom(METRIC.rowsRejected, { service: 'ingest' }),
      ]),
      graph('Dead-letter queues', [dlqDepth(props.ingestDeadLetters), dlqDepth(props.jobDeadLetters)]),
      graph('Function errors', [props.ingest.metricErrors(), props.job.metricErrors()]),
      graph('Duration (p95)', [
        props.ingest.metricDuration({ statistic: 'p95' }),
        props.job.metricDuration({ statistic: 'p95' }),
      ]),
      graph('Athena bytes scanned per day', props.workGroups.map(bytes)),
    );
    const perModel = (name: string, statistic: string) =>
      (props.models ?? []).map(
        (m) =>
          new Metric({
            namespace: METRIC_NAMESPACE,
            metricName: name,
            dimensionsMap: { service: 'evaluate', [MODEL_DIMENSION]: m },
            statistic,
            period: Duration.days(1),
            label: m,
          }),
      );
    this.dashboard.addWidgets(
      graph('Job: bytes scanned per model per run', perModel(METRIC.modelBytesScanned, 'Sum')),
      graph('Job: seconds per model per run', perModel(METRIC.modelSeconds, 'Sum')),
      graph('Job: rows per mart partition', perModel(METRIC.modelRows, 'Maximum')),
    );
  }

  /**
   * CloudWatch publishes alarm notifications as the `cloudwatch.amazonaws.com` service: the topic's
   * policy must let it publish and the topic's key must let it encrypt, else every alarm e-mail is
   * dropped. Both only for alarms of this account and region.
   */
  private allowAlarms(): void {
    const stack = Stack.of(this);
    const conditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
      },
    };
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions,
      }),
    );
    this.topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsUseKey',
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    );
  }
}
