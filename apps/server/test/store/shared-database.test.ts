import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres.js';
import { freshPgUrl, PG_BASE } from '../pg.js';

/**
 * Deployments (and tests) share one PostgreSQL database, each in a schema of its own. Kysely's migrator
 * reads the catalog of the whole database, and a schema dropped by another deployment at that moment
 * made the read fail ("schema … does not exist"): a hall that started while another was removed did
 * not start.
 */
describe('a store in a database other deployments share', () => {
  it('migrates while other deployments’ schemas are created and dropped beside it', async () => {
    let churning = true;
    const churn = async (k: number) => {
      const admin = new pg.Client({ connectionString: PG_BASE });
      await admin.connect();
      try {
        for (let i = 0; churning; i++) {
          const other = `ow_churn_${process.pid}_${k}_${i}`;
          await admin.query(
            `create schema "${other}"; create table "${other}".t (id serial primary key, v text)`,
          );
          await admin.query(`drop schema "${other}" cascade`);
        }
      } finally {
        await admin.end();
      }
    };
    const churners = [churn(1), churn(2)];
    const stores: { close: () => Promise<void> }[] = [];
    const drops: (() => Promise<void>)[] = [];
    try {
      for (let round = 0; round < 6; round++) {
        const { url, drop } = await freshPgUrl();
        drops.push(drop);
        const store = createPostgresStore(url);
        stores.push(store);
        await store.migrate();
        const state = await store.transaction((tx) => tx.hallState('h1'));
        expect(state).toEqual({ hallId: 'h1', lastSeq: 0, closedDay: null, broadcast: null });
        // What the migrator reads of the catalog is this deployment's schema, all of it and nothing else.
        const tables = await store.db.introspection.getTables();
        const own = new URL(url).searchParams.get('options')?.replace('-c search_path=', '');
        expect(tables.map((t) => t.name)).toEqual(
          expect.arrayContaining(['hall_state', 'events', 'requests']),
        );
        expect(tables.every((t) => t.schema === own)).toBe(true);
        expect(tables.map((t) => t.name)).not.toContain('kysely_migration');
        const withKysely = await store.db.introspection.getTables({ withInternalKyselyTables: true });
        expect(withKysely.map((t) => t.name)).toContain('kysely_migration');
        expect(tables.find((t) => t.name === 'events')?.columns.length).toBeGreaterThan(2);
      }
    } finally {
      churning = false;
      await Promise.all(churners);
      for (const s of stores) await s.close();
      for (const drop of drops) await drop();
    }
  }, 60_000);
});
