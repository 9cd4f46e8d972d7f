import { DomainError } from './errors.js';
import type { Appointment, HallRules } from './model.js';
import { MINUTE_MS, shanghaiClock } from './time.js';

/** Checks that an appointment may check in now; throws with the reason a resident can act on. */
export function assertCheckIn(
  appt: Appointment,
  now: number,
  rules: Pick<HallRules, 'appointmentEarlyMin' | 'appointmentLateMin'>,
): void {
  if (appt.status === 'cancelled') {
    throw new DomainError('APPOINTMENT_CANCELLED', 'this appointment was cancelled', {
      appointmentId: appt.id,
    });
  }
  if (appt.status === 'checkedIn') {
    throw new DomainError('APPOINTMENT_USED', 'this appointment has already checked in', {
      appointmentId: appt.id,
      ticketId: appt.ticketId,
    });
  }
  const closes = checkInClosesAt(appt, rules);
  if (appt.status === 'missed' || now > closes) {
    throw new DomainError('APPOINTMENT_TOO_LATE', `check-in closed at ${shanghaiClock(closes)}`, {
      appointmentId: appt.id,
      matterId: appt.matterId,
      slotStart: appt.slotStart,
      slotEnd: appt.slotEnd,
      closedAt: closes,
    });
  }
  const opens = appt.slotStart - rules.appointmentEarlyMin * MINUTE_MS;
  if (now < opens) {
    throw new DomainError('APPOINTMENT_TOO_EARLY', `check-in opens at ${shanghaiClock(opens)}`, {
      appointmentId: appt.id,
      matterId: appt.matterId,
      slotStart: appt.slotStart,
      slotEnd: appt.slotEnd,
      opensAt: opens,
    });
  }
}

/** When check-in for an appointment ends: its slot plus the hall's grace; booked beyond it means missed. */
export const checkInClosesAt = (
  appt: Pick<Appointment, 'slotEnd'>,
  rules: Pick<HallRules, 'appointmentLateMin'>,
): number => appt.slotEnd + rules.appointmentLateMin * MINUTE_MS;
