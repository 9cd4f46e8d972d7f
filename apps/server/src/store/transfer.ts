import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Database } from './schema.js';
import type { HallStore } from './types.js';

type Table = keyof Database;

/**
 * Every table of the store, parents before children, and whether its rows belong to one hall (by
 * hall_id). Moving one hall takes its rows only; moving a deployment takes them all.
 */
const TABLES: readonly { name: Table; hall: boolean; key: readonly string[] }[] = [
  { name: 'hall_configs', hall: true, key: ['hall_id'] },
  { name: 'hall_state', hall: true, key: ['hall_id'] },
  { name: 'ticket_counters', hall: true, key: ['hall_id', 'prefix', 'service_day'] },
  { name: 'tickets', hall: true, key: ['id'] },
  { name: 'events', hall: true, key: ['hall_id', 'seq'] },
  { name: 'window_states', hall: true, key: ['id'] },
  { name: 'appointments', hall: true, key: ['id'] },
  { name: 'evaluations', hall: true, key: ['id'] },
  { name: 'cases', hall: true, key: ['id'] },
  { name: 'devices', hall: true, key: ['id'] },
  { name: 'staff_pins', hall: true, key: ['hall_id', 'staff_id'] },
  { name: 'audit_log', hall: true, key: ['id'] },
  { name: 'ticket_cases', hall: true, key: ['ticket_id'] },
  { name: 'deliveries', hall: true, key: ['id'] },
  { name: 'users', hall: false, key: ['id'] },
  { name: 'sessions', hall: false, key: ['token_sha256'] },
  { name: 'lockouts', hall: false, key: ['key'] },
  { name: 'settings', hall: false, key: ['key'] },
  { name: 'integration_keys', hall: false, key: ['id'] },
  { name: 'integration_targets', hall: false, key: ['id'] },
  { name: 'requests', hall: false, key: ['device_id', 'request_id'] },
];

const FORMAT = 'onewindow-export';
const PAGE = 1_000;

export interface TransferCounts {
  [table: string]: number;
}

/**
 * Writes the store's rows (one hall's, or all) to a JSON Lines file: a header, then one line per row.
 * Rows are copied as stored — ID tokens and sealed contacts stay sealed under the same key.
 */
export async function exportStore(store: HallStore, file: string, hallId?: string): Promise<TransferCounts> {
  await store.migrate();
  const out = createWriteStream(file, { mode: 0o600 });
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  const counts: TransferCounts = {};
  await write({ format: FORMAT, version: 1, hall: hallId ?? null });
  for (const t of TABLES) {
    if (hallId !== undefined && !t.hall) continue;
    counts[t.name] = 0;
    for (let offset = 0; ; offset += PAGE) {
      let q = store.db.selectFrom(t.name).selectAll();
      if (hallId !== undefined) q = q.where('hall_id' as never, '=', hallId as never);
      for (const k of t.key) q = q.orderBy(k as never);
      const rows = await q.limit(PAGE).offset(offset).execute();
      for (const row of rows) await write({ t: t.name, r: row });
      counts[t.name] = (counts[t.name] ?? 0) + rows.length;
      if (rows.length < PAGE) break;
    }
  }
  out.end();
  await once(out, 'finish');
  return counts;
}

/**
 * Reads an export into a store, in one transaction: all of it lands or none. A hall the target holds
 * already is refused (nothing is overwritten); the target is migrated first.
 */
export async function importStore(store: HallStore, file: string): Promise<TransferCounts> {
  await store.migrate();
  const known = new Set<string>(TABLES.map((t) => t.name));
  const counts: TransferCounts = {};
  let header = false;
  await store.db.transaction().execute(async (trx) => {
    let batch: { t: Table; rows: Record<string, unknown>[] } | undefined;
    const flush = async () => {
      if (batch === undefined || batch.rows.length === 0) return;
      const spec = TABLES.find((t) => t.name === batch?.t);
      let q = trx.insertInto(batch.t).values(batch.rows as never);
      // Deployment-wide records (accounts, settings) the target may share are kept as they are there.
      if (spec !== undefined && !spec.hall)
        q = q.onConflict((oc) => oc.columns(spec.key as never).doNothing());
      await q.execute();
      counts[batch.t] = (counts[batch.t] ?? 0) + batch.rows.length;
      batch = undefined;
    };
    // Made here, where it is read at once: lines read before the loop starts would be lost.
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const doc = JSON.parse(line) as { format?: string; t?: string; r?: Record<string, unknown> };
      if (!header) {
        if (doc.format !== FORMAT) throw new Error(`${file} is not a OneWindow export`);
        header = true;
        continue;
      }
      if (doc.t === undefined || !known.has(doc.t) || doc.r === undefined)
        throw new Error(`${file}: a line names no known table`);
      const t = doc.t as Table;
      if (t === 'hall_configs') {
        const id = String(doc.r.hall_id);
        const there = await trx
          .selectFrom('hall_configs')
          .select('hall_id')
          .where('hall_id', '=', id)
          .execute();
        if (there.length > 0) throw new Error(`the target holds hall "${id}" already; nothing was imported`);
      }
      if (batch !== undefined && (batch.t !== t || batch.rows.length >= 200)) await flush();
      batch ??= { t, rows: [] };
      batch.rows.push(doc.r);
    }
    await flush();
    if (!header) throw new Error(`${file} is empty`);
  });
  return counts;
}
