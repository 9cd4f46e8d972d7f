import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { HallStore } from './store/types.js';

const SEALED = 'v1:';

/**
 * What personal data is kept as, under one secret that never lives in the data folder:
 * - an ID number as a token (AES of its digest): equal numbers match, nothing can be read back or
 *   tried without the secret, and a new secret re-encrypts tokens without knowing any number;
 * - contact details sealed with AES-256-GCM (authenticated: a changed byte fails to open);
 * - digests of requests (which may carry personal data) keyed, so they cannot be tried either.
 */
export class PersonalDataKeys {
  private readonly idKey: Buffer;
  private readonly sealKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('the personal-data key must be at least 16 characters');
    const ikm = Buffer.from(secret, 'utf8');
    const sub = (info: string) => Buffer.from(hkdfSync('sha256', ikm, 'onewindow', info, 32));
    this.idKey = sub('id-token');
    this.sealKey = sub('seal');
    this.digestKey = sub('digest');
  }

  /** The token stored for an ID number (hex, 32 characters). */
  idToken(idNumber: string): string {
    const digest = createHash('sha256').update(`onewindow:id:${idNumber.toUpperCase()}`).digest();
    return this.block(digest.subarray(0, 16), true).toString('hex');
  }

  /** The same number's token under another key, from the token alone. */
  retoken(token: string, to: PersonalDataKeys): string {
    return to.block(this.block(Buffer.from(token, 'hex'), false), true).toString('hex');
  }

  seal(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The sealed text, or undefined when it was sealed under another key or changed. */
  open(sealed: string): string | undefined {
    if (!sealed.startsWith(SEALED)) return undefined;
    const raw = Buffer.from(sealed.slice(SEALED.length), 'base64');
    if (raw.length < 28) return undefined;
    try {
      const d = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  digest(...parts: string[]): string {
    const h = createHmac('sha256', this.digestKey);
    for (const p of parts) h.update(p).update('\0');
    return h.digest('hex');
  }

  private block(data: Buffer, encrypt: boolean): Buffer {
    // One AES block, no padding: a keyed permutation of the 16-byte digest.
    const c = encrypt
      ? createCipheriv('aes-256-ecb', this.idKey, null)
      : createDecipheriv('aes-256-ecb', this.idKey, null);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(data), c.final()]);
  }
}

/**
 * Every token and sealed text of a store, moved from one key to another in one transaction: all of
 * them or none. Run with the server stopped; afterwards only the new key opens anything.
 */
export async function rekeyStore(
  store: HallStore,
  from: PersonalDataKeys,
  to: PersonalDataKeys,
): Promise<number> {
  return store.transaction((tx) =>
    tx.privacy.rekey(
      (token) => from.retoken(token, to),
      (sealed) => {
        const text = from.open(sealed);
        if (text === undefined) throw new Error('a sealed contact does not open with the old key');
        return to.seal(text);
      },
    ),
  );
}

/** *******5678: the last four digits, as residents are used to confirming a number by. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
