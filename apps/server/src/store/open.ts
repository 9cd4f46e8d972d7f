import { join } from 'node:path';
import { createPostgresStore } from './postgres.js';
import { createSqliteStore } from './sqlite.js';
import type { HallStore } from './types.js';

/** The store a deployment runs on: PostgreSQL when a URL is given, else the SQLite file in the data folder. */
export interface StoreChoice {
  store: HallStore;
  /** Where the data is, for the start-up lines (no password). */
  where: string;
  kind: 'sqlite' | 'postgres';
}

export const sqliteFileOf = (dataDir: string): string => join(dataDir, 'onewindow.sqlite');

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export function openStore(options: {
  databaseUrl?: string;
  dataDir: string;
  mustExist?: boolean;
}): StoreChoice {
  const url = options.databaseUrl;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('the database URL must start with postgres://');
    return { store: createPostgresStore(url), where: withoutPassword(url), kind: 'postgres' };
  }
  const file = sqliteFileOf(options.dataDir);
  return {
    store: createSqliteStore(file, { mustExist: options.mustExist === true }),
    where: file,
    kind: 'sqlite',
  };
}
