import {
  addHandleObservation,
  applyTicketAction,
  applyWindowAction,
  autoCall,
  autoCallOnArrival,
  balancedPolicy,
  clockTimeToMinutes,
  DEFAULT_BALANCE,
  DEFAULT_PACE_WEIGHT,
  type DispatchPolicy,
  effectiveWindows,
  endAtWindow,
  type HallState,
  type HallStep,
  type HandleStats,
  handleEstimate,
  type InService,
  newTicket,
  priorityFifo,
  QueueIndex,
  queuePosition,
  recall,
  recentRate,
  type StaffLinks,
  startService,
  type Ticket,
  VisitDurations,
  waitToCallMs,
} from '@onewindow/domain';
import type { Customer } from './customers.js';
import type { CustomerOutcome, DayResult, SimOptions } from './day-result.js';
import { scenarioMatters, toMs, windowsFor } from './hall.js';
import { Heap } from './heap.js';
import { HallLearning } from './learning.js';
import type { PolicyName } from './policies.js';
import type { Scenario } from './scenario.js';

export type { CustomerOutcome, DayResult, SimOptions, WindowOutcome } from './day-result.js';
export { POLICY_NAMES, type PolicyName } from './policies.js';

type SimEvent =
  | { t: number; order: 0; kind: 'finish' | 'present' | 'recall'; seq: number; window: number }
  | { t: number; order: 1; kind: 'close' | 'absent'; seq: number; window: number; minutes?: number }
  | { t: number; order: 2; kind: 'open' | 'back'; seq: number; window: number }
  | { t: number; order: 3; kind: 'arrival'; seq: number; customer: Customer }
  | { t: number; order: 4; kind: 'leave'; seq: number; customer: Customer };

