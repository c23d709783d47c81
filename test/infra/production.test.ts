import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC } from '#aws/telemetry.ts';
import { PROJECTED_YEARS } from '../../infra/catalog.ts';
import { EXTERNAL_MODULES } from '../../infra/pantau-function.ts';
import { DEFAULT_REGION, deploymentRegion } from '../../infra/region.ts';
import { CDK_CONTEXT, MART, synthStack, testApp } from './stack.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };
const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);
const getAtt = (x: unknown) => (x as { 'Fn::GetAtt'?: string[] })?.['Fn::GetAtt']?.[0];

let t: ReturnType<typeof synthStack>;
beforeAll(() => {
  t = synthStack();
});

/** Every statement of the identity policies attached to a role (by logical id). */
function roleStatements(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const allows = (statements: Statement[], action: string, resourceId: string) =>
  statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((a) => a === action || (a.endsWith('*') && action.startsWith(a.slice(0, -1)))) &&
      JSON.stringify(s.Resource).includes(`"${resourceId}"`),
  );

describe('alarms arrive', () => {
  it("lets CloudWatch publish to the topic and use the topic's key", () => {
    const [topic] = Object.values(t.template.findResources('AWS::SNS::Topic'));
    const keyId = getAtt(topic?.Properties.KmsMasterKeyId)!;
    const key = t.template.toJSON().Resources[keyId];
    const cloudwatch = (key.Properties.KeyPolicy.Statement as Statement[]).filter((s) =>
      JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect(cloudwatch.flatMap((s) => list(s.Action)).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    t.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
          }),
        ]),
      },
    });
  });
});

describe('dead letters arrive', () => {
  it('every role that may send to a KMS-encrypted queue may use its key', () => {
    const queues = t.template.findResources('AWS::SQS::Queue');
    const roles = Object.keys(t.template.findResources('AWS::IAM::Role'));
    let checked = 0;
    for (const [queueId, q] of Object.entries(queues)) {
      const keyId = getAtt(q.Properties.KmsMasterKeyId);
      if (!keyId) continue;
      for (const role of roles) {
        const s = roleStatements(t.template, role);
        if (!allows(s, 'sqs:SendMessage', queueId)) continue;
        checked++;
        expect(allows(s, 'kms:GenerateDataKey', keyId), `${role} → ${queueId}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2); // the job's on-failure destination and the scheduler's DLQ
  });

  it("every schedule's role is the one granted its dead-letter queue's key", () => {
    const schedules = Object.values(t.template.findResources('AWS::Scheduler::Schedule')).filter(
      (schedule) => schedule.Properties.Target.DeadLetterConfig,
    );
    expect(schedules.length).toBeGreaterThanOrEqual(1);
    for (const schedule of schedules) {
      const roleId = getAtt(schedule.Properties.Target.RoleArn)!;
      const queueId = getAtt(schedule.Properties.Target.DeadLetterConfig.Arn)!;
      const keyId = getAtt(t.template.toJSON().Resources[queueId].Properties.KmsMasterKeyId)!;
      const s = roleStatements(t.template, roleId);
      expect(allows(s, 'sqs:SendMessage', queueId)).toBe(true);
      expect(allows(s, 'kms:GenerateDataKey', keyId)).toBe(true);
    }
  });
});

describe('one job at a time', () => {
  it('reserves one concurrent invocation for the job and names the methodology (v2 by default)', () => {
    t.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'functions/evaluate/index.handler',
      ReservedConcurrentExecutions: 1,
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({
          METHODOLOGY_VERSION: 'v2',
          PROJECTED_YEARS: PROJECTED_YEARS.join('-'),
        }),
      },
    });
  });

  it('may invoke itself (continuations), and nothing else', () => {
    const fnId = Object.entries(t.template.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.Handler === 'functions/evaluate/index.handler',
    )![0];
    const roleId = getAtt(t.template.toJSON().Resources[fnId].Properties.Role)!;
    const invokes = roleStatements(t.template, roleId).filter((s) =>
      list(s.Action).includes('lambda:InvokeFunction'),
    );
    expect(invokes).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [fnId, 'Arn'] } })]);
  });
});

describe('the catalog projects what exists', () => {
  it('projects curated partitions over the configured years; marts have catalogued partitions', () => {
    t.template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'skm_responses',
        Parameters: Match.objectLike({ 'projection.year.range': PROJECTED_YEARS.join(',') }),
      }),
    });
    const mart = Object.values(t.template.findResources('AWS::Glue::Table')).find(
      (x) => x.Properties.TableInput.Name === MART.name,
    );
    expect(mart?.Properties.TableInput.Parameters['projection.enabled']).toBeUndefined();
    expect(mart?.Properties.TableInput.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual([
      'year',
      'quarter',
    ]);
  });
});

describe('retention', () => {
  it('retains workgroups and every key by default, and deletes them with destroyOnRemoval', () => {
    for (const type of ['AWS::Athena::WorkGroup', 'AWS::KMS::Key']) {
      const kept = Object.values(t.template.findResources(type));
      expect(kept.length).toBeGreaterThan(1);
      for (const r of kept) expect(r.DeletionPolicy, type).toBe('Retain');
    }
    const destroy = synthStack(testApp(), { destroyOnRemoval: true }).template;
    for (const type of ['AWS::Athena::WorkGroup', 'AWS::KMS::Key']) {
      for (const r of Object.values(destroy.findResources(type)))
        expect(r.DeletionPolicy, type).toBe('Delete');
    }
  });
});

describe('the ops dashboard', () => {
  it('plots bytes scanned, seconds and rows per model', () => {
    const body = JSON.stringify(
      Object.values(t.template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
    );
    for (const m of [METRIC.modelBytesScanned, METRIC.modelSeconds, METRIC.modelRows])
      expect(body).toContain(m);
    expect(body).toContain(MART.name);
  });
});

describe('the bundle', () => {
  it('bundles the pinned AWS SDK instead of taking the runtime’s', async () => {
    expect(EXTERNAL_MODULES.some((m) => m.startsWith('@aws-sdk'))).toBe(false);
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const client of ['client-s3', 'client-athena', 'client-glue', 'client-lambda'])
      expect(pkg.dependencies[`@aws-sdk/${client}`]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the region', () => {
  it('is Jakarta unless the context names another, whatever CDK_DEFAULT_REGION says', () => {
    expect(deploymentRegion(undefined)).toEqual({ region: 'ap-southeast-3', source: 'default' });
    expect(deploymentRegion('ap-southeast-1').region).toBe('ap-southeast-1');
    expect(() => deploymentRegion('jakarta')).toThrow(/not an AWS region code/);
  });

  it('`cdk synth` with the CLI’s us-east-1 default still targets the documented default', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cdk-out-'));
    try {
      const { stderr } = await promisify(execFile)('npx', ['tsx', 'infra/app.ts'], {
        env: {
          ...process.env,
          CDK_DEFAULT_REGION: 'us-east-1',
          CDK_OUTDIR: out,
          // what the CLI passes: cdk.json's context (no region in it), bundling skipped for speed
          CDK_CONTEXT_JSON: JSON.stringify({ ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] }),
        },
      });
      expect(stderr).toContain(`region ${DEFAULT_REGION} (default)`);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.artifacts.Pantau.environment).toBe(`aws://unknown-account/${DEFAULT_REGION}`);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
