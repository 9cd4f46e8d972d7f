import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { integrations } from './schema-integrations.js';
import { booking, eventActor, leases, statistics, waitLearning } from './schema-later.js';

/** The first migrations (tables of schema.ts); later ones are in schema-later.ts. */

/** Portable DDL: only types and constraints that SQLite and PostgreSQL both understand. */
const init: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('hall_state')
      .addColumn('hall_id', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('closed_day', 'text')
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('events_pk', ['hall_id', 'seq'])
      .execute();
    await db.schema
      .createTable('requests')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('payload_hash', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('requests_pk', ['device_id', 'request_id'])
      .execute();
    await db.schema
      .createTable('ticket_counters')
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('service_day', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_counters_pk', ['hall_id', 'prefix', 'service_day'])
      .execute();
    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('service_day', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('matter_id', 'text', (c) => c.notNull())
      .addColumn('priority_class', 'text', (c) => c.notNull())
      .addColumn('green_reason', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .addColumn('called_at', 'bigint')
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addColumn('window_id', 'text')
      .addColumn('target_window_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('recall_count', 'integer', (c) => c.notNull())
      .addColumn('transfer_count', 'integer', (c) => c.notNull())
      .addColumn('appointment_id', 'text')
      .addColumn('resident_id_hash', 'text')
      .addColumn('resident_id_masked', 'text')
      .addColumn('resident_name_masked', 'text')
      .addColumn('note', 'text')
      .addColumn('end_reason', 'text')
      .addColumn('device_id', 'text')
      // The numbering guarantee is enforced by the database, not only by the code.
      .addUniqueConstraint('tickets_number_unique', ['hall_id', 'prefix', 'service_day', 'seq'])
      .execute();
    await db.schema
      .createIndex('tickets_hall_day_status')
      .on('tickets')
      .columns(['hall_id', 'service_day', 'status'])
      .execute();
    await db.schema.createIndex('tickets_hall_status').on('tickets').columns(['hall_id', 'status']).execute();
    await db.schema
      .createTable('window_states')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('current_ticket_id', 'text')
      .addColumn('pause_reason', 'text')
      .addColumn('auto_call', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('appointments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('matter_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('slot_start', 'bigint', (c) => c.notNull())
      .addColumn('slot_end', 'bigint', (c) => c.notNull())
      .addColumn('resident_id_hash', 'text')
      .addColumn('resident_id_masked', 'text')
      .addColumn('resident_name_masked', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('appointments_code_unique', ['hall_id', 'code'])
      .execute();
    await db.schema
      .createTable('evaluations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull().unique())
      .addColumn('window_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('matter_id', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/** Appointment tickets carry their slot, since the appointment class holds only inside it. */
const ticketSlot: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('slot_start', 'bigint').execute();
  },
};

/** Casework of the windows and the rating pads: one-time notices, unresolved cases, rectifications. */
const cases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('cases_hall_kind_at')
      .on('cases')
      .columns(['hall_id', 'kind', 'at'])
      .execute();
    await db.schema.createIndex('evaluations_hall_at').on('evaluations').columns(['hall_id', 'at']).execute();
  },
};

/** The hall run from the console: configuration, devices, people, secrets, the audit log. */
const admin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('window_states').addColumn('skills_day', 'text').execute();
    await db.schema.alterTable('window_states').addColumn('skills', 'text').execute();
    await db.schema.alterTable('hall_state').addColumn('broadcast', 'text').execute();
    await db.schema
      .createTable('hall_configs')
      .addColumn('hall_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('window_id', 'text')
      .addColumn('name', 'text')
      .addColumn('token_sha256', 'text', (c) => c.unique())
      .addColumn('locale', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('paired_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('last_seen_at', 'bigint')
      .addColumn('last_ip', 'text')
      .addColumn('client_version', 'text')
      .execute();
    await db.schema
      .createTable('pairings')
      .addColumn('code_sha256', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('staff_pins')
      .addColumn('hall_id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('pin_hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_pins_pk', ['hall_id', 'staff_id'])
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('hall_id', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_sha256', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('lockouts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('until', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('hall_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

export const migrations: MigrationProvider = {
  getMigrations: async () => ({
    '0001_init': init,
    '0002_ticket_slot': ticketSlot,
    '0003_cases': cases,
    '0004_admin': admin,
    '0005_event_actor': eventActor,
    '0006_leases': leases,
    '0007_statistics': statistics,
    '0008_booking': booking,
    '0009_wait_learning': waitLearning,
    '0010_integrations': integrations,
  }),
};
