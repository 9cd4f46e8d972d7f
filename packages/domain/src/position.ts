import { FORECAST_CALLS, ForecastQueues, forecastWaits } from './forecast.js';
import { type RestWithin, staggeredFreeTimes } from './free-times.js';
import type { QueuePosition, Ticket, Window } from './model.js';
import { before, Cursor, Prepared } from './queue-cursor.js';
import { QueueIndex } from './queue-index.js';
import { effectiveRank } from './queue-order.js';
import type { QueueView } from './queue-view.js';
import { serviceTier } from './skills.js';
import { isCalling } from './window.js';
import { PlannedHours, startAt } from './window-hours.js';

const MIN = 60_000;
/** Minutes of recent calls a matter's pace is measured over. */
export const PACE_WINDOW_MIN = 30;
const PACE_MIN_CALLS = 3;
/**
 * A window's capacity is spread over the matters it serves, so a ticket ahead delays the placed ticket
 * by the part of its windows' capacity the two share, each window weighing breadth^−this. 1 would
 * spread it evenly; the policies favour long queues, so less than evenly is closer (measured in the
 * simulator: the county weekday's mean signed error is about zero at 0.75).
 */
export const BREADTH_EXPONENT = 0.75;
/** Matters each window serves, per matter list; windows and matter lists are replaced, not changed. */
const BREADTHS = new WeakMap<ReadonlyMap<string, unknown>, WeakMap<Window, number>>();
/**
 * Tickets ahead scheduled one by one; the rest of each queue is poured onto its windows as one amount
 * of work. Past this many the difference is within one visit or 3 % of the estimate (property-tested),
 * and the cost of an estimate stops growing with the queue.
 */
export const EXACT_AHEAD = 200;

/**
 * Where tickets stand in one view of the hall: which calling windows may take each matter, and the
 * queues read from a QueueIndex, so placing a ticket costs the same at 10 or 10,000 waiting.
 */
export class Positioner {
  /** Windows calling now, and those closed or paused for a planned break that call again later today. */
  private readonly calling: Window[];
  /** Each calling window's planned hours (undefined: it stays as it is). */
  private readonly plans: (PlannedHours | undefined)[];
  private readonly index: QueueIndex;
  private readonly byMatter = new Map<string, number[]>();
  private readonly prepared = new Map<readonly Ticket[], Prepared>();
  /** Forecasts played ahead by forecastAll (undefined: asked, but not reached). */
  private readonly forecasts = new Map<string, number | undefined>();
  private free: readonly number[] | undefined;

  constructor(private readonly view: QueueView) {
    const now = view.now;
    this.calling = [];
    this.plans = [];
    for (const w of view.windows) {
      const plan = now === undefined ? undefined : PlannedHours.of(w, now, view.hallHours);
      if (isCalling(w)) {
        this.calling.push(w);
        // A clerk at the window outside its planned hours overrides the plan: nothing says when they stop.
        this.plans.push(plan?.openNow === true ? plan : undefined);
      } else if (
        // Closed for lunch, or paused with the clerk still signed in.
        (w.state === 'closed' || w.state === 'paused') &&
        plan?.onBreak === true &&
        now !== undefined &&
        // Closed since the day began: it worked today and is on its planned break. One closed since
        // before (nobody opened it today) may stay shut, and before the day begins nothing says which
        // windows will be staffed (onBreak).
        w.updatedAt >= now + plan.dayOpensIn * MIN
      ) {
        this.calling.push(w);
        this.plans.push(plan);
      }
    }
    this.index = view.index ?? new QueueIndex(view.tickets);
  }

  private handle(matterId: string): number {
    return this.view.handleMin?.get(matterId) ?? this.view.matters.get(matterId)?.avgHandleMin ?? 10;
  }

  /** A queue of the index prepared once for every ticket placed in this view. */
  private prepare(list: readonly Ticket[]): Prepared {
    let p = this.prepared.get(list);
    if (p === undefined) {
      p = new Prepared(list, this.view.now);
      this.prepared.set(list, p);
    }
    return p;
  }

