import { sql } from 'kysely';
import { appointmentFromRow, num } from './kysely-rows.js';
import type { Database, Db } from './schema.js';
import type { BookingStoreTx, StoredAppointment, StoredNotification } from './types.js';

type NotificationRow = Database['notifications'];

const notificationFromRow = (r: NotificationRow): StoredNotification => ({
  id: r.id,
  hallId: r.hall_id,
  key: r.key,
  kind: r.kind,
  phoneSealed: r.phone_sealed,
  text: r.text,
  dueAt: num(r.due_at),
  status: r.status as StoredNotification['status'],
  attempts: r.attempts,
  problem: r.problem,
  sentAt: r.sent_at === null ? null : num(r.sent_at),
  createdAt: num(r.created_at),
});

/** Places taken: an appointment holds its place until it is cancelled or missed. */
const HOLDING = ['booked', 'checkedIn'] as const;

export class KyselyBookingTx implements BookingStoreTx {
  constructor(
    private readonly db: Db,
    /** PostgreSQL with several writers: slots are locked explicitly (SQLite has one writer). */
    private readonly locks: boolean,
  ) {}

  async lockSlot(hallId: string, matterId: string, slotStart: number): Promise<void> {
    if (!this.locks) return;
    const key = `slot:${hallId}:${matterId}:${slotStart}`;
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(this.db);
  }

  async takenPlaces(
    hallId: string,
    matterId: string,
    from: number,
    to: number,
  ): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('appointments')
      .select(['slot_start', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('hall_id', '=', hallId)
      .where('matter_id', '=', matterId)
      .where('slot_start', '>=', from)
      .where('slot_start', '<', to)
      .where('status', 'in', HOLDING)
      .groupBy('slot_start')
      .execute();
    return new Map(rows.map((r) => [num(r.slot_start), Number(r.n)]));
  }

  async residentAppointments(residentIdHash: string, from: number, to: number): Promise<StoredAppointment[]> {
    const rows = await this.db
      .selectFrom('appointments')
      .selectAll()
      .where('resident_id_hash', '=', residentIdHash)
      .where('slot_start', '>=', from)
      .where('slot_start', '<', to)
      .orderBy('slot_start')
      .execute();
    return rows.map(appointmentFromRow);
  }

  async getAppointment(id: string): Promise<StoredAppointment | undefined> {
    const r = await this.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : appointmentFromRow(r);
  }

  async moveAppointment(id: string, slotStart: number, slotEnd: number): Promise<void> {
    await this.db
      .updateTable('appointments')
      .set({ slot_start: slotStart, slot_end: slotEnd })
      .where('id', '=', id)
      .execute();
  }

  async overdueBooked(hallId: string, slotEndBefore: number): Promise<StoredAppointment[]> {
    const rows = await this.db
      .selectFrom('appointments')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('status', '=', 'booked')
      .where('slot_end', '<', slotEndBefore)
      .execute();
    return rows.map(appointmentFromRow);
  }

  async enqueue(n: StoredNotification): Promise<boolean> {
    const r = await this.db
      .insertInto('notifications')
      .values({
        id: n.id,
        hall_id: n.hallId,
        key: n.key,
        kind: n.kind,
        phone_sealed: n.phoneSealed,
        text: n.text,
        due_at: n.dueAt,
        status: n.status,
        attempts: n.attempts,
        problem: n.problem,
        sent_at: n.sentAt,
        created_at: n.createdAt,
      })
      .onConflict((oc) => oc.columns(['hall_id', 'key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async withdraw(hallId: string, key: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ status: 'withdrawn' })
      .where('hall_id', '=', hallId)
      .where('key', '=', key)
      .where('status', '=', 'pending')
      .execute();
  }

  async dueNotifications(now: number, limit: number): Promise<StoredNotification[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .execute();
    return rows.map(notificationFromRow);
  }

  async updateNotification(
    n: Pick<StoredNotification, 'id' | 'status' | 'attempts' | 'problem' | 'sentAt' | 'dueAt'>,
  ): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ status: n.status, attempts: n.attempts, problem: n.problem, sent_at: n.sentAt, due_at: n.dueAt })
      .where('id', '=', n.id)
      .execute();
  }

  async listNotifications(hallId: string, from: number, to: number): Promise<StoredNotification[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('hall_id', '=', hallId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at')
      .execute();
    return rows.map(notificationFromRow);
  }
}
