import type { Evaluation } from '@onewindow/domain';
import { evaluationFromRow } from './kysely-rows.js';
import type { Db } from './schema.js';
import { type CaseKind, type CaseOf, caseSchemas } from './types.js';

/** Ratings and case records (一次性告知单, 办不成事, rectifications): written once, read by hall and day. */

export async function insertEvaluation(db: Db, e: Evaluation): Promise<void> {
  await db
    .insertInto('evaluations')
    .values({
      id: e.id,
      hall_id: e.hallId,
      ticket_id: e.ticketId,
      window_id: e.windowId,
      staff_id: e.staffId,
      matter_id: e.matterId,
      level: e.level,
      reasons: JSON.stringify(e.reasons),
      comment: e.comment,
      channel: e.channel,
      at: e.at,
    })
    .execute();
}

export async function getEvaluationByTicket(db: Db, ticketId: string): Promise<Evaluation | undefined> {
  const r = await db
    .selectFrom('evaluations')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return r === undefined ? undefined : evaluationFromRow(r);
}

export async function listEvaluations(
  db: Db,
  hallId: string,
  from: number,
  to: number,
): Promise<Evaluation[]> {
  const rows = await db
    .selectFrom('evaluations')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .execute();
  return rows.map(evaluationFromRow);
}

export async function insertCase<K extends CaseKind>(db: Db, kind: K, record: CaseOf<K>): Promise<void> {
  await db
    .insertInto('cases')
    .values({
      id: record.id,
      hall_id: record.hallId,
      kind,
      ticket_id: record.ticketId,
      at: record.at,
      data: JSON.stringify(record),
    })
    .execute();
}

/** A case's record as it stands now (its id, hall, kind and ticket never change). */
export async function updateCase<K extends CaseKind>(db: Db, kind: K, record: CaseOf<K>): Promise<void> {
  await db
    .updateTable('cases')
    .set({ data: JSON.stringify(record) })
    .where('id', '=', record.id)
    .where('kind', '=', kind)
    .execute();
}

export async function getCase<K extends CaseKind>(
  db: Db,
  kind: K,
  id: string,
): Promise<CaseOf<K> | undefined> {
  const r = await db
    .selectFrom('cases')
    .select('data')
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r === undefined ? undefined : (caseSchemas[kind].parse(JSON.parse(r.data)) as CaseOf<K>);
}

export async function listCases<K extends CaseKind>(
  db: Db,
  kind: K,
  hallId: string,
  from: number,
  to: number,
): Promise<CaseOf<K>[]> {
  const rows = await db
    .selectFrom('cases')
    .select('data')
    .where('hall_id', '=', hallId)
    .where('kind', '=', kind)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .execute();
  return rows.map((r) => caseSchemas[kind].parse(JSON.parse(r.data)) as CaseOf<K>);
}
