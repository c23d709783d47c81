import { createVerify } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Store } from '#aws/s3-store.ts';
import { lake as lakeKeys, type SubmissionIndexEntry } from '#core/contract/lake.ts';
import { generateCookieKeyPair } from '#web/cookie-key.ts';
import { SIGNED_COOKIE_NAMES } from '#web/dashboard-cookies.ts';
import { MAX_UPLOAD_BYTES } from '#web/uploads.ts';
import { handlerEnv, type LocalS3, startS3 } from '../aws/s3rver.ts';
import { messySkm } from './fixtures.ts';

type Claims = Record<string, unknown>;
type Result = { statusCode: number; body: string; headers: Record<string, string>; cookies?: string[] };
const OFFICER_A: Claims = {
  sub: 'a',
  email: 'a@jakpus.go.id',
  'cognito:groups': '[officers]',
  'custom:region': '31.71',
};
const OFFICER_B: Claims = {
  sub: 'b',
  email: 'b@bogor.go.id',
  'cognito:groups': ['officers'],
  'custom:region': '3201',
};
const MINISTRY: Claims = { sub: 'm', email: 'm@kemenpan.go.id', 'cognito:groups': '[ministry]' };
/** A valid token whose user was put in no group, or has no region: may read nothing. */
const NO_ROLE: Claims = { sub: 'x', email: 'x@contoh.go.id', 'custom:region': '31.71' };

let s3: LocalS3;
let web: (e: LambdaEvent, c: Context) => Promise<Result>;
let ingest: (e: SQSEvent, c: Context) => Promise<unknown>;
let uploads: S3Store;
let lakeStore: S3Store;
/** The deploy-time key pair; Secrets Manager is mocked at the SDK boundary (S3 is s3rver). */
const KEY = generateCookieKeyPair();
const SECRET_ARN = 'arn:aws:secretsmanager:ap-southeast-3:123456789012:secret:SigningKey-AbCdEf';
const SITE_ORIGIN = 'https://d111111abcdef8.cloudfront.net';
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand, { SecretId: SECRET_ARN })
  .resolves({ SecretString: KEY.privateKeyPem });
const context = {
  functionName: 'web',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 600_000,
} as unknown as Context;

/** An API Gateway HTTP API (payload 2.0) event, with the JWT authorizer's claims when signed in. */
function event(method: string, path: string, claims?: Claims, body?: unknown): LambdaEvent {
  const [rawPath, rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: rawPath!,
    rawQueryString,
    headers: {
      host: 'abc.execute-api.ap-southeast-3.amazonaws.com',
      // through CloudFront: the page's origin is not the API's host
      origin: 'https://d111111abcdef8.cloudfront.net',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      http: { method, path: rawPath!, protocol: 'HTTP/1.1', sourceIp: '10.0.0.1', userAgent: 'test' },
      authorizer: claims ? { jwt: { claims, scopes: null } } : undefined,
    },
  } as unknown as LambdaEvent;
}
const call = (method: string, path: string, claims?: Claims, body?: unknown) =>
  web(event(method, path, claims, body), context);

