import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CreateIntegrationKey, IntegrationKeyView } from '@onewindow/protocol';
import type { Actor } from '../admin/types.js';
import type { Clock, IdSource, Logger } from '../deps.js';
import { CommandError, notFound } from '../errors.js';
import type { StoredIntegrationKey } from '../store/integration-types.js';
import type { HallStore } from '../store/types.js';

/** A key's token: `owk_<id>_<secret>`; the secret is 32 random bytes, kept only as its SHA-256. */
const TOKEN = /^owk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** A key's last use is written at most this often (every call would be a write). */
const LAST_USED_EVERY_MS = 60_000;

const hashOf = (secret: string): string =>
  createHash('sha256').update(`onewindow:key:${secret}`).digest('hex');

export const keyView = (k: StoredIntegrationKey): IntegrationKeyView => ({
  id: k.id,
  name: k.name,
  scopes: k.scopes,
  createdAt: k.createdAt,
  createdBy: k.createdBy,
  revokedAt: k.revokedAt,
  lastUsedAt: k.lastUsedAt,
});

/**
 * Keys for outside systems: created by a center administrator with scopes, shown once, stored as a
 * digest (a copy of the data folder does not give a working key), revocable; every creation and
 * revocation is in the audit log.
 */
export class IntegrationKeys {
  constructor(private readonly d: { store: HallStore; clock: Clock; ids: IdSource; logger: Logger }) {}

  async create(
    input: CreateIntegrationKey,
    actor: Actor,
  ): Promise<{ key: IntegrationKeyView; token: string }> {
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const now = this.d.clock.now();
    const key: StoredIntegrationKey = {
      id,
      name: input.name,
      secretHash: hashOf(secret),
      scopes: [...new Set(input.scopes)],
      createdAt: now,
      createdBy: actor.id,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.d.store.transaction(async (tx) => {
      await tx.integrations.putKey(key);
      await tx.admin.appendAudit({
        id: this.d.ids.uuid(),
        at: now,
        hallId: null,
        actor: actor.id,
        actorName: actor.name,
        action: 'integration.key.create',
        target: `key:${id}`,
        before: null,
        after: { name: key.name, scopes: key.scopes },
      });
    });
    return { key: keyView(key), token: `owk_${id}_${secret}` };
  }

  async list(): Promise<IntegrationKeyView[]> {
    return (await this.d.store.read((tx) => tx.integrations.listKeys())).map(keyView);
  }

  async revoke(id: string, actor: Actor): Promise<IntegrationKeyView> {
    return this.d.store.transaction(async (tx) => {
      const k = await tx.integrations.getKey(id);
      if (k === undefined) throw notFound('integration key', id);
      if (k.revokedAt !== null) return keyView(k);
      const revoked = { ...k, revokedAt: this.d.clock.now() };
      await tx.integrations.putKey(revoked);
      await tx.admin.appendAudit({
        id: this.d.ids.uuid(),
        at: revoked.revokedAt,
        hallId: null,
        actor: actor.id,
        actorName: actor.name,
        action: 'integration.key.revoke',
        target: `key:${id}`,
        before: { revokedAt: null },
        after: { revokedAt: revoked.revokedAt },
      });
      return keyView(revoked);
    });
  }

  /** The key a token belongs to, if it is valid and not revoked. */
  async authenticate(token: string | undefined): Promise<StoredIntegrationKey> {
    const m = TOKEN.exec(token ?? '');
    if (m === null)
      throw new CommandError(
        'UNAUTHENTICATED',
        'an integration key is required (Authorization: Bearer owk_…)',
      );
    const k = await this.d.store.read((tx) => tx.integrations.getKey(m[1]!));
    const given = Buffer.from(hashOf(m[2]!), 'hex');
    const kept = Buffer.from(k?.secretHash ?? '0'.repeat(64), 'hex');
    if (k === undefined || !timingSafeEqual(given, kept) || k.revokedAt !== null)
      throw new CommandError('UNAUTHENTICATED', 'this integration key is unknown or revoked');
    const now = this.d.clock.now();
    if (k.lastUsedAt === null || now - k.lastUsedAt >= LAST_USED_EVERY_MS) {
      await this.d.store.transaction((tx) => tx.integrations.touchKey(k.id, now));
    }
    return k;
  }
}
