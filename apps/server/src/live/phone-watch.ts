import { fail, type Locale, PhoneSubscribe, type PhoneTicketUpdate } from '@onewindow/protocol';
import type { Socket } from 'socket.io';
import type { Logger } from '../deps.js';
import { CommandError } from '../errors.js';
import { type HallIo, originAllowed } from '../io.js';
import { ticketSection } from '../pages/phone.js';
import type { Limiter } from '../rate-limit.js';
import type { TicketStatusView } from '../service/reads.js';
import type { HallStore } from '../store/types.js';

/** Phones following one ticket at a time (a family sharing the link), beyond which one is refused. */
const PER_TICKET = 5;
/** Hall events are gathered this long before the phones of the hall are told: one update per burst. */
const SETTLE_MS = 40;

interface Watcher {
  ticketId: string;
  hallId: string;
  locale: Locale;
  /** The last update sent, to send only changes. */
  last: string;
}

type AnySocket = Socket;

/** What the phone page reads of the hall service: where a ticket is and how it stands. */
export interface TicketReads {
  ticketOf(ticketId: string): Promise<{ hallId: string }>;
  publicStatus(ticketId: string): Promise<TicketStatusView>;
}

export interface PhoneWatchDeps {
  service: TicketReads;
  store: HallStore;
  logger: Logger;
  /** New phone connections per address. */
  limiter: Limiter;
  allowedOrigins: readonly string[];
}

/**
 * The live phone page's subscription: the `/phone` namespace. A phone names one ticket when it
 * connects and hears only that ticket's state, as the page shows it; it can send nothing (every
 * message is refused), so it reads no other ticket and nothing of the hall. Updates follow every
 * hall event this instance learns of, its own and other instances'.
 */
export class PhoneWatch {
  private readonly byHall = new Map<string, Map<AnySocket, Watcher>>();
  private readonly bySocket = new Map<AnySocket, Watcher>();
  private readonly perTicket = new Map<string, number>();
  private readonly pending = new Set<string>();

  constructor(private readonly d: PhoneWatchDeps) {}

  attach(io: HallIo): void {
    const nsp = io.of('/phone');
    nsp.use((socket, next) => {
      void this.admit(socket).then(
        () => next(),
        (e: unknown) => {
          const err = new Error('refused') as Error & { data: unknown };
          err.data =
            e instanceof CommandError
              ? {
                  code: e.code,
                  message: e.message,
                  ...(e.details === undefined ? {} : { details: e.details }),
                }
              : { code: 'INTERNAL', message: 'could not follow this ticket' };
          next(err);
        },
      );
    });
    nsp.on('connection', (socket) => {
      // Anything a phone sends is refused: this connection only listens.
      socket.use((packet, _next) => {
        const ack = (packet as unknown[]).at(-1);
        if (typeof ack === 'function')
          ack(fail('FORBIDDEN', 'a phone connection only listens to its ticket'));
      });
      socket.once('disconnect', () => this.leave(socket));
      void this.push(socket);
    });
  }

  /** A hall's state changed: its phones are told after a short settle. */
  changed(hallId: string): void {
    const phones = this.byHall.get(hallId);
    if (phones === undefined || phones.size === 0 || this.pending.has(hallId)) return;
    this.pending.add(hallId);
    setTimeout(() => {
      this.pending.delete(hallId);
      // One look per ticket and language however many phones follow it (a family shares a link).
      const round = new Map<string, Promise<PhoneTicketUpdate>>();
      for (const socket of phones.keys()) void this.push(socket, round);
    }, SETTLE_MS).unref();
  }

  private async admit(socket: AnySocket): Promise<void> {
    const address = socket.handshake.address;
    const wait = await this.d.limiter.take(address);
    if (wait > 0)
      throw new CommandError('RATE_LIMITED', 'too many phone connections from this address', {
        retryAfterMs: wait,
      });
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && !originAllowed(origin, socket.handshake.headers.host, this.d.allowedOrigins))
      throw new CommandError('FORBIDDEN', 'connections from other sites are not accepted');
    const auth = socket.handshake.auth as { ticketId?: unknown; lang?: unknown };
    const parsed = PhoneSubscribe.safeParse({ ticketId: auth.ticketId });
    if (!parsed.success) throw new CommandError('VALIDATION_FAILED', 'name one ticket id to follow');
    const { ticketId } = parsed.data;
    const { hallId } = await this.d.service.ticketOf(ticketId);
    const open = this.perTicket.get(ticketId) ?? 0;
    if (open >= PER_TICKET)
      throw new CommandError('RATE_LIMITED', 'this ticket is followed by enough phones');
    this.perTicket.set(ticketId, open + 1);
    const phones = this.byHall.get(hallId) ?? new Map<AnySocket, Watcher>();
    this.byHall.set(hallId, phones);
    const watcher: Watcher = { ticketId, hallId, locale: auth.lang === 'en' ? 'en' : 'zh-CN', last: '' };
    phones.set(socket, watcher);
    this.bySocket.set(socket, watcher);
  }

  private leave(socket: AnySocket): void {
    const w = this.bySocket.get(socket);
    if (w === undefined) return;
    this.bySocket.delete(socket);
    this.byHall.get(w.hallId)?.delete(socket);
    const n = (this.perTicket.get(w.ticketId) ?? 1) - 1;
    if (n <= 0) this.perTicket.delete(w.ticketId);
    else this.perTicket.set(w.ticketId, n);
  }

  private async push(socket: AnySocket, round?: Map<string, Promise<PhoneTicketUpdate>>): Promise<void> {
    const w = this.bySocket.get(socket);
    if (w === undefined) return;
    try {
      const key = `${w.ticketId}\u0000${w.locale}`;
      const looked = round?.get(key) ?? this.update(w.ticketId, w.locale);
      round?.set(key, looked);
      const update = await looked;
      const text = JSON.stringify(update);
      if (text === w.last || !socket.connected) return;
      w.last = text;
      socket.emit('ticket:status', update);
    } catch (e) {
      this.d.logger.warn({ err: e, ticketId: w.ticketId }, 'phone update failed');
    }
  }

  /** The ticket as its page shows it now, with the rating form once the visit is over. */
  async update(ticketId: string, locale: Locale): Promise<PhoneTicketUpdate> {
    const s = await this.d.service.publicStatus(ticketId);
    const rated =
      s.status === 'done' &&
      (await this.d.store.read((tx) => tx.getEvaluationByTicket(ticketId))) !== undefined;
    return {
      ticketId,
      status: s.status,
      peopleAhead: s.position?.peopleAhead ?? null,
      estimatedWaitMin: s.position?.estimatedWaitMin ?? null,
      window: s.window,
      html: ticketSection(s, locale, { ticketId, rated }),
    };
  }
}