  private breadth(i: number): number {
    const w = this.calling[i]!;
    let known = BREADTHS.get(this.view.matters);
    if (known === undefined) {
      known = new WeakMap();
      BREADTHS.set(this.view.matters, known);
    }
    let b = known.get(w);
    if (b === undefined) {
      b = 0;
      for (const m of this.view.matters.values()) if (serviceTier(w, m) !== null) b++;
      b = Math.max(1, b);
      known.set(w, b);
    }
    return b;
  }

  /** Calling windows (by position in `calling`) that serve a matter. */
  private windowsFor(matterId: string): number[] {
    let out = this.byMatter.get(matterId);
    if (out === undefined) {
      const m = this.view.matters.get(matterId);
      out = [];
      if (m !== undefined) {
        for (const [i, w] of this.calling.entries()) if (serviceTier(w, m) !== null) out.push(i);
      }
      this.byMatter.set(matterId, out);
    }
    return out;
  }

  private windowsOf(t: Ticket): number[] {
    if (t.targetWindowId === null) return this.windowsFor(t.matterId);
    const i = this.calling.findIndex((w) => w.id === t.targetWindowId);
    return i < 0 ? [] : [i];
  }

  /** Minutes until each window is free: 0 when idle, the expected rest of its service when busy. */
  private freeIn(i: number): number {
    const w = this.calling[i]!;
    if (w.currentTicketId === null) return 0;
    const s = this.view.inService?.get(w.id);
    const now = this.view.now;
    if (s === undefined || now === undefined) return this.handle(s?.matterId ?? '') / 2;
    const elapsed = (now - s.since) / MIN;
    // What is left of the matter's recent visits that lasted this long, once the hall has seen enough.
    const learned = this.view.visits?.remaining(s.matterId, elapsed);
    if (learned !== undefined) return learned;
    const h = this.handle(s.matterId);
    // A service that has overrun its estimate still has some time left, not none.
    return Math.max(0.2 * h, h - elapsed);
  }

  /**
   * Minutes until each calling window is free, as every estimate of this view tells them: the k-th to
   * free up at the median of the k-th rest to end (staggeredFreeTimes).
   */
  private freeTimes(): readonly number[] {
    this.free ??= staggeredFreeTimes(
      this.calling.map((_, i) => this.freeIn(i)),
      this.calling.map((_, i) => this.restOf(i)),
    );
    return this.free;
  }

  /** How the visit under way at a window may end, where the hall has learned its matter's visits. */
  private restOf(i: number): RestWithin | undefined {
    const w = this.calling[i]!;
    const s = w.currentTicketId === null ? undefined : this.view.inService?.get(w.id);
    const { now, visits } = this.view;
    if (s === undefined || now === undefined || visits === undefined) return undefined;
    return visits.restWithin(s.matterId, (now - s.since) / MIN);
  }

  /**
   * Plays the calls forward for these tickets at once (forecastWaits) and keeps the answers for their
   * `position`: the screens' estimate for every matter costs one play, not one per matter.
   */
  forecastAll(tickets: readonly Ticket[]): void {
    const out = this.forecast(tickets);
    for (const t of tickets) this.forecasts.set(t.id, out.get(t.id));
  }

  /** forecastWaits over this view; empty without a policy. */
  private forecast(tickets: readonly Ticket[]): Map<string, number> {
    const { policy, now } = this.view;
    if (policy === undefined || now === undefined || this.calling.length === 0) return new Map();
    // Idle windows are offered a ticket narrowest first, as the hall's steps offer them.
    const order = this.calling.map((_, i) => i).sort((a, b) => this.breadth(a) - this.breadth(b) || a - b);
    const calibration = this.view.calibration;
    return forecastWaits({
      tickets,
      queues: new ForecastQueues(this.index, FORECAST_CALLS + 1),
      windows: order.map((i) => this.calling[i]!),
      freeInMin: order.map((i) => this.freeTimes()[i]!),
      plans: order.map((i) => this.plans[i]),
      hallWindows: this.view.windows,
      matters: this.view.matters,
      handleMin: this.view.handleMin ?? new Map(),
      now,
      policy,
      ...(this.view.longestWaitMs === undefined ? {} : { longestWaitMs: this.view.longestWaitMs }),
      stillThere: (waitedMin, forMin) => calibration?.stillThere(waitedMin, forMin) ?? 1,
      maxCalls: FORECAST_CALLS,
    });
  }

