import type { Kysely, Migration } from 'kysely';

/** A key an outside system (a business system, a reporting job) calls the hall's API with. */
export interface IntegrationKeysTable {
  id: string;
  name: string;
  /** Keyed digest of the secret: a copy of the database does not give the key. */
  secret_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
  last_used_at: number | null;
}

/** Where events go: the provincial 好差评 platform (an adapter) or a subscriber's webhook. */
export interface IntegrationTargetsTable {
  id: string;
  kind: string;
  name: string;
  url: string;
  /** The signing secret, sealed under the personal-data key. */
  secret_sealed: string;
  /** JSON: the events a webhook wants; the adapter and field mapping of a 好差评 target. */
  settings: string;
  enabled: number;
  created_at: number;
}

/** One message to one target, written in the transaction that caused it; sent, retried, or dead. */
export interface DeliveriesTable {
  id: string;
  target_id: string;
  hall_id: string;
  event: string;
  /** Idempotency key: one delivery per target and key, and the receiver sees it on every retry. */
  key: string;
  body: string;
  status: string;
  attempts: number;
  due_at: number;
  /** The instance sending it and until when (several instances: exactly one sender). */
  claimed_by: string | null;
  claimed_until: number | null;
  last_status: number | null;
  problem: string | null;
  created_at: number;
  sent_at: number | null;
}

/** A 办件 of a business system attached to the ticket being served, and its result. */
export interface TicketCasesTable {
  ticket_id: string;
  hall_id: string;
  case_number: string;
  matter_code: string | null;
  result: string | null;
  result_note: string | null;
  attached_at: number;
  result_at: number | null;
  key_id: string;
}

export const integrations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('integration_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema
      .createTable('integration_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'bigint')
      .addColumn('last_status', 'integer')
      .addColumn('problem', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('deliveries_target_key')
      .unique()
      .on('deliveries')
      .columns(['target_id', 'key'])
      .execute();
    await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'due_at']).execute();
    await db.schema
      .createTable('ticket_cases')
      .addColumn('ticket_id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('case_number', 'text', (c) => c.notNull())
      .addColumn('matter_code', 'text')
      .addColumn('result', 'text')
      .addColumn('result_note', 'text')
      .addColumn('attached_at', 'bigint', (c) => c.notNull())
      .addColumn('result_at', 'bigint')
      .addColumn('key_id', 'text', (c) => c.notNull())
      .execute();
  },
};
