import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlerEnv, type LocalS3, startS3 } from '../aws/s3rver.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const ses = mockClient(SESv2Client);
let s3: LocalS3;

const user = (email: string, region: string | undefined, enabled = true) => ({
  Enabled: enabled,
  Attributes: [
    { Name: 'email', Value: email },
    ...(region ? [{ Name: 'custom:region', Value: region }] : []),
  ],
});

beforeAll(async () => {
  s3 = await startS3(['lake']);
  Object.assign(process.env, await handlerEnv(s3), {
    USER_POOL_ID: 'ap-southeast-3_test',
    SENDER: 'pantau@kemenpan.go.id',
  });
  cognito.on(ListUsersInGroupCommand).resolvesOnce({
    Users: [
      user('a@aceh.go.id', '11'),
      user('b@contoh.go.id', 'bukan-kode'),
      user('c@sumut.go.id', '1201', false),
    ],
    NextToken: 'more',
  });
  cognito
    .on(ListUsersInGroupCommand, { NextToken: 'more' })
    .resolves({ Users: [user('d@sumut.go.id', '12')] });
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
});
afterAll(async () => {
  vi.useRealTimers();
  await s3?.stop();
});

describe('reminder function (Cognito and SES at the SDK boundary, the lake on s3rver)', () => {
  it('e-mails each enabled officer with a valid region, once, five days before the deadline', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-10T02:00:00Z'));
    const { handler } = await import('#web/remind-handler.ts');
    expect(await handler()).toEqual({ sent: 2 });
    const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sent.map((m) => m.Destination?.ToAddresses)).toEqual([['a@aceh.go.id'], ['d@sumut.go.id']]);
    expect(sent[0]!.FromEmailAddress).toBe('pantau@kemenpan.go.id');
    expect(sent[0]!.Content?.Simple?.Body?.Text?.Data).toContain('5 hari lagi');
    expect(cognito.commandCalls(ListUsersInGroupCommand)[0]!.args[0].input.GroupName).toBe('officers');
  });
});