  /** The forecast for one ticket: kept from forecastAll, or played now. */
  private forecastOf(t: Ticket): number | undefined {
    return this.forecasts.has(t.id) ? this.forecasts.get(t.id) : this.forecast([t]).get(t.id);
  }

  /** Same-matter tickets ahead, whoever may serve them: all a resident can be told with no window open. */
  private sameMatterAhead(t: Ticket, rank: number): number {
    const now = this.view.now;
    let n = this.prepare(this.index.matterQueue(t.matterId)).countBefore(t, rank);
    for (const id of this.index.targetIds())
      for (const o of this.index.targetedAt(id))
        if (o.matterId === t.matterId && before(o, effectiveRank(o, now), t, rank)) n++;
    return n;
  }

  /** The queues whose tickets could be called before `t` by its windows, with the part each delays it. */
  private cursors(mine: readonly number[]): Cursor[] {
    const at = new Map(mine.map((w, k) => [w, k]));
    const out: Cursor[] = [];
    for (const id of this.index.matterIds()) {
      const theirs = this.windowsFor(id);
      const slots: number[] = [];
      let sharedCap = 0;
      let allCap = 0;
      for (const i of theirs) {
        const c = this.breadth(i) ** -BREADTH_EXPONENT;
        allCap += c;
        const k = at.get(i);
        if (k !== undefined) {
          slots.push(k);
          sharedCap += c;
        }
      }
      if (slots.length > 0)
        out.push(new Cursor(this.prepare(this.index.matterQueue(id)), sharedCap / allCap, slots));
    }
    for (const [k, i] of mine.entries()) {
      const list = this.index.targetedAt(this.calling[i]!.id);
      if (list.length > 0) out.push(new Cursor(this.prepare(list), 1, [k]));
    }
    return out;
  }

