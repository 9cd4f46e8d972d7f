import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Which placeholders the engine's driver takes: SQLite `?`, PostgreSQL `$1, $2 …`. */
export type Placeholders = 'question' | 'dollar';

/**
 * SQL written out for the few statements every command runs. Kysely builds and compiles each query
 * object afresh, which costs more than SQLite takes to run it; these texts are made once per shape
 * and the driver keeps them prepared.
 */
export class HotSql {
  private static readonly texts = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly placeholders: Placeholders,
  ) {}

  /** A text with `?` placeholders, in the engine's own form. */
  private text(sql: string): string {
    if (this.placeholders === 'question') return sql;
    let out = HotSql.texts.get(sql);
    if (out === undefined) {
      let n = 0;
      out = sql.replace(/\?/g, () => `$${++n}`);
      HotSql.texts.set(sql, out);
    }
    return out;
  }

  async rows<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    return (await this.db.executeQuery<R>(CompiledQuery.raw(this.text(sql), [...params]))).rows;
  }

  async first<R>(sql: string, params: readonly unknown[]): Promise<R | undefined> {
    return (await this.rows<R>(sql, params))[0];
  }

  /** `insert into table (cols…) values (?…)`, optionally updating on a key conflict. */
  async insert(table: string, row: Record<string, unknown>, upsertOn?: string): Promise<void> {
    const cols = Object.keys(row);
    const key = `${table}|${cols.join(',')}|${upsertOn ?? ''}`;
    let sql = HotSql.texts.get(key);
    if (sql === undefined) {
      const list = cols.map((c) => `"${c}"`).join(', ');
      const values = cols.map(() => '?').join(', ');
      const update =
        upsertOn === undefined
          ? ''
          : ` on conflict ("${upsertOn}") do update set ${cols
              .filter((c) => c !== upsertOn)
              .map((c) => `"${c}" = excluded."${c}"`)
              .join(', ')}`;
      sql = `insert into "${table}" (${list}) values (${values})${update}`;
      HotSql.texts.set(key, sql);
    }
    await this.rows(sql, Object.values(row));
  }

  /** `update table set cols… where keyColumn = ?`. */
  async update(table: string, row: Record<string, unknown>, keyColumn: string, key: unknown): Promise<void> {
    const cols = Object.keys(row);
    const shape = `${table}|${cols.join(',')}|=${keyColumn}`;
    let sql = HotSql.texts.get(shape);
    if (sql === undefined) {
      sql = `update "${table}" set ${cols.map((c) => `"${c}" = ?`).join(', ')} where "${keyColumn}" = ?`;
      HotSql.texts.set(shape, sql);
    }
    await this.rows(sql, [...Object.values(row), key]);
  }
}
