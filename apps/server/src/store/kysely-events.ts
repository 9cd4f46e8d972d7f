import { HallEvent } from '@onewindow/protocol';
import type { Db } from './schema.js';

/** The hall's numbered event log, read back: catch-up after a gap, and the days statistics replay. */

export async function eventsSince(
  db: Db,
  hallId: string,
  afterSeq: number,
  limit: number,
): Promise<HallEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select('payload')
    .where('hall_id', '=', hallId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => HallEvent.parse(JSON.parse(r.payload)));
}

export async function eventsBetween(db: Db, hallId: string, from: number, to: number): Promise<HallEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select('payload')
    .where('hall_id', '=', hallId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('type', 'in', ['ticket:issued', 'ticket:updated', 'ticket:called', 'window:updated'])
    .orderBy('seq')
    .execute();
  // Written by this server after validation; a month is read at once, so no second parse here.
  return rows.map((r) => JSON.parse(r.payload) as HallEvent);
}
