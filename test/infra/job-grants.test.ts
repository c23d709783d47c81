import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AthenaEngine } from '#aws/athena-engine.ts';
import { AthenaQueries } from '#aws/athena-query.ts';
import { GLUE_ACTIONS_BY_STATEMENT, statementKind } from '#aws/glue-actions.ts';
import { MartPartitions } from '#aws/mart-partitions.ts';
import type { StepRecord } from '#aws/run-state.ts';
import { LocalStore } from '#core/local-store.ts';
import { periodOf } from '#core/period.ts';
import { loadModels } from '#warehouse/models.ts';
import { transform } from '#warehouse/runner.ts';
import { declaredColumns, fakeAthena } from '../aws/fake-athena.ts';
import { synthStack } from './stack.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);
let dir: string;
let implied: Set<string>;
let fake: ReturnType<typeof fakeAthena>;

/** The Glue actions the engine's work implies: its statements (by kind) and its own Glue API calls. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-grants-'));
  fake = fakeAthena({ martColumns: declaredColumns(await loadModels()) });
  const steps: StepRecord[] = [];
  const engineFor = (runId: string) =>
    new AthenaEngine({
      queries: new AthenaQueries(new AthenaClient({ region: 'ap-southeast-3' }), {
        workGroup: 'pipeline',
        database: 'pantau',
        sleep: async () => {},
      }),
      lake: new LocalStore(dir),
      lakeBucket: 'lake',
      database: 'pantau',
      partitions: new MartPartitions(new GlueClient({ region: 'ap-southeast-3' }), 'pantau'),
      run: { runId, done: () => undefined, complete: async (s) => void steps.push(s) },
    });
  const period = periodOf(2026, 1);
  const run = (engine: AthenaEngine) =>
    transform({ lake: new LocalStore(dir), engine, periods: [period.id] });
  await run(engineFor('20260117010000aaaaaa')); // creates the partitions
  const engine = engineFor('20260417010000bbbbbb');
  await run(engine); // a later run switches them
  await engine.listPartitions('ikm_region');
  await engine.dropPartition('ikm_region', period);
  await engine.dropRunTables('20260417010000bbbbbb', steps);
  implied = new Set([
    ...fake.statements.flatMap((s) => GLUE_ACTIONS_BY_STATEMENT[statementKind(s.sql)]),
    ...fake.glueActions(),
  ]);
}, 120_000);
afterAll(async () => {
  fake.reset();
  await rm(dir, { recursive: true, force: true });
});

describe("the job's Glue permissions", () => {
  it('are exactly the actions its statements and calls imply, on the Pantau database', async () => {
    expect(await loadModels()).not.toHaveLength(0);
    const t = synthStack();
    const fn = Object.entries(t.template.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.Handler === 'functions/evaluate/index.handler',
    )!;
    const roleId = (fn[1].Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const statements = Object.values(t.template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => list(s.Action).some((a) => a.startsWith('glue:')));
    const onPantau = statements.filter((s) => JSON.stringify(s.Resource).includes('table/pantau/*'));
    expect(new Set(onPantau.flatMap((s) => list(s.Action)))).toEqual(implied);
    // Athena also looks up the catalog's `default` database, and may do nothing else there
    const onDefault = statements.filter((s) => JSON.stringify(s.Resource).includes(':database/default'));
    expect(onDefault.flatMap((s) => list(s.Action))).toEqual(['glue:GetDatabase']);
  });

  it('run in a workgroup that lets CTAS name its external_location', () => {
    expect(fake.statements.some((s) => s.sql.includes('external_location ='))).toBe(true);
    synthStack().template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'pantau-pipeline',
      WorkGroupConfiguration: Match.objectLike({ EnforceWorkGroupConfiguration: false }),
    });
  });

  it('include what an INSERT-free partition switch needs', () => {
    for (const a of ['glue:CreateTable', 'glue:DeleteTable', 'glue:CreatePartition', 'glue:UpdatePartition'])
      expect(implied).toContain(a);
  });
});
