import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

/**
 * Brings the store's tables to the latest migration. On PostgreSQL the migration tables are looked
 * for in the connection's own schema: Kysely otherwise finds them in any schema of the database, so a
 * second deployment (or test) in another schema of the same database took another's tables for its
 * own and failed ("kysely_migration_lock" does not exist). The store's dialect keeps the catalog reads
 * in that schema too (own-schema.ts).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { ownSchema?: boolean } = {},
): Promise<void> {
  const schema =
    options.ownSchema === true
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const { error, results } = await new Migrator({
    db,
    provider: migrations,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const why = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${why}`);
  }
}