/**
 * Replays one hall day under one policy, calling the domain's dispatch, state machines and estimates
 * exactly as the live server does. Besides the timetable it plays what a hall has: the walk to the
 * window, residents away when called (recalls, then 过号), residents who give up and leave, and clerks
 * away from their window (AB岗 cover) — all drawn up front, the same under every policy.
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
  const dayClose = clockTimeToMinutes(scenario.day.close);
  const { recallAfterMin, maxRecalls } = scenario.behaviour.away;

  let seq = 0;
  const events = new Heap<SimEvent>((a, b) => (a.t - b.t || a.order - b.order || a.seq - b.seq) < 0);
  const push = (e: DistributiveOmit<SimEvent, 'seq' | 'order'>) =>
    events.push({ ...e, order: ORDER[e.kind], seq: seq++ } as SimEvent);
  scenario.windows.forEach((w, i) => {
    const hours = w.hours ?? [[scenario.day.open, null] as const];
    for (const [from, to] of hours) {
      push({ t: clockTimeToMinutes(from), kind: 'open', window: i });
      if (to !== null) push({ t: clockTimeToMinutes(to), kind: 'close', window: i });
    }
  });
  for (const a of options.absences ?? [])
    push({ t: a.at, kind: 'absent', window: a.window, minutes: a.minutes });
  for (const c of customers) {
    push({ t: c.arrival, kind: 'arrival', customer: c });
    if (c.patienceMin !== undefined) push({ t: c.arrival + c.patienceMin, kind: 'leave', customer: c });
  }

  const index = new QueueIndex();
  // Each window has its clerk; AB岗 links as the scenario gives them. A closed window's clerk is absent,
  // so a present backup's window serves their matters too — the server's rule, through the same steps.
  const clerkOf = (windowId: string) => `clerk-${windowId}`;
  const staff: StaffLinks[] = scenario.windows.map((w) => ({
    id: clerkOf(w.id),
    windowIds: [w.id],
    backupOf: (w.backupOf ?? []).map(clerkOf),
  }));
  const windowAt = new Map(windows.map((w, i) => [w.id, i]));
  const outcomes: CustomerOutcome[] = customers.map((c) => ({
    id: c.id,
    matterId: c.matterId,
    arrival: c.arrival,
    calledAt: null,
    estimateMin: null,
    rangeFromMin: null,
    rangeToMin: null,
    naiveEstimateMin: null,
    windowId: null,
    leftAt: null,
    noShow: false,
  }));
  const byTicket = new Map<string, Customer>();
  const ticketOf = new Map<number, Ticket>();
  const atWindow = new Map<number, Ticket>();
  const inService = new Map<string, InService>();
  const handleStats = new Map<string, HandleStats>();
  const handleMin = new Map([...matters.values()].map((m) => [m.id, m.avgHandleMin]));
  let visits = VisitDurations.from(options.history ?? []);
  const callTimes = new Map<string, number[]>();
  // The hall learns its estimates through the day as the server does: from each first call, never ahead,
  // carrying on from what it had learned by the day before.
  const learning = new HallLearning(options.calibration, options.learned?.startDay());
  const tells = options.toldBy === undefined || options.toldBy.includes(policyName);
  const busyMin = windows.map(() => 0);
  const openMin = windows.map(() => 0);
  const openSince = windows.map((): number | null => null);
  /** Inside the window's hours by the timetable. */
  const scheduled = windows.map(() => false);
  /** The clerk is away until then (absent: not away). */
  const awayUntil = windows.map(() => Number.NEGATIVE_INFINITY);
  /** An absence or a closing waits for the ticket at the window. */
  const pendingAbsence = windows.map((): number | null => null);
  const calledSince = windows.map(() => 0);
  let now = clockTimeToMinutes(scenario.day.open);

  /** The day's longest wait to a call, which the record guard keeps from growing. */
  let longestWaitMs = 0;
  const noteCall = (t: Ticket): Ticket => {
    longestWaitMs = Math.max(longestWaitMs, waitToCallMs(t) ?? 0);
    return t;
  };
  const hall = (): HallState => ({
    windows,
    staff,
    matters,
    queue: index,
    policy,
    handleMin,
    longestWaitMs,
    inService,
    maxRecalls,
    offerNarrowFirst: policyName === 'onewindow',
    now: toMs(now),
  });
  /** What a step did, in the simulator's books: windows replaced, calls followed by the resident's walk. */
  const apply = (step: HallStep | undefined): boolean => {
    if (step === undefined) return false;
    for (const e of step.effects) {
      if (e.kind === 'window') windows[windowAt.get(e.window.id)!] = e.window;
      else if (e.kind === 'called' && !e.recall) called(windowAt.get(e.window.id)!, e.ticket);
    }
    return true;
  };
  const called = (i: number, ticket: Ticket) => {
    const customer = byTicket.get(ticket.id)!;
    const at = toMs(now);
    index.remove(ticket.id);
    atWindow.set(i, noteCall(ticket));
    inService.set(windows[i]!.id, { matterId: ticket.matterId, since: at });
    calledSince[i] = now;
    const o = outcomes[customer.id]!;
    o.calledAt = now;
    o.windowId = windows[i]!.id;
    const times = callTimes.get(ticket.matterId) ?? [];
    times.push(at);
    callTimes.set(ticket.matterId, times);
    learning.called(ticket.id, ticket.matterId, now - customer.arrival);
    const away = customer.awayMin ?? 0;
    const walk = customer.walkMin ?? 0;
    if (away > 0)
      push({
        t: now + Math.min(away, recallAfterMin) + (away <= recallAfterMin ? walk : 0),
        kind: away <= recallAfterMin ? 'present' : 'recall',
        window: i,
      });
    else push({ t: now + walk, kind: 'present', window: i });
  };
  /** Every simulated window calls by itself when free (auto-call), as a clerk pressing 叫号 at once would. */
  const tryCall = (i: number): boolean => apply(autoCall(hall(), windows[i]!));

  const setOpen = (i: number) => {
    const open = scheduled[i]! && awayUntil[i]! <= now && pendingAbsence[i] === null;
    const w = windows[i]!;
    const at = toMs(now);
    if (open && w.state === 'closed') {
      const opened = applyWindowAction(w, { type: 'open', at, staffId: clerkOf(w.id) });
      windows[i] = applyWindowAction(opened, { type: 'setAutoCall', at, autoCall: true });
      openSince[i] = now;
    } else if (!open && w.state !== 'closed') {
      if (w.currentTicketId === null) {
        windows[i] = applyWindowAction(w, { type: 'close', at });
        openMin[i]! += now - (openSince[i] ?? now);
        openSince[i] = null;
      } else if (w.autoCall) {
        // The clerk is leaving after this visit: no next call when it ends.
        windows[i] = applyWindowAction(w, { type: 'setAutoCall', at, autoCall: false });
      }
    }
    tryCall(i);
  };

  /** The visit at the window ended; an absence or closing that waited for it happens now. */
  const freed = (i: number) => {
    inService.delete(windows[i]!.id);
    atWindow.delete(i);
  };
  const afterVisit = (i: number, step: HallStep) => {
    freed(i);
    apply(step);
    if (step.next !== null) return;
    const absence = pendingAbsence[i] ?? null;
    pendingAbsence[i] = null;
    if (absence !== null) startAbsence(i, absence);
    setOpen(i);
  };

  const startAbsence = (i: number, minutes: number) => {
    awayUntil[i] = now + minutes;
    push({ t: now + minutes, kind: 'back', window: i });
  };

  for (let e = events.pop(); e !== undefined; e = events.pop()) {
    now = e.t;
    switch (e.kind) {
      case 'arrival': {
        const c = e.customer;
        const ticket = arrivalTicket(c, toMs(now));
        index.add(ticket);
        byTicket.set(ticket.id, c);
        ticketOf.set(c.id, ticket);
        if (!tells) {
          apply(autoCallOnArrival(hall(), ticket));
          break;
        }
        const position = queuePosition(ticket, {
          // The estimate reads the index; the list is not needed beside it.
          tickets: [],
          index,
          // With AB岗 cover, as the server's estimates see the windows.
          windows: effectiveWindows({ windows, staff }),
          matters,
          handleMin,
          inService,
          visits,
          now: toMs(now),
          callRatePerMin: new Map([[c.matterId, recentRate(callTimes.get(c.matterId) ?? [], toMs(now))]]),
          paceWeight: options.paceWeight ?? DEFAULT_PACE_WEIGHT,
          policy,
          longestWaitMs,
          ...(learning.calibration === undefined ? {} : { calibration: learning.calibration }),
        });
        outcomes[c.id]!.estimateMin = position.estimatedWaitMin;
        outcomes[c.id]!.rangeFromMin = position.range?.fromMin ?? null;
        outcomes[c.id]!.rangeToMin = position.range?.toMin ?? null;
        learning.issued(ticket.id, position);
        outcomes[c.id]!.naiveEstimateMin =
          position.windowsServing === 0
            ? null
            : (position.peopleAhead * (matters.get(c.matterId)?.avgHandleMin ?? 0)) / position.windowsServing;
        apply(autoCallOnArrival(hall(), ticket));
        break;
      }
      case 'leave': {
        const ticket = ticketOf.get(e.customer.id);
        if (ticket === undefined || !index.has(ticket.id)) break;
        applyTicketAction(ticket, { type: 'cancel', at: toMs(now), reason: 'left' });
        index.remove(ticket.id);
        learning.dropped(now - e.customer.arrival);
        outcomes[e.customer.id]!.leftAt = now;
        break;
      }
      case 'present': {
        const step = startService(hall(), windows[e.window]!, atWindow.get(e.window)!);
        atWindow.set(e.window, step.ticket);
        // As on the server, a visit under way is timed from its start (the ticket's startedAt).
        inService.set(windows[e.window]!.id, { matterId: step.ticket.matterId, since: toMs(now) });
        push({ t: now + byTicket.get(step.ticket.id)!.serviceMin, kind: 'finish', window: e.window });
        break;
      }
      case 'recall': {
        const step = recall(hall(), windows[e.window]!, atWindow.get(e.window)!);
        const customer = byTicket.get(step.ticket.id)!;
        if (step.ticket.status === 'noShow') {
          outcomes[customer.id]!.noShow = true;
          // 过号: the resident had gone; the hall learns that queued tickets thin out.
          learning.dropped(calledSince[e.window]! - customer.arrival);
          busyMin[e.window]! += now - calledSince[e.window]!;
          afterVisit(e.window, step);
          break;
        }
        atWindow.set(e.window, noteCall(step.ticket));
        // Back at the seat before the next recall: they hear this one and walk up.
        const back = calledSince[e.window]! + (customer.awayMin ?? 0);
        if (back <= now + recallAfterMin)
          push({ t: Math.max(now, back) + (customer.walkMin ?? 0), kind: 'present', window: e.window });
        else push({ t: now + recallAfterMin, kind: 'recall', window: e.window });
        break;
      }
      case 'finish': {
        const ticket = atWindow.get(e.window)!;
        const customer = byTicket.get(ticket.id)!;
        busyMin[e.window]! += now - calledSince[e.window]!;
        // The handle time just seen counts in the next decision, as on the server.
        const stats = addHandleObservation(handleStats.get(ticket.matterId), customer.serviceMin);
        handleStats.set(ticket.matterId, stats);
        handleMin.set(ticket.matterId, handleEstimate(matters.get(ticket.matterId)!.avgHandleMin, stats));
        visits = visits.add(ticket.matterId, customer.serviceMin);
        afterVisit(e.window, endAtWindow(hall(), windows[e.window]!, ticket, { type: 'finish' }));
        break;
      }
      case 'open':
        scheduled[e.window] = true;
        setOpen(e.window);
        break;
      case 'close':
        // A service under way finishes; the window takes nothing new.
        scheduled[e.window] = false;
        setOpen(e.window);
        break;
      case 'absent': {
        // Only a clerk at an open window can step away; one at a ticket goes when it is done.
        const w = windows[e.window]!;
        const minutes = e.minutes ?? 0;
        if (w.state === 'closed' || awayUntil[e.window]! > now || minutes <= 0) break;
        if (w.currentTicketId !== null) pendingAbsence[e.window] = minutes;
        else startAbsence(e.window, minutes);
        setOpen(e.window);
        break;
      }
      case 'back':
        setOpen(e.window);
        break;
    }
  }
  const end = Math.max(now, dayClose);
  windows.forEach((_, i) => {
    if (openSince[i] !== null) openMin[i]! += end - openSince[i]!;
  });
  return {
    customers: outcomes,
    windows: windows.map((w, i) => ({ id: w.id, busyMin: busyMin[i]!, openMin: openMin[i]! })),
    learned: learning.calibration,
  };
}

const ORDER = {
  finish: 0,
  present: 0,
  recall: 0,
  close: 1,
  absent: 1,
  open: 2,
  back: 2,
  arrival: 3,
  leave: 4,
} as const;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function arrivalTicket(c: Customer, at: number): Ticket {
  return newTicket({
    id: `c${c.id}`,
    hallId: 'sim',
    serviceDay: '2026-01-05',
    prefix: 'A',
    seq: c.id + 1,
    number: `A${c.id + 1}`,
    matterId: c.matterId,
    priorityClass: c.priorityClass,
    greenReason: c.priorityClass === 'green' ? 'elderly' : null,
    issuedAt: at,
    appointmentId: c.priorityClass === 'appointment' ? `appt-${c.id}` : null,
    // Simulated appointments arrive on time: their slot starts as they check in.
    slotStart: c.priorityClass === 'appointment' ? at : null,
    resident: null,
  });
}
