import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStoreTx } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import type { HallStore, StoreTx } from './types.js';

/**
 * The embedded store: one SQLite file. WAL lets readers run beside the writer; synchronous=FULL makes
 * every committed ticket survive a power cut, which is the promise a printed ticket makes.
 */
export function createSqliteStore(file: string, options: { mustExist?: boolean } = {}): HallStore {
  if (file !== ':memory:' && options.mustExist !== true) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file, { fileMustExist: options.mustExist === true });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  return {
    migrate: () => migrateToLatest(db),
    // One connection: Kysely's SQLite driver runs transactions one at a time, so commands never interleave.
    transaction: <T>(fn: (tx: StoreTx) => Promise<T>) =>
      db.transaction().execute((trx) => fn(new KyselyStoreTx(trx))),
    read: <T>(fn: (tx: StoreTx) => Promise<T>) => fn(new KyselyStoreTx(db)),
    // SQLite's online backup: pages are copied while commands keep committing; the copy is consistent.
    backup: async (target: string) => {
      await sqlite.backup(target);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
