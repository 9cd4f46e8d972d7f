import {
  applyWindowAction,
  autoCall,
  DEFAULT_PACE_WEIGHT,
  type DispatchPolicy,
  effectiveWindows,
  type HallState,
  type HallStep,
  type HolidayCalendar,
  handleEstimate,
  openIntervals,
  type QueueStats,
  type QueueView,
  queueStats,
  type SkillSet,
  servicesUnderWay,
  type Ticket,
  type Window,
  type WindowAction,
} from '@onewindow/domain';
import type {
  CallRecord,
  DeviceIdentity,
  DispatchFigures,
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

  async insertTicket(ctx: Ctx, ticket: StoredTicket): Promise<void> {
    await ctx.tx.insertTicket(ticket);
    ctx.live.putTicket(publicTicket(ticket));
  }

  async saveTicket(ctx: Ctx, ticket: Ticket): Promise<void> {
    await ctx.tx.updateTicket(ticket);
    ctx.live.putTicket(ticket);
  }

  /** The hall as its steps read it (packages/domain hall): the live state itself, so use it at once. */
  hall(ctx: Ctx): HallState {
    return {
      windows: this.windows(ctx),
      staff: ctx.hall.staff,
      matters: ctx.hall.matters,
      queue: ctx.live.queue,
      policy: this.deps.policy,
      handleMin: ctx.live.handleMin(ctx.hall.matters),
      longestWaitMs: ctx.live.longestWaitMs,
      inService: servicesUnderWay(this.windows(ctx), (id) => ctx.live.atWindow.get(id), ctx.now),
      maxRecalls: ctx.hall.hall.rules.maxRecalls,
      now: ctx.now,
    };
  }

  /** Saves and announces what a hall step changed, in the order it changed it. */
  async apply(ctx: Ctx, step: HallStep): Promise<HallStep> {
    for (const e of step.effects) {
      switch (e.kind) {
        case 'ticket':
          await this.saveTicket(ctx, e.ticket);
          break;
        case 'window':
          await this.saveWindow(ctx, e.window);
          break;
        case 'changed':
          this.pushTicket(ctx, e.ticket, e.change);
          break;
        case 'called':
          this.pushCalled(ctx, e.ticket, e.window, e.recall);
          break;
      }
    }
    return step;
  }

  /** Windows with the skills they have right now: AB岗 backups cover absent colleagues' matters. */
  effectiveWindows(ctx: Ctx): Window[] {
    return effectiveWindows({ windows: this.windows(ctx), staff: ctx.hall.staff });
  }

  view(ctx: Ctx): QueueView {
    return liveView(ctx.live, ctx.hall, ctx.now, this.deps.policy, this.deps.calendar);
  }

  /** In auto-call mode an idle window calls its next ticket; returns the window as it is after. */
  async autoCall(ctx: Ctx, window: Window): Promise<Window> {
    const step = autoCall(this.hall(ctx), window);
    return step === undefined ? window : (await this.apply(ctx, step)).window;
  }

  pushTicket(ctx: Ctx, ticket: Ticket, change: TicketChange): void {
    const matter = ctx.hall.matters.get(ticket.matterId);
    const handleMin =
      change === 'finished' && matter !== undefined
        ? handleEstimate(matter.avgHandleMin, ctx.live.handleStats(matter.id))
        : undefined;
    ctx.events.push({
      type: 'ticket:updated',
      hallId: ctx.hall.id,
      at: ctx.now,
      ticket,
      change,
      ...(handleMin === undefined ? {} : { handleMin }),
    });
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
export function liveView(
  live: LiveHall,
  hall: HallRuntime,
  now: number,
  policy: DispatchPolicy,
  calendar: HolidayCalendar,
): QueueView {
  const windows = effectiveWindows({ windows: [...live.windows.values()], staff: hall.staff });
  const inService = servicesUnderWay(windows, (id) => live.atWindow.get(id), now);
  return {
    tickets: live.queue.unordered(),
    allQueued: true,
    index: live.queue,
    windows,
    matters: hall.matters,
    handleMin: live.handleMin(hall.matters),
    inService,
    visits: live.visits,
    now,
    callRatePerMin: live.pace.rates(now),
    paceWeight: DEFAULT_PACE_WEIGHT,
    calibration: live.calibration,
    policy,
    longestWaitMs: live.longestWaitMs,
    // Windows without planned hours of their own keep the hall's: a lunch break of the whole hall counts.
    hallHours: openIntervals(hall.hall.hours, live.day, calendar),
  };
}

/**
 * The hall's queue statistics as of its current `seq`: as the screens last heard them when nothing has
 * changed since (a fresh screen and a running one show the same figures), else worked out now. A
 * snapshot must never carry figures older than its events: a screen that resyncs may already have
 * heard newer ones, and would go back to the old figures until the next statistics message.
 */
export function liveStats(
  live: LiveHall,
  hall: HallRuntime,
  now: number,
  policy: DispatchPolicy,
  calendar: HolidayCalendar,
): QueueStats {
  if (live.stats === null || live.statsSeq !== live.seq) {
    live.stats = queueStats(liveView(live, hall, now, policy, calendar), now);
    live.statsSeq = live.seq;
  }
  return live.stats;
}

/** What the dispatch rule weighs besides queue and windows, for window clients to list calls in order. */
export function dispatchFigures(live: LiveHall, hall: HallRuntime): DispatchFigures {
  return {
    handleMin: Object.fromEntries(live.handleMin(hall.matters)),
    longestWaitMs: live.longestWaitMs,
  };
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
