import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A new key pair for the dashboard's signed cookies: RSA 2048 (what CloudFront accepts), both halves as PEM. */
export function generateCookieKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** The signing key's secret does not hold a private key (the deployment's key generator did not run). */
export class CookieKeyError extends Error {
  constructor(secretId: string) {
    super(`the dashboard signing key in secret ${secretId} is not a PEM private key: redeploy the stack`);
    this.name = 'CookieKeyError';
  }
}

/**
 * The private key, read from Secrets Manager once per container (a failed read is retried on the next call).
 * The key is only ever held in memory: never logged, never returned.
 */
export function secretPrivateKey(client: SecretsManagerClient, secretId: string): () => Promise<string> {
  let pending: Promise<string> | undefined;
  const read = async () => {
    const { SecretString: pem = '' } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    try {
      createPrivateKey(pem);
    } catch {
      throw new CookieKeyError(secretId);
    }
    return pem;
  };
  return () => {
    pending ??= read().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}
