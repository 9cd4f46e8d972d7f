import type {
  DeliveryStatus,
  IntegrationScope,
  IntegrationStoreTx,
  StoredDelivery,
  StoredIntegrationKey,
  StoredTarget,
  StoredTicketCase,
  TargetKind,
} from './integration-types.js';
import { num, numOrNull } from './kysely-rows.js';
import type { Database, Db } from './schema.js';

const keyFromRow = (r: Database['integration_keys']): StoredIntegrationKey => ({
  id: r.id,
  name: r.name,
  secretHash: r.secret_hash,
  scopes: JSON.parse(r.scopes) as IntegrationScope[],
  createdAt: num(r.created_at),
  createdBy: r.created_by,
  revokedAt: numOrNull(r.revoked_at),
  lastUsedAt: numOrNull(r.last_used_at),
});

const targetFromRow = (r: Database['integration_targets']): StoredTarget => ({
  id: r.id,
  kind: r.kind as TargetKind,
  name: r.name,
  url: r.url,
  secretSealed: r.secret_sealed,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  enabled: Number(r.enabled) === 1,
  createdAt: num(r.created_at),
});

const deliveryFromRow = (r: Database['deliveries']): StoredDelivery => ({
  id: r.id,
  targetId: r.target_id,
  hallId: r.hall_id,
  event: r.event,
  key: r.key,
  body: r.body,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  dueAt: num(r.due_at),
  claimedBy: r.claimed_by,
  claimedUntil: numOrNull(r.claimed_until),
  lastStatus: numOrNull(r.last_status),
  problem: r.problem,
  createdAt: num(r.created_at),
  sentAt: numOrNull(r.sent_at),
});

export class KyselyIntegrationsTx implements IntegrationStoreTx {
  constructor(private readonly db: Db) {}

  async putKey(k: StoredIntegrationKey): Promise<void> {
    const row = {
      id: k.id,
      name: k.name,
      secret_hash: k.secretHash,
      scopes: JSON.stringify(k.scopes),
      created_at: k.createdAt,
      created_by: k.createdBy,
      revoked_at: k.revokedAt,
      last_used_at: k.lastUsedAt,
    };
    await this.db
      .insertInto('integration_keys')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async getKey(id: string): Promise<StoredIntegrationKey | undefined> {
    const r = await this.db
      .selectFrom('integration_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r === undefined ? undefined : keyFromRow(r);
  }

  async listKeys(): Promise<StoredIntegrationKey[]> {
    const rows = await this.db.selectFrom('integration_keys').selectAll().orderBy('created_at').execute();
    return rows.map(keyFromRow);
  }

  async touchKey(id: string, at: number): Promise<void> {
    await this.db.updateTable('integration_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async putTarget(t: StoredTarget): Promise<void> {
    const row = {
      id: t.id,
      kind: t.kind,
      name: t.name,
      url: t.url,
      secret_sealed: t.secretSealed,
      settings: JSON.stringify(t.settings),
      enabled: t.enabled ? 1 : 0,
      created_at: t.createdAt,
    };
    await this.db
      .insertInto('integration_targets')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async getTarget(id: string): Promise<StoredTarget | undefined> {
    const r = await this.db
      .selectFrom('integration_targets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r === undefined ? undefined : targetFromRow(r);
  }

  async listTargets(): Promise<StoredTarget[]> {
    const rows = await this.db.selectFrom('integration_targets').selectAll().orderBy('created_at').execute();
    return rows.map(targetFromRow);
  }

  async enqueue(d: StoredDelivery): Promise<boolean> {
    const r = await this.db
      .insertInto('deliveries')
      .values({
        id: d.id,
        target_id: d.targetId,
        hall_id: d.hallId,
        event: d.event,
        key: d.key,
        body: d.body,
        status: d.status,
        attempts: d.attempts,
        due_at: d.dueAt,
        claimed_by: d.claimedBy,
        claimed_until: d.claimedUntil,
        last_status: d.lastStatus,
        problem: d.problem,
        created_at: d.createdAt,
        sent_at: d.sentAt,
      })
      .onConflict((oc) => oc.columns(['target_id', 'key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async claimDue(holder: string, now: number, until: number, limit: number): Promise<StoredDelivery[]> {
    const due = await this.db
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('due_at')
      .limit(limit)
      .execute();
    const out: StoredDelivery[] = [];
    for (const { id } of due) {
      // Taken only if nobody took it meanwhile: the update's condition is the lock.
      const taken = await this.db
        .updateTable('deliveries')
        .set({ claimed_by: holder, claimed_until: until })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) continue;
      const row = await this.db
        .selectFrom('deliveries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      out.push(deliveryFromRow(row));
    }
    return out;
  }

  async settle(
    id: string,
    holder: string,
    c: Pick<StoredDelivery, 'status' | 'attempts' | 'dueAt' | 'lastStatus' | 'problem' | 'sentAt'>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('deliveries')
      .set({
        status: c.status,
        attempts: c.attempts,
        due_at: c.dueAt,
        last_status: c.lastStatus,
        problem: c.problem,
        sent_at: c.sentAt,
        claimed_by: null,
        claimed_until: null,
      })
      .where('id', '=', id)
      .where('claimed_by', '=', holder)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listDeliveries(q: {
    targetId?: string;
    status?: DeliveryStatus;
    limit: number;
  }): Promise<StoredDelivery[]> {
    let query = this.db.selectFrom('deliveries').selectAll();
    if (q.targetId !== undefined) query = query.where('target_id', '=', q.targetId);
    if (q.status !== undefined) query = query.where('status', '=', q.status);
    const rows = await query.orderBy('created_at', 'desc').limit(q.limit).execute();
    return rows.map(deliveryFromRow);
  }

  async resend(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', due_at: now, attempts: 0, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async putTicketCase(c: StoredTicketCase): Promise<void> {
    const row = {
      ticket_id: c.ticketId,
      hall_id: c.hallId,
      case_number: c.caseNumber,
      matter_code: c.matterCode,
      result: c.result,
      result_note: c.resultNote,
      attached_at: c.attachedAt,
      result_at: c.resultAt,
      key_id: c.keyId,
    };
    await this.db
      .insertInto('ticket_cases')
      .values(row)
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet(row))
      .execute();
  }

  async getTicketCase(ticketId: string): Promise<StoredTicketCase | undefined> {
    const r = await this.db
      .selectFrom('ticket_cases')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    if (r === undefined) return undefined;
    return {
      ticketId: r.ticket_id,
      hallId: r.hall_id,
      caseNumber: r.case_number,
      matterCode: r.matter_code,
      result: r.result as StoredTicketCase['result'],
      resultNote: r.result_note,
      attachedAt: num(r.attached_at),
      resultAt: numOrNull(r.result_at),
      keyId: r.key_id,
    };
  }
}
