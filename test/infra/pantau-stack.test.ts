import { Match } from 'aws-cdk-lib/assertions';
import { TrinoSQL } from 'dt-sql-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC } from '#aws/telemetry.ts';
import { glueType } from '#core/contract/types.ts';
import { DATASETS } from '#core/datasets/index.ts';
import { INGEST_PROCESS_ENV } from '#ingest/process-env.ts';
import { ANALYST_QUERIES } from '../../infra/named-queries.ts';
import { MART, synthStack } from './stack.ts';

let t: ReturnType<typeof synthStack>;
beforeAll(() => {
  t = synthStack();
});

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
};
const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);

/** Resource ARN pattern of a statement as text, with the bucket reference replaced by its logical id. */
function patterns(resource: unknown): string[] {
  return list(resource).map((r) => {
    const join = (r as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (!join) return JSON.stringify(r);
    return join[1]
      .map((p) => (typeof p === 'string' ? p : ((p as { 'Fn::GetAtt': string[] })['Fn::GetAtt']?.[0] ?? '?')))
      .join('');
  });
}

describe('storage', () => {
  it('encrypts every data bucket with the rotated key, blocks public access and retains data', () => {
    t.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const buckets = t.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(6); // uploads, lake, results, access logs, site, dashboard
    for (const b of Object.values(buckets)) {
      expect(b.DeletionPolicy).toBe('Retain');
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    const kms = Object.values(buckets).filter((b) =>
      JSON.stringify(b.Properties.BucketEncryption).includes('aws:kms'),
    );
    expect(kms).toHaveLength(3);
    t.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'uploads/' },
    });
    t.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Prefix: 'quarantine/',
            Transitions: [Match.objectLike({ StorageClass: 'STANDARD_IA' })],
          }),
        ]),
      },
    });
    t.template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'athena-results/' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30 })] },
    });
  });

  it('denies non-TLS access on every bucket', () => {
    const policies = t.template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(6);
    for (const p of Object.values(policies)) {
      expect(p.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });
});

/** Every statement of the inline policies attached to the role of the function at `path`. */
function roleStatements(path: string): Statement[] {
  const fn = t.stack.node.findChild(path.split('/')[0]!).node.findChild('Function') as unknown as {
    role: { node: { defaultChild: never } };
  };
  const roleId = t.stack.getLogicalId(fn.role.node.defaultChild);
  return Object.values(t.template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const bucketId = (name: string) =>
  t.stack.getLogicalId(t.stack.node.findChild('Storage').node.findChild(name).node.defaultChild as never);

describe('ingest', () => {
  it('queues upload notifications, one file per invocation, DLQ after 3 receives, visibility 6× the timeout', () => {
    t.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 900,
      MemorySize: 3008,
      EphemeralStorage: { Size: 10240 },
      Handler: 'functions/ingest/index.handler',
      TracingConfig: { Mode: 'Active' },
      // the environment of the local ingest workers too (one libuv pool thread)
      Environment: { Variables: Match.objectLike(INGEST_PROCESS_ENV) },
    });
    t.template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 5400,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
      KmsMasterKeyId: Match.anyValue(),
    });
    t.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 1,
    });
    t.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
          }),
        ],
      },
    });
  });

  it('may read uploads and list their folders, read/write the lake, nothing else', () => {
    const s3 = roleStatements('Ingest').filter((s) => list(s.Action).some((a) => a.startsWith('s3:')));
    const grants = s3.map((s) => ({
      actions: list(s.Action).sort(),
      resources: patterns(s.Resource).sort(),
    }));
    expect(grants).toEqual(
      expect.arrayContaining([
        { actions: ['s3:GetObject'], resources: [`${bucketId('Uploads')}/uploads/*`] },
        {
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
          resources: [`${bucketId('Lake')}/*`],
        },
      ]),
    );
    for (const g of grants) {
      expect(g.resources.every((r) => r.includes(bucketId('Lake')) || r.includes(bucketId('Uploads')))).toBe(
        true,
      );
      if (g.resources.some((r) => r.includes(bucketId('Uploads'))))
        expect([['s3:GetObject'], ['s3:ListBucket']]).toContainEqual(g.actions);
    }
    const listing = s3.filter((s) => list(s.Action).includes('s3:ListBucket'));
    const uploadsListing = listing.find((s) =>
      patterns(s.Resource).some((r) => r.includes(bucketId('Uploads'))),
    );
    expect(uploadsListing?.Condition).toEqual({ StringLike: { 's3:prefix': 'uploads/*' } });
    const services = new Set(
      roleStatements('Ingest').flatMap((s) => list(s.Action).map((a) => a.split(':')[0])),
    );
    expect([...services].sort()).toEqual(['kms', 's3', 'sqs', 'xray']);
  });
});

