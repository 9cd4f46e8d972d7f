import {
  applyTicketAction,
  applyWindowAction,
  assertAtWindow,
  DEFAULT_PACE_WEIGHT,
  type InService,
  type QueueStats,
  type QueueView,
  queueStats,
  type SkillSet,
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
import type { LiveHall } from '../live/live-hall.js';
import { publicTicket } from '../live/public-ticket.js';
import type { StoredTicket, StoreTx } from '../store/types.js';
import type { ServiceDeps } from './deps.js';

/** One command's view of its hall inside its transaction: the hall's live state, which it keeps current. */
export interface Ctx {
  tx: StoreTx;
  hall: HallRuntime;
  live: LiveHall;
  now: number;
  day: string;
  device: DeviceIdentity;
  events: PendingEvent[];
}

/**
 * The building blocks every command handler uses: reading windows and tickets from the hall's live
 * state, saving them to the store and the live state together, the dispatch decision, calls and their
 * events. Nothing here reads the whole queue from the store.
 */
export class HallOps {
  constructor(readonly deps: ServiceDeps) {}

  windows(ctx: Ctx): Window[] {
    return [...ctx.live.windows.values()];
  }

  window(ctx: Ctx, windowId: string): Window {
    const w = ctx.live.windows.get(windowId);
    if (w === undefined) throw notFound('window', windowId);
    return w;
  }

  /** Saves a window's state; `skills` are today's adjusted skills when they change. */
  async saveWindow(
    ctx: Ctx,
    window: Window,
    skills?: { primary: SkillSet; secondary: SkillSet },
  ): Promise<Window> {
    await ctx.tx.saveWindowState(windowRuntimeOf(window, skills ?? null));
    ctx.live.putWindow(window);
    ctx.events.push({ type: 'window:updated', hallId: ctx.hall.id, at: ctx.now, window });
    return window;
  }

  async changeWindow(ctx: Ctx, windowId: string, action: WindowAction): Promise<Window> {
    return this.saveWindow(ctx, applyWindowAction(this.window(ctx, windowId), action));
  }

  /** A ticket of this hall: from the live state while it is active today, else from the store. */
  async ticket(ctx: Ctx, ticketId: string): Promise<Ticket> {
    const live = ctx.live.ticket(ticketId);
    if (live !== undefined) return live;
    const t = await ctx.tx.getTicket(ticketId);
    if (t === undefined || t.hallId !== ctx.hall.id) throw notFound('ticket', ticketId);
    return publicTicket(t);
  }

  async atWindow(ctx: Ctx, windowId: string, ticketId: string): Promise<{ window: Window; ticket: Ticket }> {
    const window = this.window(ctx, windowId);
    const ticket = await this.ticket(ctx, ticketId);
    assertAtWindow(ticket, window.id);
    return { window, ticket };
  }

  async insertTicket(ctx: Ctx, ticket: StoredTicket): Promise<void> {
    await ctx.tx.insertTicket(ticket);
    ctx.live.putTicket(publicTicket(ticket));
  }

  async saveTicket(ctx: Ctx, ticket: Ticket): Promise<void> {
    await ctx.tx.updateTicket(ticket);
    ctx.live.putTicket(ticket);
  }

  /** Windows with the skills they have right now: AB岗 backups cover absent colleagues' matters. */
  effectiveWindows(ctx: Ctx): Window[] {
    return withBackupSkills(this.windows(ctx), ctx.hall.staff);
  }

  view(ctx: Ctx): QueueView {
    return liveView(ctx.live, ctx.hall, ctx.now);
  }

  /** The dispatch decision: the same policy function the simulator runs. */
  pickNext(ctx: Ctx, window: Window): Ticket | undefined {
    const windows = this.effectiveWindows(ctx);
    return this.deps.policy({
      window: windows.find((w) => w.id === window.id) ?? window,
      tickets: ctx.live.queue.unordered(),
      index: ctx.live.queue,
      windows,
      matters: ctx.hall.matters,
      handleMin: ctx.live.handleMin(ctx.hall.matters),
      longestWaitMs: ctx.live.longestWaitMs,
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
    const next = this.pickNext(ctx, window);
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
}

/**
 * The queue as the estimates read it, from a hall's live state: the live queue and its index themselves,
 * so read it at once (the next command changes them).
 */
export function liveView(live: LiveHall, hall: HallRuntime, now: number): QueueView {
  const windows = withBackupSkills([...live.windows.values()], hall.staff);
  const inService = new Map<string, InService>();
  for (const w of windows) {
    const t = w.currentTicketId === null ? undefined : live.atWindow.get(w.currentTicketId);
    if (t !== undefined)
      inService.set(w.id, { matterId: t.matterId, since: t.startedAt ?? t.calledAt ?? now });
  }
  return {
    tickets: live.queue.unordered(),
    allQueued: true,
    index: live.queue,
    windows,
    matters: hall.matters,
    handleMin: live.handleMin(hall.matters),
    inService,
    now,
    callRatePerMin: live.pace.rates(now),
    paceWeight: DEFAULT_PACE_WEIGHT,
  };
}

/**
 * The hall's queue statistics as the screens last heard them (worked out now if never): a fresh
 * screen and a running one show the same figures until the next statistics message.
 */
export function liveStats(live: LiveHall, hall: HallRuntime, now: number): QueueStats {
  live.stats ??= queueStats(liveView(live, hall, now), now);
  return live.stats;
}

export { publicTicket };

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
