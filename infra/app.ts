import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadModels } from '#warehouse/models.ts';
import { PantauStack } from './pantau-stack.ts';
import { deploymentRegion } from './region.ts';

const app = new App();
const { region, source } = deploymentRegion(app.node.tryGetContext('region'));
console.error(`Pantau: synthesizing for region ${region} (${source})`);
const context = (name: string) => app.node.tryGetContext(name) as string | undefined;
new PantauStack(app, 'Pantau', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
  models: await loadModels(),
  destroyOnRemoval: context('destroyOnRemoval') === 'true',
  reminderSender: context('reminderSender'),
  alarmEmails: context('alarmEmails')?.split(',').filter(Boolean),
  methodology: context('methodology'),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
