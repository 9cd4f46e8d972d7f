import {
  type HandleStats,
  handleEstimate,
  isAtWindow,
  isTerminal,
  type Matter,
  QueueIndex,
  type QueueStats,
  type ServiceDay,
  type Ticket,
  type TicketStatus,
  VisitDurations,
  WaitCalibration,
  type WaitOutcome,
  type Window,
  waitToCallMs,
} from '@onewindow/domain';
import type { Broadcast, HallEvent } from '@onewindow/protocol';
import type { HandleTotals } from '../store/types.js';
import { CallPace } from './pace.js';
import { RecentTickets } from './recent.js';

/** Statuses of a ticket whose call a board lists among the recent calls. */
export const CALL_SHOWN: readonly TicketStatus[] = ['called', 'serving', 'done', 'transferred', 'noShow'];
/** What a snapshot shows of the day's finished tickets and recent calls. */
export const RECENT_FINISHED = 20;
export const RECENT_CALLS = 10;

/**
 * One hall's working state in memory: today's queue (indexed the way dispatch reads it), the tickets at
 * windows, every window, today's handle times, the last half hour's calls and the few recent tickets a
 * snapshot shows. Loaded once from the store, then changed by the commands that change the store, so no
 * command reads or recomputes the whole queue. Changes made while a command runs are journalled and
 * undone if its transaction does not commit.
 */
export class LiveHall {
  /** The last event sequence this state includes. */
  seq = 0;
  broadcast: Broadcast | null = null;
  /** The last service day whose close has run (from the hall's row in the store). */
  closedDay: ServiceDay | null = null;
  readonly windows = new Map<string, Window>();
  readonly queue = new QueueIndex();
  readonly atWindow = new Map<string, Ticket>();
  readonly handle = new Map<string, HandleTotals>();
  readonly pace = new CallPace();
  readonly finished: RecentTickets;
  readonly called: RecentTickets;
  /** Set when something only a reload can bring (a configuration changed on another instance). */
  stale = false;
  /** Today's longest wait to a call (`waitToCallMs`), which dispatch's record guard reads. */
  longestWaitMs = 0;
  /** The hall's recent visit lengths per matter (past days too): how long a visit under way has left. */
  visits: VisitDurations = VisitDurations.NONE;
  /** What the hall has learned of its estimates today: corrected waits and calibrated ranges. */
  calibration: WaitCalibration = WaitCalibration.initial();
  /** The queue statistics last worked out (and sent to the screens). */
  stats: QueueStats | null = null;
  /** The `seq` the statistics were worked out at. */
  statsSeq = -1;
  private journal: (() => void)[] | null = null;

  constructor(
    readonly hallId: string,
    readonly day: ServiceDay,
    /** The configuration version this state was built with. */
    readonly version: number,
  ) {
    const today = (t: Ticket, at: number | null) => (t.serviceDay === day ? at : null);
    this.finished = new RecentTickets(
      (t) => today(t, isTerminal(t) ? t.finishedAt : null),
      RECENT_FINISHED + 16,
    );
    this.called = new RecentTickets(
      (t) => today(t, CALL_SHOWN.includes(t.status) ? t.calledAt : null),
      RECENT_CALLS + 48,
    );
  }

  /** Starts journalling one command's changes: they can be undone until its work is done. */
  begin(): void {
    this.journal = [];
  }

  /**
   * The command's work is done: its changes stand. (If the store then fails to commit them, the whole
   * state is dropped and loaded again; nothing is undone piecemeal.)
   */
  done(): void {
    this.journal = null;
  }

  rollback(): void {
    const undo = this.journal ?? [];
    this.journal = null;
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
  }

  private record(undo: () => void): void {
    this.journal?.push(undo);
  }

  /** A ticket of today the state holds: queued or at a window. */
  ticket(id: string): Ticket | undefined {
    return this.queue.get(id) ?? this.atWindow.get(id);
  }

  queued(): Ticket[] {
    return this.queue.all();
  }

