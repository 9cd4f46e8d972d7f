import { timingSafeEqual } from 'node:crypto';
import {
  assertValidIdNumber,
  type BookingRule,
  blockedUntil,
  bookableAt,
  bookingDays,
  checkInClosesAt,
  checkSlot,
  type HolidayCalendar,
  type Matter,
  MINUTE_MS,
  maskResident,
  type ServiceDay,
  serviceDayOf,
  shanghaiInstant,
  slotsOfDay,
} from '@onewindow/domain';
import type {
  BookingAccess,
  BookingDay,
  BookingRequest,
  BookingReschedule,
  BookingView,
  DaySlots,
} from '@onewindow/protocol';
import type { Clock, IdSource } from '../deps.js';
import { CommandError, notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import type { Deliveries } from '../integrations/deliveries.js';
import { fillMessage, type MessageTemplates, type VisitKind } from '../notifications/messages.js';
import type { Outbox } from '../notifications/outbox.js';
import { maskPhone, type PersonalDataKeys } from '../privacy.js';
import type { HallRegistry } from '../registry.js';
import type { HallStore, StoredAppointment, StoreTx } from '../store/types.js';

const DAY_MS = 24 * 60 * MINUTE_MS;

export interface BookingDeps {
  halls: HallRegistry;
  store: HallStore;
  clock: Clock;
  ids: IdSource;
  personalData: PersonalDataKeys;
  calendar: HolidayCalendar;
  outbox: Outbox;
  messages: MessageTemplates;
  /** Subscribers of booking events (webhooks), told in the booking's transaction. */
  deliveries?: Deliveries;
}

/** A booking as subscribers see it: when and what, never who. */
export const bookingEvent = (a: Pick<StoredAppointment, 'id' | 'matterId' | 'slotStart' | 'slotEnd'>) => ({
  appointmentId: a.id,
  matterId: a.matterId,
  slotStart: a.slotStart,
  slotEnd: a.slotEnd,
});

/** 12月01日 09:30–10:00 (Beijing time), as messages and pages say a slot. */
export function slotText(start: number, end: number): string {
  const at = (t: number) => new Date(t + 8 * 3_600_000).toISOString();
  const s = at(start);
  return `${s.slice(5, 7)}月${s.slice(8, 10)}日 ${s.slice(11, 16)}–${at(end).slice(11, 16)}`;
}

const refuse = (why: 'notASlot' | 'holiday' | 'closed' | 'tooFar' | 'cutoff') =>
  new CommandError('BOOKING_CLOSED', `this slot cannot be booked (${why})`, { reason: why });

/**
 * 预约 for residents: days and slots with the places left, booking, look-up, reschedule and cancel by
 * code plus the phone's last four digits. Each booking takes its place inside one transaction that
 * holds the slot, so a slot never holds more than its capacity, however many book at once.
 */
export class Booking {
  constructor(private readonly d: BookingDeps) {}

  /** The matters of a hall that can be booked. */
  bookable(hallId: string): Matter[] {
    return [...this.hall(hallId).matters.values()].filter((m) => m.booking?.enabled === true);
  }

  /** Halls with at least one matter that can be booked. */
  hallsWithBooking(): HallRuntime[] {
    return this.d.halls.all().filter((h) => this.bookable(h.id).length > 0);
  }

  /** Every bookable day's slots (where a booking may move to). */
  async choices(hallId: string, matterId: string): Promise<DaySlots[]> {
    const days = this.days(hallId, matterId).filter((d) => d.refusal === null);
    return Promise.all(days.map((d) => this.slots(hallId, matterId, d.day)));
  }

  days(hallId: string, matterId: string): BookingDay[] {
    const { hall, rule } = this.matter(hallId, matterId);
    return bookingDays(rule, hall.hall.hours, this.d.clock.now(), this.d.calendar);
  }

  async slots(hallId: string, matterId: string, day: ServiceDay): Promise<DaySlots> {
    const { hall, rule } = this.matter(hallId, matterId);
    const now = this.d.clock.now();
    const listed = bookingDays(rule, hall.hall.hours, now, this.d.calendar).find((x) => x.day === day);
    const refusal = listed === undefined ? 'tooFar' : listed.refusal;
    const slots = refusal === 'tooFar' ? [] : slotsOfDay(rule, hall.hall.hours, day, this.d.calendar);
    const from = shanghaiInstant(day, '00:00');
    const taken = await this.d.store.read((tx) =>
      tx.booking.takenPlaces(hallId, matterId, from, from + DAY_MS),
    );
    return {
      matterId,
      day,
      refusal: refusal === 'past' ? null : refusal,
      slots: slots.map((s) => ({
        start: s.start,
        end: s.end,
        capacity: rule.capacity,
        remaining: Math.max(0, rule.capacity - (taken.get(s.start) ?? 0)),
        open: bookableAt(rule, s, now),
      })),
    };
  }

  async book(hallId: string, req: BookingRequest): Promise<BookingView> {
    const { hall, matter, rule } = this.matter(hallId, req.matterId);
    const now = this.d.clock.now();
    const checked = checkSlot(rule, hall.hall.hours, req.slotStart, now, this.d.calendar);
    if ('refusal' in checked) throw refuse(checked.refusal);
    const slot = checked.slot;
    const idNumber = assertValidIdNumber(req.idNumber);
    const idHash = this.d.personalData.idToken(idNumber);
    const missRule = hall.hall.rules.bookingMisses;
    const appt = await this.d.store.transaction(async (tx) => {
      if (missRule !== null) {
        const past = await tx.booking.residentAppointments(idHash, now - missRule.withinDays * DAY_MS, now);
        const until = blockedUntil(
          missRule,
          past.filter((a) => a.status === 'missed').map((a) => a.slotEnd),
          now,
        );
        if (until !== null)
          throw new CommandError('BOOKING_BLOCKED', 'booked and not come too often lately', { until });
      }
      await tx.booking.lockSlot(hallId, matter.id, slot.start);
      await this.assertPersonLimit(tx, idHash, hallId, matter.id, rule, slot.start, null);
      await this.assertPlace(tx, hallId, matter.id, rule, slot.start);
      let code = this.d.ids.code();
      while ((await tx.getAppointmentByCode(hallId, code)) !== undefined) code = this.d.ids.code();
      const a: StoredAppointment = {
        id: this.d.ids.uuid(),
        hallId,
        matterId: matter.id,
        code,
        slotStart: slot.start,
        slotEnd: slot.end,
        resident: maskResident(idNumber, req.name),
        status: 'booked',
        ticketId: null,
        createdAt: now,
        phoneMasked: maskPhone(req.phone),
        residentIdHash: idHash,
        phoneSealed: this.d.personalData.seal(req.phone),
      };
      await tx.insertAppointment(a);
      await this.d.deliveries?.enqueue(tx, hallId, 'booking.made', a.id, bookingEvent(a));
      await this.tell(tx, a, 'booked', `booked:${a.id}`);
      await this.remind(tx, a);
      return a;
    });
    return this.view(appt);
  }

  async find(hallId: string, access: BookingAccess): Promise<BookingView> {
    return this.view(await this.d.store.read((tx) => this.access(tx, hallId, access)));
  }

  async cancel(hallId: string, access: BookingAccess): Promise<BookingView> {
    const appt = await this.d.store.transaction(async (tx) => {
      const a = await this.access(tx, hallId, access);
      if (a.status !== 'booked')
        throw new CommandError('ILLEGAL_TRANSITION', `a ${a.status} booking cannot be cancelled`);
      const next = { ...a, status: 'cancelled' as const };
      await tx.updateAppointment(next);
      await this.d.outbox.withdraw(tx, hallId, `reminder:${a.id}:${a.slotStart}`);
      await this.tell(tx, next, 'cancelled', `cancelled:${a.id}`);
      return next;
    });
    return this.view(appt);
  }

  async reschedule(hallId: string, r: BookingReschedule): Promise<BookingView> {
    const now = this.d.clock.now();
    const appt = await this.d.store.transaction(async (tx) => {
      const a = await this.access(tx, hallId, r);
      if (a.status !== 'booked')
        throw new CommandError('ILLEGAL_TRANSITION', `a ${a.status} booking cannot be moved`);
      const { hall, rule } = this.matter(hallId, a.matterId);
      const checked = checkSlot(rule, hall.hall.hours, r.slotStart, now, this.d.calendar);
      if ('refusal' in checked) throw refuse(checked.refusal);
      if (checked.slot.start === a.slotStart) return a;
      await tx.booking.lockSlot(hallId, a.matterId, checked.slot.start);
      if (a.residentIdHash !== null)
        await this.assertPersonLimit(
          tx,
          a.residentIdHash,
          hallId,
          a.matterId,
          rule,
          checked.slot.start,
          a.id,
        );
      await this.assertPlace(tx, hallId, a.matterId, rule, checked.slot.start);
      await tx.booking.moveAppointment(a.id, checked.slot.start, checked.slot.end);
      const moved = { ...a, slotStart: checked.slot.start, slotEnd: checked.slot.end };
      await this.d.outbox.withdraw(tx, hallId, `reminder:${a.id}:${a.slotStart}`);
      await this.tell(tx, moved, 'rescheduled', `rescheduled:${a.id}:${moved.slotStart}`);
      await this.remind(tx, moved);
      return moved;
    });
    return this.view(appt);
  }

  /**
   * Marks booked appointments whose check-in time is over as missed (counted in statistics and in the
   * resident's misses). Returns how many.
   */
  async markMissed(hallId: string): Promise<number> {
    const rules = this.hall(hallId).hall.rules;
    const now = this.d.clock.now();
    return this.d.store.transaction(async (tx) => {
      const overdue = await tx.booking.overdueBooked(hallId, now - rules.appointmentLateMin * MINUTE_MS);
      let n = 0;
      for (const a of overdue) {
        if (checkInClosesAt(a, rules) >= now) continue;
        await tx.updateAppointment({ ...a, status: 'missed' });
        await this.d.deliveries?.enqueue(tx, hallId, 'booking.missed', a.id, bookingEvent(a));
        n++;
      }
      return n;
    });
  }

  /** The booking's pickup message (统一出件): its result is ready at a window. */
  async pickup(
    hallId: string,
    appointmentId: string,
    windowName: string,
    audit: (tx: StoreTx) => Promise<void>,
  ): Promise<boolean> {
    return this.d.store.transaction(async (tx) => {
      await audit(tx);
      const a = await tx.booking.getAppointment(appointmentId);
      if (a === undefined || a.hallId !== hallId) throw notFound('appointment', appointmentId);
      if (a.status !== 'checkedIn')
        throw new CommandError('ILLEGAL_TRANSITION', 'only a visit that took place has a result to collect');
      if (a.phoneSealed === null) throw new CommandError('NOT_FOUND', 'this booking has no phone number');
      return this.tell(tx, a, 'pickup', `pickup:${a.id}`, { window: windowName });
    });
  }

  /** A message about a booking, in the transaction that causes it. */
  tell(
    tx: StoreTx,
    a: StoredAppointment,
    kind: VisitKind,
    key: string,
    extra: { window?: string; number?: string; ahead?: number; dueAt?: number } = {},
  ): Promise<boolean> {
    if (a.phoneSealed === null) return Promise.resolve(false);
    const hall = this.hall(a.hallId);
    const text = fillMessage(this.d.messages[kind], {
      hall: hall.hall.name,
      matter: hall.matters.get(a.matterId)?.name ?? a.matterId,
      time: slotText(a.slotStart, a.slotEnd),
      code: a.code,
      ...extra,
    });
    return this.d.outbox.enqueue(tx, {
      hallId: a.hallId,
      key,
      kind,
      phoneSealed: a.phoneSealed,
      text,
      ...(extra.dueAt === undefined ? {} : { dueAt: extra.dueAt }),
    });
  }

  private async remind(tx: StoreTx, a: StoredAppointment): Promise<void> {
    const before = this.hall(a.hallId).hall.rules.reminderBeforeMin * MINUTE_MS;
    const dueAt = a.slotStart - before;
    // Booked inside the reminder's lead time: the confirmation says it all.
    if (dueAt <= this.d.clock.now()) return;
    await this.tell(tx, a, 'reminder', `reminder:${a.id}:${a.slotStart}`, { dueAt });
  }

  /** The booking with this code whose phone ends in these digits; one error for any mismatch. */
  private async access(tx: StoreTx, hallId: string, access: BookingAccess): Promise<StoredAppointment> {
    this.hall(hallId);
    const a = await tx.getAppointmentByCode(hallId, access.code);
    const phone = a?.phoneSealed == null ? undefined : this.d.personalData.open(a.phoneSealed);
    const digits = Buffer.from((phone ?? '0000000').slice(-4));
    const same = timingSafeEqual(digits, Buffer.from(access.phoneDigits.padStart(4, '0').slice(-4)));
    if (a === undefined || phone === undefined || !same)
      throw new CommandError('BOOKING_NOT_FOUND', 'no booking with this code and phone number');
    return a;
  }

  private async assertPlace(
    tx: StoreTx,
    hallId: string,
    matterId: string,
    rule: BookingRule,
    start: number,
  ): Promise<void> {
    const taken = (await tx.booking.takenPlaces(hallId, matterId, start, start + 1)).get(start) ?? 0;
    if (taken >= rule.capacity)
      throw new CommandError('SLOT_FULL', 'this slot has no place left', {
        slotStart: start,
        capacity: rule.capacity,
      });
  }

  private async assertPersonLimit(
    tx: StoreTx,
    idHash: string,
    hallId: string,
    matterId: string,
    rule: BookingRule,
    start: number,
    except: string | null,
  ): Promise<void> {
    const dayStart = shanghaiInstant(serviceDayOf(start), '00:00');
    const held = (await tx.booking.residentAppointments(idHash, dayStart, dayStart + DAY_MS)).filter(
      (a) =>
        a.hallId === hallId &&
        a.matterId === matterId &&
        a.id !== except &&
        (a.status === 'booked' || a.status === 'checkedIn'),
    );
    if (held.length >= rule.perPersonPerDay)
      throw new CommandError('BOOKING_LIMIT', 'this resident holds the most bookings allowed that day', {
        limit: rule.perPersonPerDay,
      });
  }

  view(a: StoredAppointment): BookingView {
    const hall = this.hall(a.hallId);
    return {
      code: a.code,
      hallId: a.hallId,
      hallName: hall.hall.name,
      matterId: a.matterId,
      matterName: hall.matters.get(a.matterId)?.name ?? a.matterId,
      slotStart: a.slotStart,
      slotEnd: a.slotEnd,
      status: a.status,
      nameMasked: a.resident?.nameMasked ?? '',
      idMasked: a.resident?.idMasked ?? '',
      phoneMasked: a.phoneMasked ?? '',
      checkInFrom: a.slotStart - hall.hall.rules.appointmentEarlyMin * MINUTE_MS,
      checkInUntil: checkInClosesAt(a, hall.hall.rules),
      ticketId: a.ticketId,
    };
  }

  hall(hallId: string): HallRuntime {
    if (!this.d.halls.has(hallId)) throw notFound('hall', hallId);
    return this.d.halls.get(hallId);
  }

  matter(hallId: string, matterId: string): { hall: HallRuntime; matter: Matter; rule: BookingRule } {
    const hall = this.hall(hallId);
    const matter = hall.matters.get(matterId);
    if (matter === undefined) throw notFound('matter', matterId);
    if (matter.booking === undefined || !matter.booking.enabled)
      throw new CommandError('BOOKING_CLOSED', `matter ${matterId} cannot be booked ahead`, {
        reason: 'notBookable',
      });
    return { hall, matter, rule: matter.booking };
  }
}
