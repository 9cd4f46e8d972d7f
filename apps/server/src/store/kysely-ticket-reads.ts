import { num, ticketFromRow } from './kysely-rows.js';
import type { Db } from './schema.js';
import type { CallEntry, HandleTotals, StoredTicket, TicketQuery, VisitLength } from './types.js';

/** Ticket queries beyond the hot path: lists, counts, handle times, the longest wait, recent calls. */

export async function listTickets(db: Db, hallId: string, q: TicketQuery): Promise<StoredTicket[]> {
  let query = ticketQuery(db, hallId, q).selectAll();
  // Ties (one instant) go by id, so a limited list is the same every time it is read.
  if (q.order === 'finishedDesc') query = query.orderBy('finished_at', 'desc').orderBy('id');
  else if (q.order === 'calledDesc') query = query.orderBy('called_at', 'desc').orderBy('id');
  // Ties of one instant go by number, the same on every engine (a hall moved between them loads alike).
  else query = query.orderBy('issued_at').orderBy('seq').orderBy('prefix');
  if (q.limit !== undefined) query = query.limit(q.limit);
  return (await query.execute()).map(ticketFromRow);
}

export async function countTickets(db: Db, hallId: string, q: TicketQuery): Promise<number> {
  const r = await ticketQuery(db, hallId, q)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return num(r.n);
}

export async function handleTotals(db: Db, hallId: string, day: string): Promise<Map<string, HandleTotals>> {
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => [
      'matter_id',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string>(eb('finished_at', '-', eb.fn.coalesce('started_at', 'called_at'))).as('ms'),
    ])
    .where('hall_id', '=', hallId)
    .where('service_day', '=', day)
    .where('status', '=', 'done')
    .where('finished_at', 'is not', null)
    .groupBy('matter_id')
    .execute();
  return new Map(rows.map((r) => [r.matter_id, { count: num(r.n), totalMs: num(r.ms ?? 0) }]));
}

export async function visitLengths(
  db: Db,
  hallId: string,
  from: string,
  limit: number,
): Promise<VisitLength[]> {
  const rows = await db
    .selectFrom('tickets')
    .select((eb) => ['matter_id', eb('finished_at', '-', eb.fn.coalesce('started_at', 'called_at')).as('ms')])
    .where('hall_id', '=', hallId)
    .where('service_day', '>=', from)
    .where('status', '=', 'done')
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ matterId: r.matter_id, minutes: num(r.ms ?? 0) / 60_000 }));
}

export async function longestWaitToCall(db: Db, hallId: string, day: string): Promise<number> {
  const r = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.max<number | string | null>(eb('called_at', '-', eb.ref('issued_at'))).as('ms'))
    .where('hall_id', '=', hallId)
    .where('service_day', '=', day)
    .where('called_at', 'is not', null)
    .executeTakeFirst();
  return Math.max(0, num(r?.ms ?? 0));
}

export async function callsSince(db: Db, hallId: string, since: number): Promise<CallEntry[]> {
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'matter_id', 'called_at'])
    .where('hall_id', '=', hallId)
    .where('called_at', '>=', since)
    .orderBy('called_at')
    .execute();
  return rows.map((r) => ({ ticketId: r.id, matterId: r.matter_id, calledAt: num(r.called_at ?? 0) }));
}

function ticketQuery(db: Db, hallId: string, q: TicketQuery) {
  let query = db.selectFrom('tickets').where('hall_id', '=', hallId);
  if (q.serviceDay !== undefined) query = query.where('service_day', '=', q.serviceDay);
  if (q.before !== undefined) query = query.where('service_day', '<', q.before);
  if (q.since !== undefined) query = query.where('service_day', '>=', q.since);
  if (q.statuses !== undefined)
    query = query.where('status', 'in', q.statuses.length > 0 ? [...q.statuses] : ['']);
  if (q.matterId !== undefined) query = query.where('matter_id', '=', q.matterId);
  if (q.residentIdHash !== undefined) query = query.where('resident_id_hash', '=', q.residentIdHash);
  return query;
}
