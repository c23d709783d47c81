import { createVerify } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CookieKeyError, generateCookieKeyPair, secretPrivateKey } from '#web/cookie-key.ts';
import { handler as keyHandler } from '#web/cookie-key-handler.ts';
import {
  cloudFrontBase64,
  DASHBOARD_COOKIE_MINUTES,
  dashboardCookies,
  SIGNED_COOKIE_NAMES,
} from '#web/dashboard-cookies.ts';

const ORIGIN = 'https://d111111abcdef8.cloudfront.net';
const NOW = new Date('2026-10-10T03:00:00.750Z');
const pair = generateCookieKeyPair();
const key = { keyPairId: 'K2JCJMDEHXQW5F', privateKeyPem: pair.privateKeyPem };

/** Undo CloudFront's cookie base64 (`-` `_` `~` back to `+` `=` `/`). */
const unCloudFront = (v: string) =>
  Buffer.from(v.replaceAll('-', '+').replaceAll('_', '=').replaceAll('~', '/'), 'base64');

/** The cookies as `name → { value, attributes }`. */
function parse(cookies: string[]) {
  return Object.fromEntries(
    cookies.map((c) => {
      const [pairText, ...attributes] = c.split('; ');
      const eq = pairText!.indexOf('=');
      return [pairText!.slice(0, eq), { value: pairText!.slice(eq + 1), attributes }];
    }),
  );
}

const verifies = (policy: Buffer, signature: Buffer, publicKeyPem: string) =>
  createVerify('RSA-SHA1').update(policy).verify(publicKeyPem, signature);

describe('dashboard signed cookies (CloudFront custom policy)', () => {
  const cookies = parse(dashboardCookies(key, ORIGIN, NOW));

  it('sets exactly the three CloudFront cookies, scoped to /dashboard/, Secure, HttpOnly, SameSite=Strict, session only', () => {
    expect(Object.keys(cookies)).toEqual(SIGNED_COOKIE_NAMES);
    for (const { attributes } of Object.values(cookies)) {
      expect(attributes).toEqual(['Path=/dashboard/', 'Secure', 'HttpOnly', 'SameSite=Strict']);
      expect(attributes.join(';')).not.toMatch(/Expires|Max-Age|Domain/i);
    }
    expect(cookies['CloudFront-Key-Pair-Id']!.value).toBe(key.keyPairId);
    for (const { value } of Object.values(cookies)) expect(value).toMatch(/^[A-Za-z0-9_~-]+$/);
  });

  it('signs a white-space-free policy for {site}/dashboard/* that ends in 15 minutes', () => {
    const policyText = unCloudFront(cookies['CloudFront-Policy']!.value).toString('utf8');
    expect(policyText).not.toMatch(/\s/);
    const expires = Math.floor(NOW.getTime() / 1000) + DASHBOARD_COOKIE_MINUTES * 60;
    expect(JSON.parse(policyText)).toEqual({
      Statement: [
        { Resource: `${ORIGIN}/dashboard/*`, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } },
      ],
    });
  });

  it('the RSA-SHA1 signature verifies with the public key, and not for another policy or key', () => {
    const policy = unCloudFront(cookies['CloudFront-Policy']!.value);
    const signature = unCloudFront(cookies['CloudFront-Signature']!.value);
    expect(verifies(policy, signature, pair.publicKeyPem)).toBe(true);
    const widened = Buffer.from(policy.toString('utf8').replace('/dashboard/*', '/*'));
    expect(verifies(widened, signature, pair.publicKeyPem)).toBe(false);
    expect(verifies(policy, signature, generateCookieKeyPair().publicKeyPem)).toBe(false);
  });

  it('replaces the three base64 characters CloudFront cannot take', () => {
    // 0xfb 0xff 0xbf → "+/+/" in base64; one byte more needs padding "=="
    expect(cloudFrontBase64(Buffer.from([0xfb, 0xff, 0xbf, 0xfb, 0xef]))).toBe('-~-~--8_');
  });
});

describe('the signing key', () => {
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => secrets.reset());

  it('is read from Secrets Manager once per container; a failed read is tried again', async () => {
    secrets.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({
      SecretString: pair.privateKeyPem,
    });
    const read = secretPrivateKey(new SecretsManagerClient({}), 'arn:secret');
    await expect(read()).rejects.toThrow('throttled');
    expect(await read()).toBe(pair.privateKeyPem);
    expect(await read()).toBe(pair.privateKeyPem);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: 'arn:secret' });
  });

  it('refuses a secret that holds no private key (the placeholder before the generator ran)', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'x8Jd0-placeholder' });
    const read = secretPrivateKey(new SecretsManagerClient({}), 'arn:secret');
    await expect(read()).rejects.toBeInstanceOf(CookieKeyError);
    await expect(read()).rejects.not.toThrow('x8Jd0');
  });
});

describe('deploy-time key generator (custom resource)', () => {
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => secrets.reset());
  const event = (RequestType: string) =>
    ({
      RequestType,
      PhysicalResourceId: 'arn:secret',
      ResourceProperties: { ServiceToken: 'arn:fn', SecretId: 'arn:secret', Generation: 1 },
    }) as unknown as CloudFormationCustomResourceEvent;

  it('writes the private key into the secret and answers the matching public key only', async () => {
    secrets.on(PutSecretValueCommand).resolves({});
    const result = await keyHandler(event('Create'));
    const [put] = secrets.commandCalls(PutSecretValueCommand);
    expect(put!.args[0].input.SecretId).toBe('arn:secret');
    const privateKeyPem = put!.args[0].input.SecretString!;
    expect(privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
    expect(result.Data!.PublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const signed = parse(dashboardCookies({ keyPairId: 'K', privateKeyPem }, ORIGIN, NOW));
    const policy = unCloudFront(signed['CloudFront-Policy']!.value);
    const signature = unCloudFront(signed['CloudFront-Signature']!.value);
    expect(verifies(policy, signature, result.Data!.PublicKey)).toBe(true);
  });

  it('does nothing on Delete (the secret goes with its own resource)', async () => {
    expect(await keyHandler(event('Delete'))).toEqual({ PhysicalResourceId: 'arn:secret' });
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });
});
