import { createHash } from 'node:crypto';
import { lake } from '#core/lake.ts';
import { canonicalRegionCode } from '#core/regions.ts';
import { type ObjectStore, PreconditionFailedError } from '#core/store.ts';
import { HttpError, type Identity } from './identity.ts';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';

/** A local account (`users/{digest}.json` in the lake): who, what role, and a password hash only. */
interface StoredUser extends Identity {
  password_hash: string;
  created_at: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

/** An e-mail address as accounts are keyed: trimmed, lower case; undefined when it is not one. */
export function normaliseEmail(input: string): string | undefined {
  const email = input.trim().toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

const keyOf = (email: string) => lake.userKey(createHash('sha256').update(email).digest('hex').slice(0, 32));

/** What `pantau users add` asks for. */
export interface NewUser {
  email: string;
  /** An officer's region; omitted for ministry staff. */
  region?: string;
  password: string;
}

/** Create a local account; refuses a bad e-mail, an unknown region, a short password or an existing user. */
export async function addUser(store: ObjectStore, input: NewUser): Promise<Identity> {
  const email = normaliseEmail(input.email);
  if (!email) throw new HttpError(400, `Alamat e-mail tidak valid: "${input.email.slice(0, 80)}".`);
  const region = input.region === undefined ? null : (canonicalRegionCode(input.region) ?? '');
  if (region === '')
    throw new HttpError(
      400,
      `Kode wilayah "${input.region}" bukan kode Kemendagri yang dikenal (mis. 31.71).`,
    );
  if ([...input.password].length < MIN_PASSWORD_LENGTH)
    throw new HttpError(400, `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`);
  const identity: Identity = { email, role: region ? 'officer' : 'ministry', region_code: region };
  const user: StoredUser = {
    ...identity,
    password_hash: await hashPassword(input.password),
    created_at: new Date().toISOString(),
  };
  try {
    await store.write(keyOf(email), JSON.stringify(user, null, 1), {
      ifNoneMatch: '*',
      contentType: 'application/json',
    });
  } catch (e) {
    if (e instanceof PreconditionFailedError) throw new HttpError(409, `Pengguna ${email} sudah ada.`);
    throw e;
  }
  return identity;
}

/** Every local account (without hashes), by e-mail. */
export async function listUsers(store: ObjectStore): Promise<(Identity & { created_at: string })[]> {
  const out: (Identity & { created_at: string })[] = [];
  for await (const o of store.list(lake.usersPrefix)) {
    const { password_hash: _, ...user } = JSON.parse(
      (await store.readBytes(o.key)).toString('utf8'),
    ) as StoredUser;
    out.push(user);
  }
  return out.sort((a, b) => a.email.localeCompare(b.email));
}

/** The identity whose e-mail and password match, or undefined (same work whether the account exists or not). */
export async function checkPassword(
  store: ObjectStore,
  emailInput: string,
  password: string,
): Promise<Identity | undefined> {
  const email = normaliseEmail(emailInput);
  const key = email ? keyOf(email) : undefined;
  const user =
    key && (await store.head(key))
      ? (JSON.parse((await store.readBytes(key)).toString('utf8')) as StoredUser)
      : undefined;
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  if (!ok || !user) return undefined;
  return { email: user.email, role: user.role, region_code: user.region_code };
}
