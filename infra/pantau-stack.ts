import { Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DocumentedModel } from '#warehouse/models.ts';
import { Catalog } from './catalog.ts';
import { Evaluate, type MethodologyVersion } from './evaluate.ts';
import { curatedTables, martTables } from './glue-tables.ts';
import { Ingest, type IngestProps } from './ingest.ts';
import { accountToken, acknowledge, arnToken, BASIC_EXECUTION_ROLE } from './nag.ts';
import { Observability } from './observability.ts';
import { Reminders } from './reminders.ts';
import { Site } from './site.ts';
import { Storage } from './storage.ts';
import { Web } from './web.ts';
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
  /** Sender of the deadline reminder e-mails (an SES identity). @default reminders are not deployed */
  reminderSender?: string;
  /** Prefix of the Cognito sign-in domain. @default `pantau-{account}` */
  loginDomainPrefix?: string;
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

/** Pantau on AWS: storage, the web (Cognito, API, site), ingest, catalog, Athena, scheduled job, observability. */
export class PantauStack extends Stack {
  constructor(scope: Construct, id: string, props: PantauStackProps) {
    super(scope, id, props);
    const destroyOnRemoval = props.destroyOnRemoval ?? false;
    const storage = new Storage(this, 'Storage', { destroyOnRemoval });
    const { key, uploads, lake, results } = storage;
    const site = this.web(storage, props, destroyOnRemoval);
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
      dashboardBucket: site.site.dashboardBucket,
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
    this.acknowledgeGenerated(site.site, site.reminders);
  }

  /** Officers and the ministry: user pool and API, the site in front of both, reminders. */
  private web(
    storage: Storage,
    props: PantauStackProps,
    destroyOnRemoval: boolean,
  ): { site: Site; reminders?: Reminders } {
    let site: Site | undefined;
    // the sign-in callback is the site's own address, known once the distribution exists
    const siteUrl = Lazy.string({ produce: () => `https://${site!.distribution.distributionDomainName}/` });
    const web = new Web(this, 'Web', {
      uploads: storage.uploads,
      lake: storage.lake,
      key: storage.key,
      siteUrl,
      loginDomainPrefix: props.loginDomainPrefix ?? `pantau-${this.account}`,
      destroyOnRemoval,
    });
    site = new Site(this, 'Site', {
      api: web.api,
      accessLogs: storage.accessLogs,
      signIn: {
        auth: 'cognito',
        domain: web.loginDomain,
        client_id: web.client.userPoolClientId,
        redirect_uri: siteUrl,
      },
      dashboardSigner: web.function,
      destroyOnRemoval,
    });
    const reminders = props.reminderSender
      ? new Reminders(this, 'Reminders', {
          lake: storage.lake,
          key: storage.key,
          userPool: web.userPool,
          sender: props.reminderSender,
        })
      : undefined;
    return { site, reminders };
  }

  /** Findings on constructs CDK generates at stack level (S3 notification handler, Scheduler role). */
  private acknowledgeGenerated(site: Site, reminders: Reminders | undefined): void {
    for (const child of this.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        const reason =
          'CDK-provided deploy-time handler that copies the site pages into the site bucket and invalidates CloudFront; it runs only during deployment.';
        acknowledge(child, {
          [BASIC_EXECUTION_ROLE]: reason,
          L1: `${reason} Its runtime is chosen by CDK.`,
          'IAM5[Resource::*]': `${reason} cloudfront:CreateInvalidation has no resource-level scoping in CDK's grant.`,
          'IAM5[Action::s3:GetBucket*]': reason,
          'IAM5[Action::s3:GetObject*]': reason,
          'IAM5[Action::s3:List*]': reason,
          'IAM5[Action::s3:Abort*]': reason,
          'IAM5[Action::s3:DeleteObject*]': reason,
          [`IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${accountToken(this)}-${this.region}/*]`]: `${reason} It reads the CDK asset bucket.`,
          [`IAM5[Resource::${arnToken(site.bucket)}/*]`]: `${reason} It writes the pages at the bucket root.`,
        });
      }
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        acknowledge(child, {
          [BASIC_EXECUTION_ROLE]:
            'CDK-provided deploy-time handler that configures bucket notifications; it only writes its own logs.',
          'IAM5[Resource::*]':
            'CDK-provided handler: s3:PutBucketNotification is granted on * by CDK; it runs only during deployment.',
        });
      }
      if (reminders && child.node.id.startsWith('SchedulerRoleForTarget')) {
        acknowledge(child, {
          [`IAM5[Resource::${arnToken(reminders.function)}:*]`]:
            'Scheduler may invoke the reminder function and its versions only.',
        });
      }
    }
  }
}
