import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { AdminStoreTx } from './store/admin-types.js';

const scrypt = promisify(scryptCb) as (
  secret: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt at N=2^15: about 50–100 ms a guess here, so a stolen file is expensive to brute-force. */
const COST = { N: 32_768, r: 8, p: 1 };
const KEY_BYTES = 32;

/** A salted memory-hard hash: `scrypt$N$r$p$salt$hash` (base64). */
export async function hashSecret(secret: string, cost = COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_BYTES, { ...cost, maxmem: 128 * cost.N * cost.r * 2 });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(cost.N) || !Number.isInteger(cost.r) || !Number.isInteger(cost.p)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, {
    ...cost,
    maxmem: 128 * cost.N * cost.r * 2,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Wrong tries in a row before a key (a person's PIN or login) is locked for a while; kept in the store. */
export interface LockoutPolicy {
  tries: number;
  lockMs: number;
}

export type LockState = { locked: true; until: number } | { locked: false; failures: number };

/** Whether a key is locked now; an old lock has run out and counts as none. */
export async function lockState(
  tx: AdminStoreTx,
  key: string,
  now: number,
  policy: LockoutPolicy,
): Promise<LockState> {
  const l = await tx.getLockout(key);
  if (l === undefined || now >= l.until) return { locked: false, failures: 0 };
  if (l.failures >= policy.tries) return { locked: true, until: l.until };
  return { locked: false, failures: l.failures };
}

/** Counts a wrong try; returns how many are left before the lock. */
export async function recordFailure(
  tx: AdminStoreTx,
  key: string,
  now: number,
  policy: LockoutPolicy,
): Promise<{ triesLeft: number; until: number }> {
  const state = await lockState(tx, key, now, policy);
  const failures = (state.locked ? policy.tries : state.failures) + 1;
  const until = now + policy.lockMs;
  await tx.putLockout(key, failures, until);
  return { triesLeft: Math.max(0, policy.tries - failures), until };
}
