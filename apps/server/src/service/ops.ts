import {
  AT_WINDOW_STATUSES,
  applyTicketAction,
  applyWindowAction,
  assertAtWindow,
  DEFAULT_PACE_WEIGHT,
  handleEstimate,
  type InService,
  isAtWindow,
  isQueued,
  PACE_WINDOW_MIN,
  QUEUED_STATUSES,
  QueueIndex,
  type QueueStats,
  type QueueView,
  queueStats,
  type Ticket,
  type TicketAction,
  type Window,
  type WindowAction,
  withBackupSkills,
} from '@onewindow/domain';
import type {
  CallRecord,
  CommandResult,
  DeviceIdentity,
  PendingEvent,
  TicketChange,
} from '@onewindow/protocol';
import { notFound } from '../errors.js';
import { type HallRuntime, windowRuntimeOf } from '../hall-runtime.js';
import type { StoreTx } from '../store/types.js';
import type { ServiceDeps } from './deps.js';

/** One command's view of its hall inside its transaction; what it reads is read once and kept current. */
export interface Ctx {
  tx: StoreTx;
  hall: HallRuntime;
  now: number;
  day: string;
  device: DeviceIdentity;
  events: PendingEvent[];
  /** Today's queue and the windows, read once per command and kept current by its own writes. */
  queue?: Map<string, Ticket>;
  windowStates?: Map<string, Window>;
  atWindow?: Map<string, Ticket>;
  handle?: Map<string, number>;
  pace?: Map<string, number>;
  index?: QueueIndex;
}

/**
 * The building blocks every command handler uses: reading and saving windows and tickets inside the
 * command's transaction, the dispatch decision, calls and their events.
 */
export class HallOps {
  constructor(readonly deps: ServiceDeps) {}

  async windows(ctx: Ctx): Promise<Window[]> {
    ctx.windowStates ??= new Map(
      ctx.hall.mergeWindows(await ctx.tx.listWindowStates(ctx.hall.id), ctx.now).map((w) => [w.id, w]),
    );
    return [...ctx.windowStates.values()];
  }

  async window(ctx: Ctx, windowId: string): Promise<Window> {
    const w = (await this.windows(ctx)).find((x) => x.id === windowId);
    if (w === undefined) throw notFound('window', windowId);
    return w;
  }

  async saveWindow(ctx: Ctx, window: Window): Promise<Window> {
    await ctx.tx.saveWindowState(windowRuntimeOf(window));
    ctx.windowStates?.set(window.id, window);
    ctx.events.push({ type: 'window:updated', hallId: ctx.hall.id, at: ctx.now, window });
    return window;
  }

  async changeWindow(ctx: Ctx, windowId: string, action: WindowAction): Promise<Window> {
    return this.saveWindow(ctx, applyWindowAction(await this.window(ctx, windowId), action));
  }

  async ticket(ctx: Ctx, ticketId: string): Promise<Ticket> {
    const t = await ctx.tx.getTicket(ticketId);
    if (t === undefined || t.hallId !== ctx.hall.id) throw notFound('ticket', ticketId);
    return publicTicket(t);
  }

  async atWindow(ctx: Ctx, windowId: string, ticketId: string): Promise<{ window: Window; ticket: Ticket }> {
    const window = await this.window(ctx, windowId);
    const ticket = await this.ticket(ctx, ticketId);
    assertAtWindow(ticket, window.id);
    return { window, ticket };
  }

  async queued(ctx: Ctx): Promise<Ticket[]> {
    if (ctx.queue === undefined) {
      const rows = await ctx.tx.listTickets(ctx.hall.id, { serviceDay: ctx.day, statuses: QUEUED_STATUSES });
      ctx.queue = new Map(rows.map((r) => [r.id, publicTicket(r)]));
    }
    return [...ctx.queue.values()];
  }

  async saveTicket(ctx: Ctx, ticket: Ticket): Promise<void> {
    await ctx.tx.updateTicket(ticket);
    if (isQueued(ticket) && ticket.serviceDay === ctx.day) {
      ctx.queue?.set(ticket.id, ticket);
      ctx.index?.add(ticket);
    } else {
      ctx.queue?.delete(ticket.id);
      ctx.index?.remove(ticket.id);
    }
    if (isAtWindow(ticket)) ctx.atWindow?.set(ticket.id, ticket);
    else ctx.atWindow?.delete(ticket.id);
  }

  /** Windows with the skills they have right now: AB岗 backups cover absent colleagues' matters. */
  async effectiveWindows(ctx: Ctx): Promise<Window[]> {
    return withBackupSkills(await this.windows(ctx), ctx.hall.staff);
  }

  async view(ctx: Ctx): Promise<QueueView> {
    const windows = await this.effectiveWindows(ctx);
    const atWindow = await this.atWindowTickets(ctx);
    const inService = new Map<string, InService>();
    for (const w of windows) {
      const t = w.currentTicketId === null ? undefined : atWindow.get(w.currentTicketId);
      if (t !== undefined)
        inService.set(w.id, { matterId: t.matterId, since: t.startedAt ?? t.calledAt ?? ctx.now });
    }
    return {
      tickets: await this.queued(ctx),
      windows,
      matters: ctx.hall.matters,
      handleMin: await this.handleMin(ctx),
      inService,
      now: ctx.now,
      callRatePerMin: await this.callRates(ctx),
      paceWeight: DEFAULT_PACE_WEIGHT,
    };
  }

