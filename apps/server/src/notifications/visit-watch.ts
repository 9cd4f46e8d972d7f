import { MINUTE_MS, serviceDayOf, shanghaiInstant } from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';
import type { Clock, Logger } from '../deps.js';
import type { Booking } from '../service/booking.js';
import type { HallService } from '../service.js';
import type { HallStore } from '../store/types.js';

/** Positions are looked at this long after a burst of events: one look per burst. */
const SETTLE_MS = 200;

/**
 * Tells booked residents about their visit: "please go to window 3" when called, "N people ahead"
 * when their turn nears. It follows the events this instance committed (so each message is queued
 * once in a deployment); the outbox key makes a repeat harmless. The queue never waits for it.
 */
export class VisitWatch {
  private readonly pending = new Set<string>();

  constructor(
    private readonly d: {
      service: HallService;
      store: HallStore;
      booking: Booking;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  published(hallId: string, events: readonly HallEvent[]): void {
    let queueMoved = false;
    for (const e of events) {
      if (e.type === 'ticket:called') {
        queueMoved = true;
        if (e.ticket.appointmentId !== null) this.later(this.called(hallId, e.ticket.appointmentId, e));
      } else if (e.type === 'ticket:updated' || e.type === 'ticket:issued') queueMoved = true;
    }
    if (queueMoved) this.scanSoon(hallId);
  }

  private later(work: Promise<unknown>): void {
    work.catch((err: unknown) => this.d.logger.warn({ err }, 'visit notification not queued'));
  }

  private async called(
    hallId: string,
    appointmentId: string,
    e: Extract<HallEvent, { type: 'ticket:called' }>,
  ): Promise<void> {
    await this.d.store.transaction(async (tx) => {
      const a = await tx.booking.getAppointment(appointmentId);
      if (a === undefined || a.hallId !== hallId) return;
      await this.d.booking.tell(tx, a, 'call', `call:${e.ticket.id}:${e.call.at}`, {
        number: e.ticket.number,
        window: e.call.windowNumber,
      });
    });
  }

  private scanSoon(hallId: string): void {
    if (this.pending.has(hallId)) return;
    this.pending.add(hallId);
    setTimeout(() => {
      this.pending.delete(hallId);
      this.later(this.soon(hallId));
    }, SETTLE_MS).unref();
  }

  /** Today's checked-in bookings still waiting: those with few enough ahead hear it once. */
  private async soon(hallId: string): Promise<void> {
    const hall = this.d.booking.hall(hallId);
    const ahead = hall.hall.rules.notifyAheadCount;
    const from = shanghaiInstant(serviceDayOf(this.d.clock.now()), '00:00');
    const booked = await this.d.store.read((tx) =>
      tx.listAppointments(hallId, from, from + 24 * 60 * MINUTE_MS),
    );
    for (const a of booked) {
      if (a.status !== 'checkedIn' || a.ticketId === null || a.phoneSealed === null) continue;
      const s = await this.d.service.publicStatus(a.ticketId);
      const n = s.position?.peopleAhead;
      if (n === undefined || n > ahead || (s.status !== 'waiting' && s.status !== 'transferred')) continue;
      await this.d.store.transaction((tx) =>
        this.d.booking.tell(tx, a, 'soon', `soon:${a.ticketId}`, { number: s.number, ahead: n }),
      );
    }
  }
}
