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