  /** Today's handle time per matter: the configured default pulled towards what the day has shown. */
  async handleMin(ctx: Ctx): Promise<Map<string, number>> {
    if (ctx.handle === undefined) {
      const observed = await ctx.tx.handleStats(ctx.hall.id, ctx.day);
      ctx.handle = new Map(
        [...ctx.hall.matters.values()].map((m) => [m.id, handleEstimate(m.avgHandleMin, observed.get(m.id))]),
      );
    }
    return ctx.handle;
  }

  /** Calls per minute of each matter over the last half hour: how fast each queue really moves. */
  async callRates(ctx: Ctx): Promise<Map<string, number>> {
    if (ctx.pace === undefined) {
      const counts = await ctx.tx.callCounts(ctx.hall.id, ctx.now - PACE_WINDOW_MIN * 60_000);
      ctx.pace = new Map([...counts].map(([m, n]) => [m, n / PACE_WINDOW_MIN]));
    }
    return ctx.pace;
  }

  async atWindowTickets(ctx: Ctx): Promise<Map<string, Ticket>> {
    if (ctx.atWindow === undefined) {
      const rows = await ctx.tx.listTickets(ctx.hall.id, {
        serviceDay: ctx.day,
        statuses: AT_WINDOW_STATUSES,
      });
      ctx.atWindow = new Map(rows.map((r) => [r.id, publicTicket(r)]));
    }
    return ctx.atWindow;
  }

  /** The dispatch decision: the same policy function the simulator runs. */
  async pickNext(ctx: Ctx, window: Window): Promise<Ticket | undefined> {
    const tickets = await this.queued(ctx);
    ctx.index ??= new QueueIndex(tickets);
    const windows = await this.effectiveWindows(ctx);
    return this.deps.policy({
      window: windows.find((w) => w.id === window.id) ?? window,
      tickets,
      index: ctx.index,
      windows,
      matters: ctx.hall.matters,
      handleMin: await this.handleMin(ctx),
      now: ctx.now,
    });
  }

  async call(ctx: Ctx, window: Window, ticket: Ticket): Promise<{ ticket: Ticket; window: Window }> {
    const taken = applyWindowAction(window, { type: 'take', at: ctx.now, ticketId: ticket.id });
    const called = applyTicketAction(ticket, {
      type: 'call',
      at: ctx.now,
      windowId: window.id,
      staffId: window.staffId,
    });
    await this.saveTicket(ctx, called);
    await this.saveWindow(ctx, taken);
    this.pushCalled(ctx, called, taken, false);
    return { ticket: called, window: taken };
  }

  /** In auto-call mode an idle window calls its next ticket; returns what it called, if anything. */
  async autoCall(ctx: Ctx, window: Window): Promise<{ ticket: Ticket; window: Window } | undefined> {
    if (!window.autoCall || window.state !== 'open' || window.currentTicketId !== null) return undefined;
    const next = await this.pickNext(ctx, window);
    return next === undefined ? undefined : this.call(ctx, window, next);
  }

  /** The ticket leaves the window (finished, no-show, transferred); the window is free again. */
  async endAtWindow(
    ctx: Ctx,
    p: { windowId: string; ticketId: string },
    action: TicketAction,
    change: TicketChange,
  ): Promise<CommandResult<'ticket:finish'>> {
    const { window, ticket } = await this.atWindow(ctx, p.windowId, p.ticketId);
    const updated = applyTicketAction(ticket, action);
    await this.saveTicket(ctx, updated);
    return this.leave(ctx, window, updated, change);
  }

  async leave(
    ctx: Ctx,
    window: Window,
    ticket: Ticket,
    change: TicketChange,
  ): Promise<CommandResult<'ticket:finish'>> {
    this.pushTicket(ctx, ticket, change);
    const released = await this.saveWindow(ctx, applyWindowAction(window, { type: 'release', at: ctx.now }));
    const next = await this.autoCall(ctx, released);
    return { ticket, window: next?.window ?? released, next: next?.ticket ?? null };
  }

  pushTicket(ctx: Ctx, ticket: Ticket, change: TicketChange): void {
    ctx.events.push({ type: 'ticket:updated', hallId: ctx.hall.id, at: ctx.now, ticket, change });
  }

  pushCalled(ctx: Ctx, ticket: Ticket, window: Window, recall: boolean): void {
    ctx.events.push({
      type: 'ticket:called',
      hallId: ctx.hall.id,
      at: ctx.now,
      ticket,
      call: callRecord(ticket, window, recall),
    });
  }

  async currentStats(ctx: Ctx): Promise<QueueStats> {
    return queueStats(await this.view(ctx), ctx.now);
  }

  async statsEvent(ctx: Ctx): Promise<PendingEvent> {
    return {
      type: 'queue:stats',
      hallId: ctx.hall.id,
      at: ctx.now,
      stats: await this.currentStats(ctx),
    };
  }

  // ---- reads ----
}

/** Drops what only the store may know (the ID hash, the issuing device). */
export function publicTicket(
  t: Ticket & { residentIdHash?: string | null; deviceId?: string | null },
): Ticket {
  const { residentIdHash: _h, deviceId: _d, ...rest } = t;
  return rest;
}

export function callRecord(ticket: Ticket, window: Window, recall: boolean): CallRecord {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    windowId: window.id,
    windowNumber: window.number,
    at: ticket.calledAt ?? 0,
    recall,
  };
}

export type LeaveResult = CommandResult<'ticket:finish'>;
