import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
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
