import {
  CognitoIdentityProviderClient,
  paginateListUsersInGroup,
} from '@aws-sdk/client-cognito-identity-provider';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { requireEnv } from '#aws/config.ts';
import { S3Store } from '#aws/s3-store.ts';
import { logger } from '#aws/telemetry.ts';
import { loadMethodology } from '#core/methodology.ts';
import { canonicalRegionCode } from '#core/regions.ts';
import { GROUPS, REGION_CLAIM } from './identity.ts';
import { dueReminders, type Officer } from './remind.ts';

const env = requireEnv('LAKE_BUCKET', 'USER_POOL_ID', 'SENDER');
const cognito = new CognitoIdentityProviderClient({});
const ses = new SESv2Client({});
const lake = new S3Store(new S3Client({}), env.LAKE_BUCKET);

/** Officers of the user pool (group `officers`, enabled, with a valid region attribute). */
export async function officers(client: CognitoIdentityProviderClient, pool: string): Promise<Officer[]> {
  const out: Officer[] = [];
  for await (const page of paginateListUsersInGroup(
    { client },
    { UserPoolId: pool, GroupName: GROUPS.officer },
  )) {
    for (const u of page.Users ?? []) {
      const attr = (name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;
      const region = canonicalRegionCode(attr(REGION_CLAIM) ?? '');
      const email = attr('email');
      if (u.Enabled && region && email) out.push({ email, region_code: region });
    }
  }
  return out;
}

/** The daily reminder job: e-mail officers whose region has not submitted, N days before the deadline. */
export async function handler(): Promise<{ sent: number }> {
  const reminders = await dueReminders(
    lake,
    await officers(cognito, env.USER_POOL_ID),
    new Date(),
    (await loadMethodology()).methodology.submission,
  );
  for (const r of reminders) {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: env.SENDER,
        Destination: { ToAddresses: [r.to] },
        Content: {
          Simple: {
            Subject: { Data: r.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: r.body, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }
  logger.info('reminders sent', {
    sent: reminders.length,
    regions: new Set(reminders.map((r) => r.region_code)).size,
  });
  return { sent: reminders.length };
}