  /** Puts a ticket's new version everywhere it counts. */
  putTicket(t: Ticket): void {
    const prevQueued = this.queue.get(t.id);
    const prevAt = this.atWindow.get(t.id);
    const today = t.serviceDay === this.day;
    if (today) this.queue.add(t);
    else this.queue.remove(t.id);
    if (today && isAtWindow(t)) this.atWindow.set(t.id, t);
    else this.atWindow.delete(t.id);
    this.record(() => {
      if (prevQueued !== undefined) this.queue.add(prevQueued);
      else this.queue.remove(t.id);
      if (prevAt !== undefined) this.atWindow.set(t.id, prevAt);
      else this.atWindow.delete(t.id);
    });
    // A visit finishes once, from a window: its handle time joins the day's figures.
    if (today && t.status === 'done' && prevAt !== undefined && t.finishedAt !== null) {
      const before = this.handle.get(t.matterId);
      const since = t.startedAt ?? t.calledAt;
      if (since !== null) {
        this.handle.set(t.matterId, {
          count: (before?.count ?? 0) + 1,
          totalMs: (before?.totalMs ?? 0) + (t.finishedAt - since),
        });
        this.record(() => {
          if (before === undefined) this.handle.delete(t.matterId);
          else this.handle.set(t.matterId, before);
        });
        this.learnVisits(this.visits.add(t.matterId, visitMinutes(t)));
      }
    }
    // A resident who left unserved (cancelled while queued, or 过号 when called): the hall's attrition.
    const was = prevQueued !== undefined ? 'queued' : prevAt !== undefined ? 'atWindow' : undefined;
    const dropped = today ? droppedAfterMin(t, was) : undefined;
    if (dropped !== undefined) {
      const before = this.calibration;
      this.calibration = before.observeDrop(dropped);
      this.record(() => {
        this.calibration = before;
      });
    }
    // A first call: the ticket's actual wait joins what the hall learns its estimates from.
    const outcome = today && prevQueued?.calledAt === null ? waitOutcome(t) : undefined;
    if (outcome !== undefined) {
      const before = this.calibration;
      this.calibration = before.observe(outcome);
      this.record(() => {
        this.calibration = before;
      });
    }
    const waited = today ? waitToCallMs(t) : null;
    if (waited !== null && waited > this.longestWaitMs) {
      const before = this.longestWaitMs;
      this.longestWaitMs = waited;
      this.record(() => {
        this.longestWaitMs = before;
      });
    }
    this.record(this.finished.put(t));
    this.record(this.called.put(t));
    this.record(this.pace.put(t));
  }

  private learnVisits(next: VisitDurations): void {
    const before = this.visits;
    this.visits = next;
    this.record(() => {
      this.visits = before;
    });
  }

  putWindow(w: Window): void {
    const before = this.windows.get(w.id);
    this.windows.set(w.id, w);
    this.record(() => {
      if (before === undefined) this.windows.delete(w.id);
      else this.windows.set(w.id, before);
    });
  }

  setSeq(seq: number): void {
    const before = this.seq;
    this.seq = seq;
    this.record(() => {
      this.seq = before;
    });
  }

  setClosedDay(day: ServiceDay): void {
    const before = this.closedDay;
    this.closedDay = day;
    this.record(() => {
      this.closedDay = before;
    });
  }

  setBroadcast(b: Broadcast | null): void {
    const before = this.broadcast;
    this.broadcast = b;
    this.record(() => {
      this.broadcast = before;
    });
  }

  /** Applies an event another server instance wrote: the way this state catches up with the store. */
  applyEvent(e: HallEvent): void {
    switch (e.type) {
      case 'ticket:issued':
      case 'ticket:updated':
      case 'ticket:called':
        this.putTicket(e.ticket);
        break;
      case 'window:updated':
        this.putWindow(e.window);
        break;
      case 'hall:broadcast':
        this.setBroadcast(e.broadcast);
        break;
      case 'hall:configured':
        this.stale = true;
        break;
      case 'queue:stats':
        break;
    }
    this.setSeq(e.seq);
  }

  /** Today's handle time per matter: each matter's default pulled towards the day's observations. */
  handleMin(matters: ReadonlyMap<string, Matter>): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of matters.values()) out.set(m.id, handleEstimate(m.avgHandleMin, this.handleStats(m.id)));
    return out;
  }

  handleStats(matterId: string): HandleStats | undefined {
    const h = this.handle.get(matterId);
    return h === undefined || h.count === 0
      ? undefined
      : { count: h.count, meanMin: h.totalMs / h.count / 60_000 };
  }
}

/** A finished visit's length in minutes, from its start (or call) to its end, as the handle times count it. */
function visitMinutes(t: Pick<Ticket, 'startedAt' | 'calledAt' | 'finishedAt'>): number {
  const since = t.startedAt ?? t.calledAt;
  return since === null || t.finishedAt === null ? Number.NaN : (t.finishedAt - since) / 60_000;
}

/**
 * Minutes a ticket had waited when it went unserved (undefined: it did not): cancelled from the queue
 * (the resident left) or 过号 at its call (the resident had gone), each counted once, at the change.
 */
export function droppedAfterMin(t: Ticket, was: 'queued' | 'atWindow' | undefined): number | undefined {
  if (t.status === 'cancelled' && was === 'queued' && t.calledAt === null)
    return Math.max(0, (t.finishedAt ?? t.issuedAt) - t.issuedAt) / 60_000;
  if (t.status === 'noShow' && was === 'atWindow') return (waitToCallMs(t) ?? 0) / 60_000;
  return undefined;
}

/** A called ticket's estimate against its wait to the call, when it was told one. */
export function waitOutcome(t: Ticket): WaitOutcome | undefined {
  const waited = waitToCallMs(t);
  if (waited === null || t.estimateBaseMin === null || t.estimatedWaitMin === null) return undefined;
  return {
    matterId: t.matterId,
    baseMin: t.estimateBaseMin,
    toldMin: t.estimatedWaitMin,
    fromMin: t.waitFromMin,
    toMin: t.waitToMin,
    actualMin: waited / 60_000,
  };
}
