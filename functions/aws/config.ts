import { randomBytes } from 'node:crypto';
import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';

/** Read required environment variables once, at load; a missing one fails the cold start. */
export function requireEnv<const K extends string>(...names: K[]): Record<K, string> {
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length > 0) throw new Error(`missing environment variables: ${missing.join(', ')}`);
  return Object.fromEntries(names.map((n) => [n, process.env[n]!])) as Record<K, string>;
}

/** Lake key of the salt for personal-data hashes (same place as the embedded lake's). */
export const PII_SALT_KEY = 'config/pii-salt';

/**
 * The salt for personal-data hashes: generated once, stored KMS-encrypted in the lake, never rotated
 * (hashes must stay comparable across periods). Concurrent first calls agree via If-None-Match.
 */
export async function piiSalt(lake: ObjectStore): Promise<string> {
  if (await lake.head(PII_SALT_KEY)) return (await lake.readBytes(PII_SALT_KEY)).toString('utf8').trim();
  try {
    await lake.write(PII_SALT_KEY, randomBytes(32).toString('hex'), { ifNoneMatch: '*' });
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e;
  }
  return (await lake.readBytes(PII_SALT_KEY)).toString('utf8').trim();
}