describe('catalog and Athena', () => {
  it('catalogues every curated dataset from its definition, with year/quarter projection', () => {
    for (const d of Object.values(DATASETS)) {
      t.template.hasResourceProperties('AWS::Glue::Table', {
        TableInput: Match.objectLike({
          Name: d.table,
          PartitionKeys: [
            Match.objectLike({ Name: 'year', Type: 'int' }),
            Match.objectLike({ Name: 'quarter', Type: 'int' }),
          ],
          Parameters: Match.objectLike({
            'projection.enabled': 'true',
            'projection.quarter.range': '1,4',
            'storage.location.template': Match.anyValue(),
          }),
          StorageDescriptor: Match.objectLike({
            Columns: d.stored.map((c) => Match.objectLike({ Name: c.name, Type: glueType(c.type) })),
          }),
        }),
      });
    }
  });

  it('catalogues marts from their documented columns and the ledger as submissions', () => {
    t.template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: MART.name,
        StorageDescriptor: Match.objectLike({
          Columns: ['period', 'region_code', 'ikm_konversi'].map((n) => Match.objectLike({ Name: n })),
        }),
      }),
    });
    t.template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'submissions',
        StorageDescriptor: Match.objectLike({
          SerdeInfo: Match.objectLike({ SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' }),
        }),
      }),
    });
    expect(Object.keys(t.template.findResources('AWS::Glue::Crawler'))).toHaveLength(0);
  });

  it('sets engine v3, encrypted results, a scan cut-off and metrics on both workgroups', () => {
    // the pipeline cannot enforce: Athena fails a CTAS with external_location in an enforcing workgroup
    for (const [name, enforce] of [
      ['pantau-pipeline', false],
      ['pantau-analysts', true],
    ] as const) {
      t.template.hasResourceProperties('AWS::Athena::WorkGroup', {
        Name: name,
        WorkGroupConfiguration: Match.objectLike({
          EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
          EnforceWorkGroupConfiguration: enforce,
          PublishCloudWatchMetricsEnabled: true,
          BytesScannedCutoffPerQuery: Match.anyValue(),
          ResultConfiguration: Match.objectLike({
            EncryptionConfiguration: Match.objectLike({ EncryptionOption: 'SSE_KMS' }),
          }),
        }),
      });
    }
  });

  it('saves the analysts’ queries as valid Trino SQL', () => {
    const trino = new TrinoSQL();
    expect(ANALYST_QUERIES.length).toBeGreaterThan(3);
    for (const q of ANALYST_QUERIES) {
      expect(trino.validate(q.sql), q.id).toEqual([]);
      t.template.hasResourceProperties('AWS::Athena::NamedQuery', { Name: q.name, QueryString: q.sql });
    }
  });
});

describe('scheduled job and observability', () => {
  it('runs quarterly after the deadline, with retries and a dead-letter destination', () => {
    t.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 1 17 1,4,7,10 ? *)',
      ScheduleExpressionTimezone: 'Asia/Jakarta',
      Target: Match.objectLike({
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
        DeadLetterConfig: Match.anyValue(),
      }),
    });
    t.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const athena = roleStatements('Evaluate').filter((s) =>
      list(s.Action).some((a) => a.startsWith('athena:')),
    );
    expect(JSON.stringify(athena)).toContain('workgroup/pantau-pipeline');
  });

  it('alarms to an encrypted SNS topic on DLQs, errors and bytes scanned, and draws the dashboard', () => {
    t.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = Object.values(t.template.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => a.Properties.MetricName);
    expect(metrics.sort()).toEqual(
      [
        'ApproximateNumberOfMessagesVisible',
        'ApproximateNumberOfMessagesVisible',
        'Errors',
        'Errors',
        'ProcessedBytes',
        'ProcessedBytes',
      ].sort(),
    );
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
    const body = JSON.stringify(
      Object.values(t.template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
    );
    for (const m of [
      METRIC.submissions,
      METRIC.rowsAccepted,
      'ProcessedBytes',
      'ApproximateNumberOfMessagesVisible',
      'Duration',
    ]) {
      expect(body).toContain(m);
    }
  });
});
