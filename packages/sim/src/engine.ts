import {
  addHandleObservation,
  applyTicketAction,
  applyWindowAction,
  type BalanceOptions,
  balancedPolicy,
  clockTimeToMinutes,
  DEFAULT_BALANCE,
  DEFAULT_PACE_WEIGHT,
  type DispatchPolicy,
  type HandleStats,
  handleEstimate,
  type InService,
  idleWindowOrder,
  initialWindow,
  type Matter,
  newTicket,
  priorityFifo,
  QueueIndex,
  queuePosition,
  recentRate,
  type Ticket,
  type Window,
} from '@onewindow/domain';
import type { Customer } from './customers.js';
import { Heap } from './heap.js';
import type { Scenario, ScenarioWindow } from './scenario.js';

export const POLICY_NAMES = ['dedicated', 'fifo', 'onewindow', 'pooled'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface CustomerOutcome {
  id: number;
  matterId: string;
  arrival: number;
  /** Minutes since midnight when called, or null when never served. */
  calledAt: number | null;
  /** What the resident was told at issuance, in minutes. */
  estimateMin: number | null;
  /** The simple predictor at issuance: people ahead × average handle time ÷ windows able to serve. */
  naiveEstimateMin: number | null;
  windowId: string | null;
}

export interface WindowOutcome {
  id: string;
  busyMin: number;
  openMin: number;
}

export interface DayResult {
  customers: CustomerOutcome[];
  windows: WindowOutcome[];
}

export interface SimOptions {
  /** Tuning of the OneWindow policy (defaults to the live server's). */
  balance?: BalanceOptions;
  /** Weight of the observed pace in wait estimates (defaults to the live server's). */
  paceWeight?: number;
}

/** Beijing midnight of an arbitrary Monday: simulated minutes become the epoch instants the domain uses. */
const BASE = Date.UTC(2026, 0, 5) - 8 * 3_600_000;
const MIN = 60_000;
const toMs = (min: number): number => Math.round(BASE + min * MIN);

export function scenarioMatters(scenario: Scenario): Map<string, Matter> {
  return new Map(
    scenario.matters.map((m) => [
      m.id,
      {
        id: m.id,
        code: m.id,
        name: m.name,
        categoryId: m.category,
        department: 'sim',
        kind: 'instant' as const,
        promisedDays: null,
        targetWaitMin: m.targetWaitMin,
        avgHandleMin: m.service.meanMin,
        ticketPrefix: 'A',
        dailyQuota: null,
        guide: {
          conditions: [],
          materials: [],
          steps: [],
          timeLimit: '-',
          fees: '-',
          legalBasis: [],
          faq: [],
          pictures: [],
          forms: [],
        },
      },
    ]),
  );
}

/** The windows as a policy sees them: dedicated drops secondary skills, pooled serves everything. */
function windowsFor(policy: PolicyName, windows: readonly ScenarioWindow[]): Window[] {
  return windows.map((w) =>
    initialWindow(
      {
        id: w.id,
        number: w.id,
        name: w.id,
        type: w.type,
        primary: policy === 'pooled' ? { all: true } : w.primary,
        secondary: policy === 'pooled' || policy === 'dedicated' ? {} : (w.secondary ?? {}),
      },
      'sim',
      BASE,
    ),
  );
}

type SimEvent =
  | { t: number; order: 0; kind: 'finish'; seq: number; window: number }
  | { t: number; order: 1; kind: 'close'; seq: number; window: number }
  | { t: number; order: 2; kind: 'open'; seq: number; window: number }
  | { t: number; order: 3; kind: 'arrival'; seq: number; customer: Customer };

/**
 * Replays one hall day under one policy, calling the domain's dispatch, state machines and estimates
 * exactly as the live server does.
 */
export function simulateDay(
  scenario: Scenario,
  customers: readonly Customer[],
  policyName: PolicyName,
  options: SimOptions = {},
): DayResult {
  const matters = scenarioMatters(scenario);
  const policy: DispatchPolicy =
    policyName === 'onewindow' ? balancedPolicy(options.balance ?? DEFAULT_BALANCE) : priorityFifo;
  const windows = windowsFor(policyName, scenario.windows);
  const dayOpen = clockTimeToMinutes(scenario.day.open);
  const dayClose = clockTimeToMinutes(scenario.day.close);

  let seq = 0;
  const events = new Heap<SimEvent>((a, b) => (a.t - b.t || a.order - b.order || a.seq - b.seq) < 0);
  scenario.windows.forEach((w, i) => {
    const hours = w.hours ?? [[scenario.day.open, null] as const];
    for (const [from, to] of hours) {
      events.push({ t: clockTimeToMinutes(from), order: 2, kind: 'open', seq: seq++, window: i });
      if (to !== null)
        events.push({ t: clockTimeToMinutes(to), order: 1, kind: 'close', seq: seq++, window: i });
    }
  });
  for (const c of customers)
    events.push({ t: c.arrival, order: 3, kind: 'arrival', seq: seq++, customer: c });

  const queue = new Map<string, Ticket>();
  const index = new QueueIndex();
  const outcomes: CustomerOutcome[] = customers.map((c) => ({
    id: c.id,
    matterId: c.matterId,
    arrival: c.arrival,
    calledAt: null,
    estimateMin: null,
    naiveEstimateMin: null,
    windowId: null,
  }));
  const byTicket = new Map<string, Customer>();
  const serving = new Map<number, Ticket>();
  const inService = new Map<string, InService>();
  const handleStats = new Map<string, HandleStats>();
  const handleMin = new Map([...matters.values()].map((m) => [m.id, m.avgHandleMin]));
  const closingAfterService = new Set<number>();
  const callTimes = new Map<string, number[]>();
  const busyMin = windows.map(() => 0);
  const openMin = windows.map(() => 0);
  const openSince = windows.map((): number | null => null);
  let now = dayOpen;

  const tryCall = (i: number): boolean => {
    const w = windows[i]!;
    if (w.state !== 'open') return false;
    const ticket = policy({
      window: w,
      tickets: [...queue.values()],
      windows,
      matters,
      handleMin,
      now: toMs(now),
    });
    if (ticket === undefined) return false;
    const customer = byTicket.get(ticket.id)!;
    const at = toMs(now);
    const called = applyTicketAction(ticket, { type: 'call', at, windowId: w.id, staffId: null });
    const started = applyTicketAction(called, { type: 'start', at });
    queue.delete(ticket.id);
    index.remove(ticket.id);
    serving.set(i, started);
    windows[i] = applyWindowAction(w, { type: 'take', at, ticketId: ticket.id });
    inService.set(w.id, { matterId: ticket.matterId, since: at });
    const o = outcomes[customer.id]!;
    o.calledAt = now;
    o.windowId = w.id;
    const times = callTimes.get(ticket.matterId) ?? [];
    times.push(at);
    callTimes.set(ticket.matterId, times);
    events.push({ t: now + customer.serviceMin, order: 0, kind: 'finish', seq: seq++, window: i });
    return true;
  };

  const close = (i: number) => {
    windows[i] = applyWindowAction(windows[i]!, { type: 'close', at: toMs(now) });
    openMin[i]! += now - (openSince[i] ?? now);
    openSince[i] = null;
  };

  for (let e = events.pop(); e !== undefined; e = events.pop()) {
    now = e.t;
    switch (e.kind) {
      case 'arrival': {
        const c = e.customer;
        const ticket = newTicket({
          id: `c${c.id}`,
          hallId: 'sim',
          serviceDay: '2026-01-05',
          prefix: 'A',
          seq: c.id + 1,
          number: `A${c.id + 1}`,
          matterId: c.matterId,
          priorityClass: c.priorityClass,
          greenReason: c.priorityClass === 'green' ? 'elderly' : null,
          issuedAt: toMs(now),
          appointmentId: c.priorityClass === 'appointment' ? `appt-${c.id}` : null,
          // Simulated appointments arrive on time: their slot starts as they check in.
          slotStart: c.priorityClass === 'appointment' ? toMs(now) : null,
          resident: null,
        });
        queue.set(ticket.id, ticket);
        index.add(ticket);
        byTicket.set(ticket.id, c);
        const told = queuePosition(ticket, {
          tickets: [...queue.values()],
          index,
          windows,
          matters,
          handleMin,
          inService,
          now: toMs(now),
          callRatePerMin: new Map([[c.matterId, recentRate(callTimes.get(c.matterId) ?? [], toMs(now))]]),
          paceWeight: options.paceWeight ?? DEFAULT_PACE_WEIGHT,
        });
        outcomes[c.id]!.estimateMin = told.estimatedWaitMin;
        outcomes[c.id]!.naiveEstimateMin =
          told.windowsServing === 0
            ? null
            : (told.peopleAhead * (matters.get(c.matterId)?.avgHandleMin ?? 0)) / told.windowsServing;
        const idle = windows.flatMap((w, i) => (w.state === 'open' ? [i] : []));
        const order =
          policyName === 'onewindow'
            ? idleWindowOrder(
                idle.map((i) => windows[i]!),
                matters,
              ).map((w) => windows.indexOf(w))
            : idle;
        for (const i of order) if (tryCall(i)) break;
        break;
      }
      case 'finish': {
        const ticket = serving.get(e.window)!;
        const customer = byTicket.get(ticket.id)!;
        applyTicketAction(ticket, { type: 'finish', at: toMs(now) });
        serving.delete(e.window);
        busyMin[e.window]! += customer.serviceMin;
        const stats = addHandleObservation(handleStats.get(ticket.matterId), customer.serviceMin);
        handleStats.set(ticket.matterId, stats);
        handleMin.set(ticket.matterId, handleEstimate(matters.get(ticket.matterId)!.avgHandleMin, stats));
        windows[e.window] = applyWindowAction(windows[e.window]!, { type: 'release', at: toMs(now) });
        inService.delete(windows[e.window]!.id);
        if (closingAfterService.delete(e.window)) close(e.window);
        else tryCall(e.window);
        break;
      }
      case 'open': {
        if (windows[e.window]!.state === 'closed') {
          windows[e.window] = applyWindowAction(windows[e.window]!, {
            type: 'open',
            at: toMs(now),
            staffId: null,
          });
          openSince[e.window] = now;
        }
        closingAfterService.delete(e.window);
        tryCall(e.window);
        break;
      }
      case 'close': {
        // A service under way finishes; the window takes nothing new.
        if (windows[e.window]!.currentTicketId !== null) closingAfterService.add(e.window);
        else if (windows[e.window]!.state !== 'closed') close(e.window);
        break;
      }
    }
  }
  const end = Math.max(now, dayClose);
  windows.forEach((_, i) => {
    if (openSince[i] !== null) openMin[i]! += end - openSince[i]!;
  });
  return {
    customers: outcomes,
    windows: windows.map((w, i) => ({ id: w.id, busyMin: busyMin[i]!, openMin: openMin[i]! })),
  };
}
