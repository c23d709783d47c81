import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadModels } from '#warehouse/models.ts';
import { PantauStack } from './pantau-stack.ts';

const app = new App();
new PantauStack(app, 'Pantau', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-3',
  },
  models: await loadModels(),
  destroyOnRemoval: app.node.tryGetContext('destroyOnRemoval') === 'true',
  reminderSender: app.node.tryGetContext('reminderSender') as string | undefined,
  alarmEmails: (app.node.tryGetContext('alarmEmails') as string | undefined)?.split(',').filter(Boolean),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
