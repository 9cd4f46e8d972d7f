import {
  type Category,
  type Hall,
  type QueueStats,
  type Ticket,
  type Window,
  waitToCallMs,
} from '@onewindow/domain';
import type {
  Broadcast,
  CallRecord,
  DeviceIdentity,
  DispatchFigures,
  HallEvent,
  HallEventBatch,
  HallSnapshot,
  MatterSummary,
  StaffCard,
  StaffLinks,
} from '@onewindow/protocol';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

/** What every screen renders; only the server's snapshot and events ever change it. */
export interface HallClientState {
  connection: ConnectionState;
  lastError: string | null;
  /** Why the server refused this screen: its device was revoked, its token is unknown, no session. */
  authFailure: 'revoked' | 'unknown' | 'session' | null;
  /** True once a snapshot arrived; events before it are ignored. */
  synced: boolean;
  seq: number;
  serviceDay: string | null;
  hall: Hall | null;
  categories: Category[];
  matters: MatterSummary[];
  you: DeviceIdentity | null;
  tickets: Record<string, Ticket>;
  windows: Record<string, Window>;
  /** Clerks by id, as screens name them (亮牌上岗). */
  staff: Record<string, StaffCard>;
  /** AB岗 links, so the window client sees which windows cover which right now. */
  cover: StaffLinks[];
  /** What the dispatch rule weighs besides queue and windows (from the snapshot and statistics). */
  dispatch: DispatchFigures | null;
  stats: QueueStats | null;
  recentCalls: CallRecord[];
  lastCall: CallRecord | null;
  /** A line from the console that every display shows, until it ends. */
  broadcast: Broadcast | null;
  configVersion: number;
  /** Today's opening intervals, as the server works them out (holidays, 调休, special dates). */
  openToday: { open: string; close: string }[];
  /** How many times a gap in the sequence forced a fresh snapshot. */
  resyncs: number;
}

export const initialState = (): HallClientState => ({
  connection: 'connecting',
  lastError: null,
  authFailure: null,
  synced: false,
  seq: 0,
  serviceDay: null,
  hall: null,
  categories: [],
  matters: [],
  you: null,
  tickets: {},
  windows: {},
  staff: {},
  cover: [],
  dispatch: null,
  stats: null,
  recentCalls: [],
  lastCall: null,
  broadcast: null,
  configVersion: 0,
  openToday: [],
  resyncs: 0,
});

const RECENT_CALLS = 10;
/** Finished tickets kept for screens; older ones are dropped so a screen running all day stays small. */
const FINISHED_KEPT = 50;

export function applySnapshot(state: HallClientState, s: HallSnapshot): HallClientState {
  return {
    ...state,
    synced: true,
    seq: s.seq,
    serviceDay: s.serviceDay,
    hall: s.hall,
    categories: s.categories,
    matters: s.matters,
    you: s.you,
    tickets: Object.fromEntries(s.tickets.map((t) => [t.id, t])),
    windows: Object.fromEntries(s.windows.map((w) => [w.id, w])),
    staff: Object.fromEntries(s.staff.map((p) => [p.id, p])),
    cover: s.cover,
    dispatch: s.dispatch,
    stats: s.stats,
    recentCalls: s.recentCalls,
    lastCall: s.recentCalls[0] ?? null,
    broadcast: s.broadcast,
    configVersion: s.configVersion,
    openToday: s.openToday,
  };
}

export type EventOutcome = 'applied' | 'stale' | 'gap' | 'unsynced';

/** Where an event stands against the state: next in line, already seen, or after a gap. */
export function classifyEvent(state: HallClientState, e: Pick<HallEvent, 'seq'>): EventOutcome {
  if (!state.synced) return 'unsynced';
  if (e.seq <= state.seq) return 'stale';
  if (e.seq > state.seq + 1) return 'gap';
  return 'applied';
}

/**
 * Where a batch stands: it applies when the state is at a seq from `prev` (where this screen's last
 * batch ended) up to before `last`; a state behind `prev` missed a batch.
 */
export function classifyBatch(
  state: HallClientState,
  b: Pick<HallEventBatch, 'prev' | 'last'>,
): EventOutcome {
  if (!state.synced) return 'unsynced';
  if (b.last <= state.seq) return 'stale';
  if (b.prev > state.seq) return 'gap';
  return 'applied';
}

/** Applies a batch the caller has checked with classifyBatch: the events after the state's seq, then `last`. */
export function applyBatch(state: HallClientState, b: HallEventBatch): HallClientState {
  let next = state;
  for (const e of b.events) if (e.seq > state.seq) next = applyEvent(next, e);
  return { ...next, seq: b.last };
}

/** Applies the next event in sequence (the caller has checked it with classifyEvent). */
export function applyEvent(state: HallClientState, e: HallEvent): HallClientState {
  const next = { ...state, seq: e.seq };
  switch (e.type) {
    case 'ticket:issued':
      return { ...next, tickets: withTicket(state.tickets, e.ticket) };
    case 'ticket:updated': {
      const dispatch =
        e.handleMin === undefined || state.dispatch === null
          ? state.dispatch
          : {
              ...state.dispatch,
              handleMin: { ...state.dispatch.handleMin, [e.ticket.matterId]: e.handleMin },
            };
      return { ...next, tickets: withTicket(state.tickets, e.ticket), dispatch };
    }
    case 'ticket:called': {
      const recentCalls = [e.call, ...state.recentCalls].slice(0, RECENT_CALLS);
      // The day's longest wait to a call, kept as the server keeps it (the record guard weighs it).
      const waited = waitToCallMs(e.ticket) ?? 0;
      const dispatch =
        state.dispatch === null || waited <= state.dispatch.longestWaitMs
          ? state.dispatch
          : { ...state.dispatch, longestWaitMs: waited };
      return {
        ...next,
        tickets: withTicket(state.tickets, e.ticket),
        recentCalls,
        lastCall: e.call,
        dispatch,
      };
    }
    case 'window:updated':
      return { ...next, windows: { ...state.windows, [e.window.id]: e.window } };
    case 'queue:stats':
      return { ...next, stats: e.stats };
    case 'hall:broadcast':
      return { ...next, broadcast: e.broadcast };
    case 'hall:configured':
      // The snapshot that follows (the client asks for it) brings the new matters and windows.
      return { ...next, configVersion: e.version };
  }
}

const FINISHED = new Set(['done', 'noShow', 'cancelled', 'expired']);

function withTicket(tickets: Record<string, Ticket>, ticket: Ticket): Record<string, Ticket> {
  const out = { ...tickets, [ticket.id]: ticket };
  const finished = Object.values(out).filter((t) => FINISHED.has(t.status));
  if (finished.length > FINISHED_KEPT) {
    finished.sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    for (const t of finished.slice(0, finished.length - FINISHED_KEPT)) delete out[t.id];
  }
  return out;
}
