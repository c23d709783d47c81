import { createHash, randomBytes } from 'node:crypto';
import type { Identity } from './identity.ts';

/** How long a local session lasts after sign-in (absolute: no sliding renewal). */
export const SESSION_HOURS = 8;
/** Name of the session cookie. */
export const SESSION_COOKIE = 'pantau_sesi';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions of `pantau serve`, in the server's memory: the cookie carries a random token, the server keeps
 * only its digest. Expired sessions are dropped when seen; a restart signs everybody out.
 */
export class Sessions {
  private readonly byDigest = new Map<string, { identity: Identity; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Start a session; returns the token for the cookie. */
  create(identity: Identity): string {
    const token = randomBytes(32).toString('base64url');
    this.byDigest.set(digest(token), { identity, expires: this.now() + SESSION_HOURS * 3_600_000 });
    return token;
  }

  /** The identity of a live session, or undefined. */
  get(token: string | undefined): Identity | undefined {
    if (!token) return undefined;
    const key = digest(token);
    const session = this.byDigest.get(key);
    if (session && session.expires > this.now()) return session.identity;
    this.byDigest.delete(key);
    return undefined;
  }

  end(token: string | undefined): void {
    if (token) this.byDigest.delete(digest(token));
  }
}

/**
 * Failed sign-ins per key (an e-mail address, a client address) in a fixed window: after `max` failures the
 * key is locked until the window ends. Success clears the key's count.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Minutes until the key may try again, or 0 when it may try now. */
  lockedFor(key: string): number {
    const f = this.failures.get(key);
    if (!f || f.resetAt <= this.now()) return 0;
    return f.count >= this.max ? Math.ceil((f.resetAt - this.now()) / 60_000) : 0;
  }

  fail(key: string): void {
    const f = this.failures.get(key);
    if (!f || f.resetAt <= this.now())
      this.failures.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    else f.count += 1;
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