/** Put a file as the presigned POST would, and deliver its S3 event to the ingest handler (S3 → SQS → ingest). */
async function uploadAndIngest(key: string, body: string): Promise<void> {
  await uploads.write(key, body);
  const s3Event = {
    Records: [
      {
        eventName: 'ObjectCreated:Post',
        s3: { bucket: { name: 'uploads' }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
      },
    ],
  };
  await ingest(
    { Records: [{ messageId: key, body: JSON.stringify(s3Event) }] } as unknown as SQSEvent,
    context,
  );
}

beforeAll(async () => {
  s3 = await startS3(['uploads', 'lake']);
  Object.assign(process.env, await handlerEnv(s3), {
    SITE_ORIGIN,
    DASHBOARD_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
    DASHBOARD_KEY_SECRET_ARN: SECRET_ARN,
  });
  ({ handler: web } = (await import('#web/handler.ts')) as unknown as { handler: typeof web });
  ({ handler: ingest } = (await import('#ingest/handler.ts')) as unknown as { handler: typeof ingest });
  const { S3Store: Store } = await import('#aws/s3-store.ts');
  uploads = new Store(s3.client, 'uploads');
  lakeStore = new Store(s3.client, 'lake');
  await uploadAndIngest('uploads/32.01/skm/2026-Q3/skm-bogor.csv', messySkm());
});
afterAll(() => s3?.stop());

describe('web Lambda handler with Cognito claims (same authorisation as pantau serve)', () => {
  it('401 without claims; 403 for a token with no group or region', async () => {
    expect((await call('GET', '/api/me')).statusCode).toBe(401);
    expect((await call('GET', '/api/status', NO_ROLE)).statusCode).toBe(403);
    expect(
      (
        await call('POST', '/api/uploads', NO_ROLE, {
          dataset: 'skm',
          period: '2026-Q3',
          filename: 'a.csv',
          size: 10,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('presigns exactly uploads/{identity region}/… with a size cap; another region in the body is 403', async () => {
    const plan = { dataset: 'skm', period: '2026-Q3', filename: 'skm.csv', size: 1000 };
    expect(
      (await call('POST', '/api/uploads', OFFICER_A, { ...plan, region_code: '32.01' })).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/api/uploads', OFFICER_A, { ...plan, filename: '../32.01/skm.csv' })).statusCode,
    ).toBe(403);
    const res = await call('POST', '/api/uploads', OFFICER_A, plan);
    expect(res.statusCode).toBe(201);
    const target = JSON.parse(res.body) as { key: string; url: string; fields: Record<string, string> };
    expect(target.key).toBe('uploads/31.71/skm/2026-Q3/skm.csv');
    expect(target.fields.key).toBe(target.key);
    const policy = JSON.parse(Buffer.from(target.fields.Policy!, 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['eq', '$key', 'uploads/31.71/skm/2026-Q3/skm.csv']);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MAX_UPLOAD_BYTES]);
    expect(policy.conditions).toContainEqual({ bucket: 'uploads' });
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
  });

  it("officer A cannot read region B's reports; B and the ministry can, with the rejected rows", async () => {
    const list = JSON.parse((await call('GET', '/api/submissions?region=32.01', MINISTRY)).body);
    const id = list.submissions[0].submission_id as string;
    expect(list.submissions[0]).toMatchObject({
      region_code: '32.01',
      status: 'accepted',
      rows_rejected: 1,
      file: 'skm-bogor.csv',
    });
    expect((await call('GET', '/api/submissions?region=32.01', OFFICER_A)).statusCode).toBe(403);
    expect((await call('GET', `/api/submissions/${id}`, OFFICER_A)).statusCode).toBe(403);
    expect((await call('GET', `/api/submissions/${id}/rejected-rows`, OFFICER_A)).statusCode).toBe(403);
    expect((await call('GET', `/api/status?region=32.01`, OFFICER_A)).statusCode).toBe(403);
    expect((await call('GET', `/api/submissions/${id}`, OFFICER_B)).statusCode).toBe(200);
    const rows = await call('GET', `/api/submissions/${id}/rejected-rows`, MINISTRY);
    expect(rows.statusCode).toBe(200);
    expect(rows.headers['content-disposition']).toContain('baris-ditolak-skm-2026-Q3-32.01');
    const status = JSON.parse((await call('GET', '/api/status?period=2026-Q3&region=32.01', OFFICER_B)).body);
    expect(status.regions[0].datasets[0]).toMatchObject({ dataset: 'skm', submissions: 1 });
  });
});

describe('the dashboard on AWS: CloudFront signed cookies for ministry users only', () => {
  const unCloudFront = (v: string) =>
    Buffer.from(v.replaceAll('-', '+').replaceAll('_', '=').replaceAll('~', '/'), 'base64');

  it('ministry: three cookies for /dashboard/* signed with the deployed key; officer 403; no token 401', async () => {
    const res = await call('POST', '/api/dashboard/access', MINISTRY);
    expect(res.statusCode).toBe(204);
    const cookies = Object.fromEntries(
      (res.cookies ?? []).map((c) => {
        const [pairText] = c.split('; ');
        return [pairText!.slice(0, pairText!.indexOf('=')), c];
      }),
    );
    expect(Object.keys(cookies)).toEqual(SIGNED_COOKIE_NAMES);
    for (const c of Object.values(cookies))
      expect(c).toMatch(/; Path=\/dashboard\/; Secure; HttpOnly; SameSite=Strict$/);
    const value = (name: string) => cookies[name]!.split('; ')[0]!.slice(name.length + 1);
    const policy = unCloudFront(value('CloudFront-Policy'));
    expect(JSON.parse(policy.toString('utf8')).Statement[0].Resource).toBe(`${SITE_ORIGIN}/dashboard/*`);
    const signature = unCloudFront(value('CloudFront-Signature'));
    expect(createVerify('RSA-SHA1').update(policy).verify(KEY.publicKeyPem, signature)).toBe(true);
    expect(value('CloudFront-Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    for (const claims of [OFFICER_A, OFFICER_B, NO_ROLE]) {
      const refused = await call('POST', '/api/dashboard/access', claims);
      expect(refused.statusCode).toBe(403);
      expect(refused.cookies ?? []).toEqual([]);
    }
    const anonymous = await call('POST', '/api/dashboard/access');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.cookies ?? []).toEqual([]);
  });
});

describe('report lookup by id on S3', () => {
  it('ingest files each report in the submission index, which the lookup reads', async () => {
    const list = JSON.parse((await call('GET', '/api/submissions?region=32.01', MINISTRY)).body);
    const id = list.submissions[0].submission_id as string;
    const entry = JSON.parse(
      (await lakeStore.readBytes(lakeKeys.submissionIndexKey(id))).toString('utf8'),
    ) as SubmissionIndexEntry;
    expect(entry).toEqual({
      submission_id: id,
      report_key: expect.stringMatching(/^reports\/32\.01\/skm\/2026-Q3\//),
    });
    expect(JSON.parse((await call('GET', `/api/submissions/${id}`, MINISTRY)).body).report_key).toBe(
      entry.report_key,
    );
  });
});
