import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { acknowledge, arnToken } from './nag.ts';
import { PantauFunction } from './pantau-function.ts';

export interface RemindersProps {
  lake: IBucket;
  key: IKey;
  userPool: IUserPool;
  /** The sender address (an SES identity this stack creates; SES sends its verification e-mail on deploy). */
  sender: string;
}

/**
 * Deadline reminders: every morning (08:00 WIB) a function reads the officers from the user pool and the
 * ledger from the lake, and e-mails (SES) officers whose region has not submitted a dataset when the
 * deadline is at most the methodology's `reminder_days_before` days away — `pantau remind --dry-run` locally.
 */
export class Reminders extends Construct {
  readonly function: PantauFunction;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const identity = new EmailIdentity(this, 'Sender', { identity: Identity.email(props.sender) });
    this.function = new PantauFunction(this, 'Function', {
      entry: 'functions/web/remind-handler.ts',
      description: 'Pantau reminders: e-mail officers whose region has not submitted before the deadline',
      timeout: Duration.minutes(5),
      memorySize: 512,
      environment: {
        LAKE_BUCKET: props.lake.bucketName,
        USER_POOL_ID: props.userPool.userPoolId,
        SENDER: props.sender,
        POWERTOOLS_SERVICE_NAME: 'reminders',
      },
    });
    const stack = Stack.of(this);
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [props.lake.arnForObjects('ledger/*')] }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.lake.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['ledger/*'] } },
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.key.keyArn] }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:ListUsersInGroup'],
        resources: [props.userPool.userPoolArn],
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity.emailIdentityName }),
        ],
      }),
    );
    new Schedule(this, 'Daily', {
      description: 'Pantau: deadline reminders',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '8', timeZone: TimeZone.ASIA_JAKARTA }),
      target: new LambdaInvoke(this.function, { retryAttempts: 2, maxEventAge: Duration.hours(2) }),
    });
    acknowledge(this.function, {
      [`IAM5[Resource::${arnToken(props.lake)}/ledger/*]`]:
        'Which regions have submitted comes from the ledger entries of the period.',
    });
  }
}