  /**
   * List scheduling of the work ahead: each ticket ahead, in call order, goes to the window that frees
   * up first; the ticket is called when the first of its windows is free after that. A ticket ahead
   * weighs by the part of its own windows that this ticket shares, because work that other windows can
   * also take only partly delays this one. Past EXACT_AHEAD tickets each queue's rest is spread as one amount.
   */
  position(t: Ticket): QueuePosition {
    const now = this.view.now;
    const rank = effectiveRank(t, now);
    const mine = this.windowsOf(t);
    if (mine.length === 0) {
      return { peopleAhead: this.sameMatterAhead(t, rank), estimatedWaitMin: null, windowsServing: 0 };
    }
    const cursors = this.cursors(mine);
    const free = mine.map((i) => this.freeTimes()[i]!);
    const plans = mine.map((i) => this.plans[i]);
    let peopleAhead = 0;
    let sameAhead = 0;
    // Work ahead goes only to the windows that can take it: a consult window is not slowed by the
    // identity-card queue it cannot serve.
    // Tickets ahead may go unserved (the hall's attrition): each weighs by its chance to be there.
    const calibration = this.view.calibration;
    const attrition = calibration?.attritionPerMin() ?? 0;
    const stillThere = (waitedMin: number, forMin: number) =>
      calibration === undefined ? 1 : calibration.stillThere(waitedMin, forMin);
    const place = (ticket: Ticket, work: number, slots: readonly number[]) => {
      peopleAhead++;
      if (ticket.matterId === t.matterId) sameAhead++;
      // The window that can start it first within its planned hours; when the plans leave none (their
      // last close comes first), the one free first: a ticket issued is served, by someone.
      let j = slots[0]!;
      let start = startAt(plans[j], free[j]!);
      for (const k of slots) {
        const s = startAt(plans[k], free[k]!);
        if (s < start) [j, start] = [k, s];
      }
      if (Number.isFinite(start)) free[j] = start;
      else for (const k of slots) if (free[k]! < free[j]!) j = k;
      free[j]! += work * stillThere(now === undefined ? 0 : (now - ticket.issuedAt) / MIN, free[j]!);
    };
    for (let n = 0; n < EXACT_AHEAD; n++) {
      let best: Cursor | undefined;
      for (const c of cursors) {
        if (c.head === undefined || !before(c.head, c.headRank, t, rank)) continue;
        if (best === undefined || before(c.head, c.headRank, best.head!, best.headRank)) best = c;
      }
      if (best === undefined) break;
      place(best.head!, this.handle(best.head!.matterId) * best.share, best.slots);
      best.take();
    }
    const tail: { slots: readonly number[]; work: number }[] = [];
    for (const c of cursors) {
      const left = c.q.countBefore(t, rank) - c.consumed;
      if (left <= 0) continue;
      peopleAhead += left;
      const first = c.q.list[0]!;
      // A matter's queue is one matter; a window's transfers are few enough to weigh one by one.
      let rest = 0;
      if (first.targetWindowId === null) {
        if (first.matterId === t.matterId) sameAhead += left;
        rest = left * this.handle(first.matterId) * c.share;
      } else {
        for (; c.head !== undefined && before(c.head, c.headRank, t, rank); c.take()) {
          if (c.head.matterId === t.matterId) sameAhead++;
          rest += this.handle(c.head.matterId);
        }
      }
      tail.push({ slots: c.slots, work: rest });
    }
    // Work only few windows can take goes on first; the flexible rest then levels around it.
    tail.sort((a, b) => a.slots.length - b.slots.length);
    for (const { slots, work } of tail) {
      // A block of work: the mean chance to be there over the time it spans on its windows.
      let level = Number.POSITIVE_INFINITY;
      for (const k of slots) level = Math.min(level, free[k]!);
      const span = (attrition * work) / slots.length;
      const there = span < 1e-9 ? 1 : (Math.exp(-attrition * level) * (1 - Math.exp(-span))) / span;
      fill(free, slots, work * there);
    }
    // The policy's own calls, played forward, where the queue ahead is short enough to play.
    const planned = Math.min(...free.map((f, k) => startAt(plans[k], f)));
    let waitMin = this.forecastOf(t) ?? (Number.isFinite(planned) ? planned : Math.min(...free));
    const pace = this.view.callRatePerMin?.get(t.matterId) ?? 0;
    const weight = this.view.paceWeight ?? 0;
    // A pace needs a few calls behind it before it says more than the structure does.
    if (waitMin > 0 && pace * PACE_WINDOW_MIN >= PACE_MIN_CALLS && weight > 0) {
      // The structural estimate cannot see how the policy orders matters; the matter's own recent pace can.
      waitMin = (1 - weight) * waitMin + (weight * (sameAhead + 0.5)) / pace;
    }
    if (calibration === undefined)
      return { peopleAhead, estimatedWaitMin: Math.round(waitMin), windowsServing: mine.length };
    const told = calibration.tell(t.matterId, waitMin);
    return {
      peopleAhead,
      estimatedWaitMin: told.estimateMin,
      windowsServing: mine.length,
      baseWaitMin: Math.round(waitMin * 10) / 10,
      range: { fromMin: told.fromMin, toMin: told.toMin },
    };
  }
}

/**
 * `work` minutes poured onto the windows at `slots` (of those free in `free` minutes), each minute to
 * the one free first: the lowest of them rise to one level. Changes `free`.
 */
export function fill(free: number[], slots: readonly number[], work: number): void {
  if (work <= 0 || slots.length === 0) return;
  const level = pour(
    slots.map((k) => free[k]!),
    work,
  );
  for (const k of slots) if (free[k]! < level) free[k] = level;
}

/**
 * `work` minutes poured onto windows free in `free` minutes, each minute to the window that is free
 * first: when the first window is free afterwards.
 */
export function pour(free: readonly number[], work: number): number {
  const sorted = [...free].sort((a, b) => a - b);
  if (work <= 0) return sorted[0]!;
  let sum = 0;
  let level = sorted[0]!;
  for (let j = 0; j < sorted.length; j++) {
    sum += sorted[j]!;
    level = (work + sum) / (j + 1);
    if (j + 1 === sorted.length || level <= sorted[j + 1]!) return level;
  }
  return level;
}
