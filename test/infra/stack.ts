import { readFileSync } from 'node:fs';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseModel } from '#warehouse/models.ts';
import { PantauStack, type PantauStackProps } from '../../infra/pantau-stack.ts';

/** A documented mart, as the warehouse's `sql/marts/*.sql` headers declare them. */
export const MART = parseModel(
  'ikm_region',
  'marts',
  'sql/marts/ikm_region.sql',
  `-- grain: satu baris per wilayah dan periode | one row per region and period
-- key: region_code
-- column period string: Periode | Period
-- column region_code string: Kode wilayah | Region code
-- column ikm_konversi double: IKM konversi | IKM converted
-- column year int: Tahun | Year
select 1`,
);

/** The feature flags `cdk synth` applies (cdk.json), so tests build what the CLI builds. */
export const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'))
  .context as Record<string, unknown>;

/** An app like the CLI's, with bundling skipped (fast; bundling is exercised by `npm run synth`). */
export const testApp = () => new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });

/** The stack as the tests build it (not yet synthesized: plugins such as cdk-nag can still be added). */
export const buildStack = (app = testApp(), props: Partial<PantauStackProps> = {}) =>
  new PantauStack(app, 'Pantau', {
    env: { account: '123456789012', region: 'ap-southeast-3' },
    models: [MART],
    reminderSender: 'pantau@kemenpan.go.id',
    ...props,
  });

/** The stack synthesized without bundling. */
export function synthStack(app = testApp(), props: Partial<PantauStackProps> = {}) {
  const stack = buildStack(app, props);
  return { app, stack, template: Template.fromStack(stack) };
}

/** An IAM policy statement as synthesized. */
export type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Principal?: unknown;
};

/** A value or list of them, as a list. */
export const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);

/** The logical id of the resource at a construct path (`['Web', 'Function', 'ServiceRole']`). */
export function logicalIdAt(stack: Stack, path: string[]): string {
  let node = stack.node;
  for (const id of path) node = node.findChild(id).node;
  return stack.getLogicalId(node.defaultChild as never);
}

/** Every statement of every IAM policy (inline and managed) in a template, with the roles it is attached to. */
export function allStatements(template: Template): { roles: string; s: Statement }[] {
  const policies = {
    ...template.findResources('AWS::IAM::Policy'),
    ...template.findResources('AWS::IAM::ManagedPolicy'),
  };
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({
      roles: JSON.stringify(p.Properties.Roles ?? []),
      s,
    })),
  );
}
