import { Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildStack, testApp } from './stack.ts';

/** Synthesize an app with the AwsSolutions pack; the error it throws when findings remain, or undefined. */
function nagError(build: (app: ReturnType<typeof testApp>) => void): Error | undefined {
  const app = testApp();
  build(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the Pantau stack', () => {
    // build only: Template.fromStack would synthesize before the checks are added, and they would never run
    expect(nagError((app) => buildStack(app))?.message).toBeUndefined();
  });

  it('does fail synthesis on a finding (control)', () => {
    const error = nagError((app) => new Bucket(new Stack(app, 'Bad'), 'Open'));
    expect(error?.message).toContain('AwsSolutions-S1');
  });
});
