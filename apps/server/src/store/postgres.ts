import { Kysely } from 'kysely';
import pg from 'pg';
import { KyselyStoreTx } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import { OwnSchemaPostgresDialect } from './own-schema.js';
import type { Database } from './schema.js';
import type { HallStore, StoreTx, TransactionHooks } from './types.js';

/** PostgreSQL's type ids of 64-bit integers and of numeric (count and sum come back as these). */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * 64-bit columns as JavaScript numbers: every one of ours holds milliseconds or counters far below
 * 2^53, and the hall code works with numbers (pg hands them back as strings by default).
 */
const types = {
  getTypeParser(id: number, format?: 'text' | 'binary') {
    if (id === INT8 || id === NUMERIC) return (v: string) => Number(v);
    return format === undefined ? pg.types.getTypeParser(id) : pg.types.getTypeParser(id, format);
  },
} as pg.CustomTypesConfig;

export interface PostgresStoreOptions {
  /** Connections kept open; commands of different halls run side by side on them. Default 10. */
  poolSize?: number;
}

/** A stable 63-bit key for a named advisory lock (PostgreSQL's hashtext is not promised stable). */
function lockKey(name: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(`onewindow:${name}`)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return BigInt.asIntN(64, h).toString();
}

/**
 * The store for deployments beyond one machine: PostgreSQL, shared by every server instance. Each
 * command is one transaction that holds its hall's row (SELECT … FOR UPDATE) from its first read to its
 * commit, so commands of one hall run one after another across instances, and commands of different
 * halls run side by side on the pool's connections.
 */
export function createPostgresStore(url: string, options: PostgresStoreOptions = {}): HallStore {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
  // A connection the server cannot use any more (database restarted) is dropped by the pool; the error
  // event must be handled or it would end the process.
  pool.on('error', () => {});
  // Its catalog reads (the migrator's) stay in its own schema: other deployments share the database.
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    shared: true,
    migrate: () => migrateToLatest(db, { ownSchema: true }),
    async transaction<T>(fn: (tx: StoreTx) => Promise<T>, _hooks?: TransactionHooks): Promise<T> {
      // No afterWork: the hall's next command waits for this commit (its row lock would make it wait
      // anyway), so the state in memory is always what the database holds.
      return db.transaction().execute((trx) => fn(new KyselyStoreTx(trx, 'dollar', true)));
    },
    read: <T>(fn: (tx: StoreTx) => Promise<T>) => fn(new KyselyStoreTx(db, 'dollar', false)),
    async serialized<T>(name: string, fn: () => Promise<T>): Promise<T> {
      // A session lock on a connection of its own: several instances starting at once on an empty
      // database migrate and seed it one after another, so exactly once.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockKey(name)]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [lockKey(name)]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Drops every table of the store (tests and `onewindow import --replace` start from nothing). */
export async function dropPostgresSchema(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('drop schema if exists public cascade; create schema public');
  } finally {
    await pool.end();
  }
}
