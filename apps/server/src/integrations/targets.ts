import { randomBytes } from 'node:crypto';
import type { PersonalReportField, TargetInput, TargetView, WebhookEvent } from '@onewindow/protocol';
import type { Actor } from '../admin/types.js';
import type { Clock, IdSource } from '../deps.js';
import { CommandError, notFound } from '../errors.js';
import type { PersonalDataKeys } from '../privacy.js';
import type { StoredTarget } from '../store/integration-types.js';
import type { HallStore, StoreTx } from '../store/types.js';
import { ADAPTERS } from './adapters.js';

/** A target's settings, as stored in its JSON column. */
export interface TargetSettings {
  events: WebhookEvent[];
  adapter: string | null;
  fieldNames: Record<string, string>;
  personal: PersonalReportField[];
}

/** Events a 好差评 target receives: each rating, and the rectification of a bad one. */
export const GOODBAD_EVENTS: readonly string[] = ['rating.submitted', 'rating.rectified'];

/** How long another instance may go on with a target's old settings after a change here. */
const CACHE_MS = 10_000;

export const settingsOf = (t: StoredTarget): TargetSettings => {
  const s = t.settings as Partial<TargetSettings>;
  return {
    events: s.events ?? [],
    adapter: s.adapter ?? null,
    fieldNames: s.fieldNames ?? {},
    personal: s.personal ?? [],
  };
};

export const targetView = (t: StoredTarget): TargetView => {
  const s = settingsOf(t);
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    url: t.url,
    enabled: t.enabled,
    events: s.events,
    adapter: s.adapter,
    fieldNames: s.fieldNames,
    personal: s.personal,
    createdAt: t.createdAt,
  };
};

/**
 * Where events go: the provincial 好差评 platform through an adapter, or subscribers' webhooks. Set by
 * a center administrator; every change is audited. The signing secret is sealed under the
 * personal-data key, so a copy of the data folder cannot sign as the hall.
 */
export class Targets {
  private loaded: readonly StoredTarget[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly d: { store: HallStore; clock: Clock; ids: IdSource; personalData: PersonalDataKeys },
  ) {}

  async create(input: TargetInput, actor: Actor): Promise<{ target: TargetView; secret: string | null }> {
    if (input.kind === 'goodbad' && !(input.adapter in ADAPTERS))
      throw new CommandError('VALIDATION_FAILED', `no adapter "${input.adapter}"`, {
        adapters: Object.keys(ADAPTERS),
      });
    const generated = input.secret === undefined ? randomBytes(24).toString('base64url') : null;
    const now = this.d.clock.now();
    const settings: TargetSettings =
      input.kind === 'goodbad'
        ? { events: [], adapter: input.adapter, fieldNames: input.fieldNames, personal: input.personal }
        : { events: input.events, adapter: null, fieldNames: {}, personal: [] };
    const target: StoredTarget = {
      id: this.d.ids.uuid(),
      kind: input.kind,
      name: input.name,
      url: input.url,
      secretSealed: this.d.personalData.seal(input.secret ?? generated ?? ''),
      settings: { ...settings },
      enabled: input.enabled,
      createdAt: now,
    };
    await this.d.store.transaction(async (tx) => {
      await tx.integrations.putTarget(target);
      await this.audit(tx, actor, 'integration.target.create', target, null, targetView(target));
    });
    await this.load();
    return { target: targetView(target), secret: generated };
  }

  async setEnabled(id: string, enabled: boolean, actor: Actor): Promise<TargetView> {
    const out = await this.d.store.transaction(async (tx) => {
      const t = await tx.integrations.getTarget(id);
      if (t === undefined) throw notFound('target', id);
      const next = { ...t, enabled };
      await tx.integrations.putTarget(next);
      await this.audit(tx, actor, 'integration.target.enable', t, { enabled: t.enabled }, { enabled });
      return targetView(next);
    });
    await this.load();
    return out;
  }

  async list(): Promise<TargetView[]> {
    await this.load();
    return this.loaded.map(targetView);
  }

  /**
   * Every target as last loaded: commands look them up inside their transaction, where the store
   * cannot be read again, so the list is kept in memory — loaded at start, after each change here,
   * and by the sender every few seconds (a change on another instance arrives within that).
   */
  current(): readonly StoredTarget[] {
    return this.loaded;
  }

  async load(): Promise<void> {
    this.loaded = await this.d.store.read((tx) => tx.integrations.listTargets());
    this.loadedAt = this.d.clock.now();
  }

  /** Loads again when the list is older than a few seconds. */
  async refresh(): Promise<void> {
    const now = this.d.clock.now();
    if (now - this.loadedAt >= CACHE_MS || now < this.loadedAt) await this.load();
  }

  secretOf(t: StoredTarget): string {
    const s = this.d.personalData.open(t.secretSealed);
    if (s === undefined) throw new Error(`the secret of target ${t.id} cannot be opened with this key`);
    return s;
  }

  private audit(tx: StoreTx, actor: Actor, action: string, t: StoredTarget, before: unknown, after: unknown) {
    return tx.admin.appendAudit({
      id: this.d.ids.uuid(),
      at: this.d.clock.now(),
      hallId: null,
      actor: actor.id,
      actorName: actor.name,
      action,
      target: `target:${t.id}`,
      before,
      after,
    });
  }
}
