import type { Kysely, Migration } from 'kysely';

/** Migrations after the console's (schema.ts holds the first ones and the provider). */

/** Every state change answers for itself: who changed it, from which device. */
export const eventActor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('events').addColumn('device_id', 'text').execute();
    await db.schema.alterTable('events').addColumn('actor', 'text').execute();
  },
};

/** Who runs the deployment's timers (day close, retention) until when: one instance at a time. */
export interface LeasesTable {
  name: string;
  holder: string;
  until: number;
}

/** Several instances on one database: work that must run once per deployment takes a lease first. */
export const leases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('until', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/** Statistics read a period's events by time, and each ticket keeps the wait it was told. */
export const statistics: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('estimated_wait_min', 'real').execute();
    await db.schema.createIndex('events_hall_at').on('events').columns(['hall_id', 'at']).execute();
  },
};

/** A message to a resident waiting to go out (or gone): retried with back-off, never lost on a restart. */
export interface NotificationsTable {
  id: string;
  hall_id: string;
  /** One message per purpose: `call:<ticket>`, `booked:<appointment>`…, so a retry never sends twice. */
  key: string;
  kind: string;
  phone_sealed: string | null;
  text: string;
  due_at: number;
  status: string;
  attempts: number;
  problem: string | null;
  sent_at: number | null;
  created_at: number;
}

/** 预约 from residents: a sealed contact, missed slots, and the notifications outbox. */
export const booking: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('appointments').addColumn('phone_sealed', 'text').execute();
    await db.schema.alterTable('appointments').addColumn('phone_masked', 'text').execute();
    await db.schema
      .createIndex('appointments_slot')
      .on('appointments')
      .columns(['hall_id', 'matter_id', 'slot_start'])
      .execute();
    await db.schema
      .createIndex('appointments_resident')
      .on('appointments')
      .columns(['resident_id_hash', 'slot_start'])
      .execute();
    await db.schema
      .createIndex('appointments_status')
      .on('appointments')
      .columns(['status', 'slot_end'])
      .execute();
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('phone_sealed', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('problem', 'text')
      .addColumn('sent_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('notifications_key_unique', ['hall_id', 'key'])
      .execute();
    await db.schema
      .createIndex('notifications_due')
      .on('notifications')
      .columns(['status', 'due_at'])
      .execute();
  },
};

/** Wait estimates that learn from the hall: each ticket keeps the structural estimate and the range told. */
export const waitLearning: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('estimate_base_min', 'real').execute();
    await db.schema.alterTable('tickets').addColumn('wait_from_min', 'real').execute();
    await db.schema.alterTable('tickets').addColumn('wait_to_min', 'real').execute();
  },
};
