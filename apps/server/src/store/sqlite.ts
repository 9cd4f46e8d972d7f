import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import { BackgroundCheckpointer } from './checkpointer.js';
import { GroupCommit } from './group-commit.js';
import { KyselyStoreTx } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import type { HallStore, StoreTx, TransactionHooks } from './types.js';

/** Statements kept compiled; the hot path runs the same few over and over. */
const STATEMENTS_KEPT = 256;

/**
 * The database as Kysely sees it, but each SQL text is compiled once: Kysely's SQLite driver prepares
 * every query afresh, which costs more than running it.
 */
function preparedOnce(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt === undefined) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

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
  // Erased personal data is overwritten, not left in free pages of the file for anyone who copies it.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoints run on a thread of their own (see BackgroundCheckpointer), not inside a command.
  const checkpointer = file === ':memory:' ? undefined : new BackgroundCheckpointer(file);
  if (checkpointer !== undefined) sqlite.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
  let closed = false;
  const group = new GroupCommit(db);
  return {
    db,
    migrate: () => migrateToLatest(db),
    // One connection, one unit of work at a time; commits are shared by the units of one turn.
    transaction: <T>(fn: (tx: StoreTx) => Promise<T>, hooks?: TransactionHooks) =>
      group.run(() => fn(new KyselyStoreTx(db)), hooks?.afterWork),
    read: <T>(fn: (tx: StoreTx) => Promise<T>) => group.exclusive(() => fn(new KyselyStoreTx(db))),
    // A consistent copy while commands keep committing (in-memory stores: SQLite's online backup).
    backup: async (target: string) => {
      if (checkpointer !== undefined) await checkpointer.backup(target);
      else await group.exclusive(() => sqlite.backup(target));
    },
    async close() {
      if (closed) return;
      closed = true;
      await group.flush();
      await checkpointer?.stop();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await db.destroy();
    },
  };
}
