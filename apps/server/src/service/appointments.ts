import {
  type Appointment,
  assertValidIdNumber,
  maskResident,
  openIntervals,
  serviceDayOf,
  shanghaiInstant,
} from '@onewindow/domain';
import type { AppointmentInput } from '@onewindow/protocol';
import { CommandError, notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { StoredAppointment } from '../store/types.js';
import type { HallOps } from './ops.js';

export function publicAppointment(a: StoredAppointment): Appointment {
  const { residentIdHash: _h, phoneSealed: _p, ...rest } = a;
  return rest;
}

/** A booked slot must lie inside one of the hall's opening intervals that day. */
function assertSlotInHours(ops: HallOps, hall: HallRuntime, input: AppointmentInput): void {
  const day = serviceDayOf(input.slotStart);
  const inside = openIntervals(hall.hall.hours, day, ops.deps.calendar).some(
    (i) => input.slotStart >= shanghaiInstant(day, i.open) && input.slotEnd <= shanghaiInstant(day, i.close),
  );
  if (!inside) {
    throw new CommandError('HALL_CLOSED', `the hall is not open for the whole slot on ${day}`, {
      day,
      intervals: openIntervals(hall.hall.hours, day, ops.deps.calendar).map((i) => `${i.open}–${i.close}`),
    });
  }
}

export async function createAppointment(
  ops: HallOps,
  hall: HallRuntime,
  input: AppointmentInput,
): Promise<Appointment> {
  if (!hall.matters.has(input.matterId)) throw notFound('matter', input.matterId);
  if (input.slotEnd <= input.slotStart)
    throw new CommandError('VALIDATION_FAILED', 'slotEnd must be after slotStart');
  if (ops.deps.enforceHours) assertSlotInHours(ops, hall, input);
  let resident = null;
  let residentIdHash = null;
  if (input.resident !== undefined) {
    const idNumber = assertValidIdNumber(input.resident.idNumber);
    resident = maskResident(idNumber, input.resident.name);
    residentIdHash = ops.deps.personalData.idToken(idNumber);
  }
  return ops.deps.store.transaction(async (tx) => {
    let code = input.code ?? ops.deps.ids.code();
    if (input.code === undefined) {
      while ((await tx.getAppointmentByCode(hall.id, code)) !== undefined) code = ops.deps.ids.code();
    } else if ((await tx.getAppointmentByCode(hall.id, code)) !== undefined) {
      throw new CommandError('VALIDATION_FAILED', `appointment code ${code} is already in use`);
    }
    const appt: StoredAppointment = {
      id: ops.deps.ids.uuid(),
      hallId: hall.id,
      matterId: input.matterId,
      code,
      slotStart: input.slotStart,
      slotEnd: input.slotEnd,
      resident,
      status: 'booked',
      ticketId: null,
      createdAt: ops.deps.clock.now(),
      phoneMasked: null,
      residentIdHash,
      phoneSealed: null,
    };
    await tx.insertAppointment(appt);
    return publicAppointment(appt);
  });
}

export async function listAppointments(ops: HallOps, hallId: string, day: string): Promise<Appointment[]> {
  const from = shanghaiInstant(day, '00:00');
  const rows = await ops.deps.store.read((tx) => tx.listAppointments(hallId, from, from + 24 * 3_600_000));
  return rows.map(publicAppointment);
}
