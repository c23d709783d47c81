import { randomBytes } from 'node:crypto';
import { lake } from '#core/contract/lake.ts';
import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';

/** Lake key of the salt for personal-data hashes. */
export const PII_SALT_KEY = lake.piiSaltKey;

/**
 * The salt for personal-data hashes: `PANTAU_PII_SALT` when set, else generated once and kept in the lake
 * (KMS-encrypted on AWS), never rotated so that hashes stay comparable across periods. Concurrent first
 * calls agree through a create-only write.
 */
export async function piiSalt(lake: ObjectStore): Promise<string> {
  if (process.env.PANTAU_PII_SALT) return process.env.PANTAU_PII_SALT;
  if (!(await lake.head(PII_SALT_KEY))) {
    try {
      await lake.write(PII_SALT_KEY, randomBytes(32).toString('hex'), { ifNoneMatch: '*' });
    } catch (e) {
      if (!(e instanceof PreconditionFailedError)) throw e;
    }
  }
  return (await lake.readBytes(PII_SALT_KEY)).toString('utf8').trim();
}
