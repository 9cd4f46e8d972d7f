import { Id, ServiceDay, shanghaiInstant } from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Accounts, actorOf } from './admin/accounts.js';
import type { ConfigService } from './admin/config-service.js';
import type { Logger } from './deps.js';
import { CommandError, notFound } from './errors.js';
import { hallParam, personOf } from './http/auth.js';
import type { BookingRouteDeps } from './http/booking-routes.js';
import { idParam } from './http/params.js';
import { bodyOf, ok } from './http/reply.js';
import { PhoneWatch } from './live/phone-watch.js';
import { DEFAULT_MESSAGES, type MessageTemplates } from './notifications/messages.js';
import { Outbox } from './notifications/outbox.js';
import { VisitWatch } from './notifications/visit-watch.js';
import type { Notifier } from './notify.js';
import type { Limiter, ServerLimits } from './rate-limit.js';
import { Booking, type BookingDeps } from './service/booking.js';
import type { HallService } from './service.js';
import type { HallIo } from './sockets.js';

export interface ResidentDeps extends Omit<BookingDeps, 'outbox' | 'messages'> {
  notifier: Notifier;
  messages?: MessageTemplates;
  logger: Logger;
  service: HallService;
  accounts: Accounts;
  config: ConfigService;
  limits: ServerLimits;
  limiter: (name: string, rate: ServerLimits['commandsPerDevice']) => Limiter;
  allowedOrigins: readonly string[];
  /** Several instances: only the lease holder sends messages. */
  lease?: () => Promise<boolean>;
  /** How often due messages are sent (0: only when a test drains the outbox). */
  notifyIntervalMs: number;
}

const Pickup = z.strictObject({ windowId: Id });

/**
 * What residents use from their phones: booking, the live ticket page with its rating, and the
 * messages that tell them about both. One piece of the composition root (app.ts); its routes are the
 * booking plugins (http/booking-routes.ts), the ticket page (http/hall-pages.ts) and the console's lists.
 */
export class Residents {
  readonly booking: Booking;
  readonly outbox: Outbox;
  readonly phones: PhoneWatch;
  private readonly visits: VisitWatch;

  constructor(private readonly d: ResidentDeps) {
    this.outbox = new Outbox({
      ...d,
      hallName: (hallId) => (d.halls.has(hallId) ? d.halls.get(hallId).hall.name : hallId),
      ...(d.lease === undefined ? {} : { lease: d.lease }),
    });
    this.booking = new Booking({ ...d, outbox: this.outbox, messages: d.messages ?? DEFAULT_MESSAGES });
    this.visits = new VisitWatch({ ...d, booking: this.booking });
    this.phones = new PhoneWatch({
      ...d,
      limiter: d.limiter('phone-watchers', d.limits.phoneWatchersPerAddress),
    });
  }

  /** What the booking API and pages need: the operations and the per-address limits on them. */
  bookingRoutes(): BookingRouteDeps {
    return {
      booking: this.booking,
      bookings: this.d.limiter('bookings', this.d.limits.bookingsPerAddress),
      lookups: this.d.limiter('booking-lookups', this.d.limits.bookingLookupsPerAddress),
    };
  }

  /** The console's view of bookings and messages, registered inside the console API (prefix /api/admin). */
  registerConsoleRoutes(http: FastifyInstance): void {
    const d = this.d;
    const dayOf = (req: FastifyRequest) => {
      const r = ServiceDay.safeParse((req.query as { day?: unknown }).day);
      if (!r.success) throw new CommandError('VALIDATION_FAILED', 'query parameter day must be YYYY-MM-DD');
      return r.data;
    };
    const day = (req: FastifyRequest) => shanghaiInstant(dayOf(req), '00:00');
    // The day's bookings, masked, for the people who run the hall.
    http.get('/halls/:hallId/appointments', { config: { access: 'hallRead' } }, async (req) => {
      const hallId = hallParam(req);
      return ok(await d.service.listAppointments(hallId, dayOf(req)));
    });
    // What went out to residents that day: kind, text, delivery; never to whom.
    http.get('/halls/:hallId/notifications', { config: { access: 'hallRead' } }, async (req) => {
      const hallId = hallParam(req);
      const from = day(req);
      const rows = await d.store.read((tx) => tx.booking.listNotifications(hallId, from, from + 86_400_000));
      return ok(rows.map(({ phoneSealed: _p, ...n }) => n));
    });
    // 统一出件: the result of a booked visit is ready; its resident hears where to collect it.
    http.post('/halls/:hallId/appointments/:id/pickup', { config: { access: 'hallWrite' } }, async (req) => {
      const p = personOf(req);
      const hallId = hallParam(req);
      const { windowId } = bodyOf(Pickup, req);
      const w = d.halls.get(hallId).windowDefs.get(windowId);
      if (w === undefined) throw notFound('window', windowId);
      const queued = await this.booking.pickup(
        hallId,
        idParam(req),
        `${w.number} 号窗口（${w.name}）`,
        (tx) =>
          d.config.audit(tx, actorOf(p), hallId, 'appointment.pickup', `appointment:${idParam(req)}`, null, {
            windowId,
          }),
      );
      return ok({ queued });
    });
  }

  attach(io: HallIo): void {
    this.phones.attach(io);
    this.outbox.start(this.d.notifyIntervalMs);
  }

  /** Events this instance committed: booked residents may have a message coming. */
  published(hallId: string, events: readonly HallEvent[]): void {
    this.visits.published(hallId, events);
  }

  /** Any event of a hall this instance learned of: phones following its tickets are told. */
  changed(hallId: string): void {
    this.phones.changed(hallId);
  }

  /** The timers' work: bookings past their check-in become missed. */
  async tick(): Promise<void> {
    for (const hallId of this.d.halls.ids()) await this.booking.markMissed(hallId);
  }

  close(): Promise<void> {
    return this.outbox.stop();
  }
}
