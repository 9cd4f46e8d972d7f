import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL and Redis every machine of this project runs (CI included). */
export const PG_BASE = process.env.ONEWINDOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.ONEWINDOW_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/**
 * A database of its own for one test: a fresh schema in the test database, chosen through the
 * connection's search_path, so tests running side by side never see each other's rows.
 */
export async function freshPgUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `ow_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const sep = PG_BASE.includes('?') ? '&' : '?';
  const url = `${PG_BASE}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}
