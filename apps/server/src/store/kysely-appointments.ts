import type { AppointmentStatus } from '@onewindow/domain';
import { appointmentFromRow } from './kysely-rows.js';
import type { Db } from './schema.js';
import type { StoredAppointment } from './types.js';

/** Appointments (预约): booked with a code, checked in at the kiosk, listed by slot. */

export async function insertAppointment(db: Db, a: StoredAppointment): Promise<void> {
  await db
    .insertInto('appointments')
    .values({
      id: a.id,
      hall_id: a.hallId,
      matter_id: a.matterId,
      code: a.code,
      slot_start: a.slotStart,
      slot_end: a.slotEnd,
      resident_id_hash: a.residentIdHash,
      resident_id_masked: a.resident?.idMasked ?? null,
      resident_name_masked: a.resident?.nameMasked ?? null,
      status: a.status,
      ticket_id: a.ticketId,
      created_at: a.createdAt,
      phone_sealed: a.phoneSealed,
      phone_masked: a.phoneMasked,
    })
    .execute();
}

export async function updateAppointment(
  db: Db,
  a: {
    id: string;
    status: AppointmentStatus;
    ticketId: string | null;
  },
): Promise<void> {
  await db
    .updateTable('appointments')
    .set({ status: a.status, ticket_id: a.ticketId })
    .where('id', '=', a.id)
    .execute();
}

export async function getAppointmentByCode(
  db: Db,
  hallId: string,
  code: string,
): Promise<StoredAppointment | undefined> {
  const r = await db
    .selectFrom('appointments')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r === undefined ? undefined : appointmentFromRow(r);
}

export async function listAppointments(
  db: Db,
  hallId: string,
  from: number,
  to: number,
): Promise<StoredAppointment[]> {
  const rows = await db
    .selectFrom('appointments')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('slot_start', '>=', from)
    .where('slot_start', '<', to)
    .orderBy('slot_start')
    .execute();
  return rows.map(appointmentFromRow);
}
