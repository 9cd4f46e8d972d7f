import type { PauseReason, PriorityClass, TicketStatus, WindowState } from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';

/** One visit as the event log tells it: when it was issued, first called, started and finished. */
export interface Visit {
  ticketId: string;
  hallId: string;
  serviceDay: string;
  number: string;
  /** The matter as issued (its target wait and told estimate belong to it). */
  issuedMatterId: string;
  /** The matter it ended with (after transfers): who served what. */
  matterId: string;
  priorityClass: PriorityClass;
  status: TicketStatus;
  issuedAt: number;
  firstCalledAt: number | null;
  /** From start (or the last call when never started) to finish, for finished visits. */
  handleMs: number | null;
  finishedAt: number | null;
  windowId: string | null;
  staffId: string | null;
  transfers: number;
  estimatedWaitMin: number | null;
}

/** A stretch of time a window spent in one state, with the clerk signed in at it. */
export interface WindowSpan {
  hallId: string;
  windowId: string;
  staffId: string | null;
  state: WindowState;
  pauseReason: PauseReason | null;
  from: number;
  to: number;
}

export interface Folded {
  visits: Visit[];
  spans: WindowSpan[];
}

/**
 * Reads a hall's event log (in `seq` order) into visits and window spans. Spans still running at
 * `until` (the end of the period, or now) end there; a window is taken as closed before its first
 * event of the period (day close closes every window at closing time).
 */
export function foldEvents(events: readonly HallEvent[], until: number): Folded {
  const visits = new Map<string, Visit>();
  const open = new Map<string, Omit<WindowSpan, 'to'>>();
  const spans: WindowSpan[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'ticket:issued':
      case 'ticket:updated':
      case 'ticket:called': {
        const t = e.ticket;
        const prev = visits.get(t.id);
        if (prev === undefined && e.type !== 'ticket:issued') break; // issued before the period
        const firstCall = prev?.firstCalledAt ?? (e.type === 'ticket:called' && !e.call.recall ? e.at : null);
        const handleFrom = t.startedAt ?? t.calledAt;
        visits.set(t.id, {
          ticketId: t.id,
          hallId: t.hallId,
          serviceDay: t.serviceDay,
          number: t.number,
          issuedMatterId: prev?.issuedMatterId ?? t.matterId,
          matterId: t.matterId,
          priorityClass: t.priorityClass,
          status: t.status,
          issuedAt: t.issuedAt,
          firstCalledAt: firstCall,
          handleMs:
            t.status === 'done' && t.finishedAt !== null && handleFrom !== null
              ? t.finishedAt - handleFrom
              : null,
          finishedAt: t.finishedAt,
          windowId: t.windowId,
          staffId: t.staffId,
          transfers:
            (prev?.transfers ?? 0) + (e.type === 'ticket:updated' && e.change === 'transferred' ? 1 : 0),
          // Events logged before estimates were kept have none.
          estimatedWaitMin: prev === undefined ? (t.estimatedWaitMin ?? null) : prev.estimatedWaitMin,
        });
        break;
      }
      case 'window:updated': {
        const w = e.window;
        const running = open.get(w.id);
        if (running !== undefined && e.at > running.from) spans.push({ ...running, to: e.at });
        open.set(w.id, {
          hallId: w.hallId,
          windowId: w.id,
          staffId: w.staffId,
          state: w.state,
          pauseReason: w.state === 'paused' ? w.pauseReason : null,
          from: e.at,
        });
        break;
      }
      default:
        break;
    }
  }
  for (const running of open.values()) if (until > running.from) spans.push({ ...running, to: until });
  return { visits: [...visits.values()], spans: spans.filter((s) => s.state !== 'closed') };
}

/** Milliseconds of a span inside [from, to). */
export const overlapMs = (s: Pick<WindowSpan, 'from' | 'to'>, from: number, to: number): number =>
  Math.max(0, Math.min(s.to, to) - Math.max(s.from, from));

/** The p-quantile (nearest rank) of values; null when there are none. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Every service day from one to another, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
