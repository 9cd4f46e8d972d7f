import { type BalanceOptions, DEFAULT_BALANCE, starvationBoundMin } from './balance-options.js';
import type { DispatchContext, DispatchPolicy } from './dispatch.js';
import type { Matter, Ticket, Window } from './model.js';
import type { QueueReader } from './queue-index.js';
import { compareQueueOrder, effectiveRank } from './queue-order.js';
import { serviceTier, skillSetCovers } from './skills.js';
import { isCalling } from './window.js';

export { type BalanceOptions, DEFAULT_BALANCE, starvationBoundMin } from './balance-options.js';

const MIN = 60_000;

interface Head {
  ticket: Ticket;
  matter: Matter;
  tierWeight: number;
}

/**
 * OneWindow's dispatch, with late binding: a window that calls pulls the best eligible ticket; nothing is
 * pre-assigned. In order:
 * 0. saturated: when a competing matter's backlog per able window is past `saturationRatio` times its
 *    target, the window calls as FIFO would (class, then arrival): reordering could only move waits;
 * 1. class: appointment (inside its slot) > green > normal;
 * 2. inside the class only the oldest ticket of each matter competes, so a later ticket of a matter and
 *    class is never called before an earlier one;
 * 3. guards: if any of those is among the hall's longest waits and has waited past its matter's
 *    starvation bound or nearly the day's longest wait to a call (the record guard), the first of them in
 *    queue order wins;
 *    across classes, a lower-class ticket past its target plus `crossClassLimitMin` is called before
 *    the higher-class tickets that came after it, except those that have waited `crossClassKeepShare` of
 *    its wait (up to its target plus `saturatedCrossClassLimitMin`);
 * 4. otherwise the highest score wins: the minutes the matter's head would wait if this window passed it
 *    over — its wait so far, plus tier weight × `backlogWeight` × the matter's queued work per window
 *    able to serve it, plus `nextWindowWeight` × the minutes until another window able to take it frees
 *    up (with `scoring: 'ratio'`, divided by the matter's target wait). Primary work weighs 1, secondary
 *    `secondaryWeight`; a matter few open windows can serve carries more backlog per window, and one whose
 *    other windows are all deep in long visits has longer to wait for them, so flexible windows relieve
 *    the queues only they can relieve now. The score is divided by the matter's handle time to the power
 *    `shortFirst`, so short visits tend to go first (what lowers the mean wait most); the guards of step
 *    3 bound what that costs the long ones.
 * Ties fall back to queue order, so the decision is deterministic for the same state.
 */
export function balancedPolicy(options: BalanceOptions = DEFAULT_BALANCE): DispatchPolicy {
  return (ctx) => {
    const { now } = ctx;
    const gathered =
      ctx.index === undefined ? gatherFromList(ctx, options) : gatherFromIndex(ctx, ctx.index, options);
    if (gathered === undefined) return undefined;
    const { queuedPerMatter, hallOldest } = gathered;
    const loadOf = loads(ctx, queuedPerMatter);
    const saturated = saturatedBy(gathered, loadOf, options);
    // A lower-class ticket past the cross-class bound goes before the higher-class tickets that came
    // after it and have waited less than `crossClassKeepShare` of its wait; those that came before it
    // keep their turn. Saturated, every ticket is past its target: the bound then only keeps a class
    // from starving.
    const overdueLower = gathered.lower.filter(
      (h) =>
        (now - h.ticket.issuedAt) / MIN >
        h.matter.targetWaitMin +
          (saturated ? options.saturatedCrossClassLimitMin : options.crossClassLimitMin),
    );
    const held = firstInQueue(overdueLower, now);
    const candidates =
      held === undefined
        ? gathered.candidates
        : gathered.candidates.filter((h) => keepsTurn(h.ticket, overdueLower, now, saturated, options));
    if (held !== undefined && candidates.length === 0) return held.ticket;
    // Saturated: reordering only moves waits around; call as FIFO would (class, then arrival).
    if (saturated) {
      let first = candidates[0]!;
      for (const h of candidates) if (compareQueueOrder(h.ticket, first.ticket, now) < 0) first = h;
      return first.ticket;
    }

    const record =
      ctx.longestWaitMs === undefined
        ? Number.POSITIVE_INFINITY
        : Math.max(options.recordShare * ctx.longestWaitMs, options.recordMinMin * MIN);
    let overdue: Head | undefined;
    for (const h of candidates) {
      const waited = now - h.ticket.issuedAt;
      const past = waited / MIN > starvationBoundMin(h.matter, options) || waited > record;
      if (!past || waited < options.guardShare * hallOldest) continue;
      if (overdue === undefined || compareQueueOrder(h.ticket, overdue.ticket, now) < 0) overdue = h;
    }
    if (overdue !== undefined) return overdue.ticket;

    let best: Head | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const h of candidates) {
      const m = h.matter;
      const handle = ctx.handleMin?.get(m.id) ?? m.avgHandleMin;
      const wait = Math.max(0, (now - h.ticket.issuedAt) / MIN);
      const load = loadOf(m);
      const projected =
        wait +
        h.tierWeight * options.backlogWeight * load.backlog +
        options.nextWindowWeight * load.nextWindowMin;
      const shortFirst = options.shortFirst > 0 ? Math.max(1, handle) ** options.shortFirst : 1;
      const score = (options.scoring === 'ratio' ? projected / m.targetWaitMin : projected) / shortFirst;
      if (
        score > bestScore ||
        (score === bestScore && best !== undefined && compareQueueOrder(h.ticket, best.ticket, now) < 0)
      ) {
        best = h;
        bestScore = score;
      }
    }
    return best?.ticket;
  };
}

/** What a matter's queue asks of the hall, as the deciding window sees it. */
interface Load {
  /** Queued work of the matter per calling window able to take it, in minutes. */
  backlog: number;
  /**
   * Minutes until another calling window able to take the matter is expected to free up: how long its
   * head waits at least if this window passes it over. At most one visit of the matter (this window is
   * free again by then); 0 when the windows' visits are unknown (`freeInMin` absent).
   */
  nextWindowMin: number;
}

function loads(ctx: DispatchContext, queuedPerMatter: ReadonlyMap<string, number>): (m: Matter) => Load {
  const calling = (ctx.windows ?? [ctx.window]).filter((w) => w.id === ctx.window.id || isCalling(w));
  // Once per matter and decision: the saturation check and the scores both ask for every head's.
  const known = new Map<string, Load>();
  return (m) => {
    let load = known.get(m.id);
    if (load === undefined) {
      const handle = ctx.handleMin?.get(m.id) ?? m.avgHandleMin;
      let servers = 0;
      let next = ctx.freeInMin === undefined ? 0 : handle;
      for (const w of calling) {
        if (w.id !== ctx.window.id && !skillSetCovers(w.primary, m) && !skillSetCovers(w.secondary, m))
          continue;
        servers++;
        if (w.id !== ctx.window.id && next > 0 && ctx.freeInMin !== undefined)
          next = Math.min(next, ctx.freeInMin(w.id));
      }
      load = {
        backlog: ((queuedPerMatter.get(m.id) ?? 0) * handle) / Math.max(1, servers),
        nextWindowMin: next,
      };
      known.set(m.id, load);
    }
    return load;
  };
}

function saturatedBy(g: Gathered, loadOf: (m: Matter) => Load, o: BalanceOptions): boolean {
  return (
    o.saturationRatio > 0 &&
    [...g.candidates, ...g.lower].some(
      (h) => loadOf(h.matter).backlog >= o.saturationRatio * h.matter.targetWaitMin,
    )
  );
}

/**
 * Whether the calling window sees a saturated hall (see `saturationRatio`): it then calls as FIFO
 * would. For the console and for tests; the policy decides the same way.
 */
export function isSaturated(ctx: DispatchContext, options: BalanceOptions = DEFAULT_BALANCE): boolean {
  const g = ctx.index === undefined ? gatherFromList(ctx, options) : gatherFromIndex(ctx, ctx.index, options);
  return g !== undefined && saturatedBy(g, loads(ctx, g.queuedPerMatter), options);
}

/**
 * Whether a higher-class ticket still goes before the overdue lower-class ones that came before it. The
 * share applies up to the saturated bound: past that (or saturated) nothing of a later higher class goes
 * first, so a stream of green tickets cannot starve a normal one.
 */
function keepsTurn(
  higher: Ticket,
  overdue: readonly Head[],
  now: number,
  saturated: boolean,
  o: BalanceOptions,
): boolean {
  for (const x of overdue) {
    if (x.ticket.issuedAt >= higher.issuedAt) continue;
    const waited = now - x.ticket.issuedAt;
    const kept =
      !saturated &&
      o.crossClassKeepShare > 0 &&
      waited / MIN <= x.matter.targetWaitMin + o.saturatedCrossClassLimitMin &&
      now - higher.issuedAt >= o.crossClassKeepShare * waited;
    if (!kept) return false;
  }
  return true;
}

/** The earliest issued of these heads (queue order between equals). */
function firstInQueue(heads: readonly Head[], now: number): Head | undefined {
  let first: Head | undefined;
  for (const h of heads) {
    if (
      first === undefined ||
      h.ticket.issuedAt < first.ticket.issuedAt ||
      (h.ticket.issuedAt === first.ticket.issuedAt && compareQueueOrder(h.ticket, first.ticket, now) < 0)
    )
      first = h;
  }
  return first;
}

interface Gathered {
  /** Heads of the best class present, one per matter. */
  candidates: Head[];
  /** Heads of the classes below it. */
  lower: Head[];
  /** Queued tickets per matter that this window may call. */
  queuedPerMatter: Map<string, number>;
  /** Milliseconds the hall's longest-waiting ticket has waited. */
  hallOldest: number;
}

function tierWeight(window: Window, matter: Matter | undefined, o: BalanceOptions): number {
  const tier = matter === undefined ? null : serviceTier(window, matter);
  return tier === null ? 0 : tier === 'primary' ? 1 : o.secondaryWeight;
}

/** Folds one ticket into the heads: the earliest per class and matter, with the highest weight seen. */
function consider(
  heads: Map<string, Head>[],
  t: Ticket,
  matter: Matter,
  weight: number,
  now: number,
): number {
  const rank = effectiveRank(t, now);
  const byMatter = heads[rank]!;
  const head = byMatter.get(t.matterId);
  if (head === undefined || compareQueueOrder(t, head.ticket, now) < 0) {
    // A ticket transferred to this window keeps the full weight even if the matter is secondary here.
    byMatter.set(t.matterId, { ticket: t, matter, tierWeight: Math.max(weight, head?.tierWeight ?? 0) });
  } else if (weight > head.tierWeight) head.tierWeight = weight;
  return rank;
}

function result(
  heads: Map<string, Head>[],
  bestRank: number,
  queuedPerMatter: Map<string, number>,
  oldest: number,
  now: number,
): Gathered | undefined {
  if (bestRank > 2) return undefined;
  return {
    candidates: [...heads[bestRank]!.values()],
    lower: heads.slice(bestRank + 1).flatMap((m) => [...m.values()]),
    queuedPerMatter,
    hallOldest: Math.max(0, now - oldest),
  };
}

/** One pass over every queued ticket. */
function gatherFromList(ctx: DispatchContext, o: BalanceOptions): Gathered | undefined {
  const { window, matters, now } = ctx;
  const heads: Map<string, Head>[] = [new Map(), new Map(), new Map()];
  const queuedPerMatter = new Map<string, number>();
  const tierOf = new Map<string, number>();
  let bestRank = 3;
  let oldest = Number.POSITIVE_INFINITY;
  for (const t of ctx.tickets) {
    if ((t.status !== 'waiting' && t.status !== 'transferred') || t.hallId !== window.hallId) continue;
    if (t.issuedAt < oldest) oldest = t.issuedAt;
    let weight: number;
    if (t.targetWindowId !== null) {
      if (t.targetWindowId !== window.id) continue;
      weight = 1;
    } else {
      let w = tierOf.get(t.matterId);
      if (w === undefined) {
        w = tierWeight(window, matters.get(t.matterId), o);
        tierOf.set(t.matterId, w);
      }
      if (w === 0) continue;
      weight = w;
    }
    const matter = matters.get(t.matterId);
    if (matter === undefined) continue;
    queuedPerMatter.set(t.matterId, (queuedPerMatter.get(t.matterId) ?? 0) + 1);
    bestRank = Math.min(bestRank, consider(heads, t, matter, weight, now));
  }
  return result(heads, bestRank, queuedPerMatter, oldest, now);
}

/**
 * The same from an index: per queue only its first tickets can be heads (queues are sorted by class,
 * then time; appointments before their slot count as normal, so the scan runs to the first normal).
 */
function gatherFromIndex(ctx: DispatchContext, index: QueueReader, o: BalanceOptions): Gathered | undefined {
  const { window, matters, now } = ctx;
  const heads: Map<string, Head>[] = [new Map(), new Map(), new Map()];
  const queuedPerMatter = new Map<string, number>();
  let bestRank = 3;
  const scan = (queue: readonly Ticket[], weight: (t: Ticket) => number) => {
    for (const t of queue) {
      const matter = matters.get(t.matterId);
      if (matter !== undefined) bestRank = Math.min(bestRank, consider(heads, t, matter, weight(t), now));
      if (t.priorityClass === 'normal') break;
    }
  };
  for (const matterId of index.matterIds()) {
    const queue = index.matterQueue(matterId);
    if (queue.length === 0) continue;
    const w = tierWeight(window, matters.get(matterId), o);
    if (w === 0) continue;
    queuedPerMatter.set(matterId, index.queueLength(matterId));
    scan(queue, () => w);
  }
  const targeted = index.targetedAt(window.id);
  for (const t of targeted) {
    if (matters.has(t.matterId)) queuedPerMatter.set(t.matterId, (queuedPerMatter.get(t.matterId) ?? 0) + 1);
  }
  // Targeted tickets may be of any matter, so each is a possible head of its own matter.
  for (const t of targeted) {
    const matter = matters.get(t.matterId);
    if (matter !== undefined) bestRank = Math.min(bestRank, consider(heads, t, matter, 1, now));
  }
  return result(heads, bestRank, queuedPerMatter, index.oldestIssuedAt(), now);
}

/** How many matters a window can serve: narrow windows take new arrivals first, keeping broad ones free. */
export function windowBreadth(
  window: Pick<Window, 'primary' | 'secondary'>,
  matters: ReadonlyMap<string, Matter>,
): number {
  let n = 0;
  for (const m of matters.values()) if (serviceTier(window, m) !== null) n++;
  return n;
}

/** The order in which idle windows are offered a new ticket: narrowest first, then configuration order. */
export function idleWindowOrder<W extends Pick<Window, 'primary' | 'secondary'>>(
  windows: readonly W[],
  matters: ReadonlyMap<string, Matter>,
): W[] {
  return windows
    .map((w, i) => ({ w, i, breadth: windowBreadth(w, matters) }))
    .sort((a, b) => a.breadth - b.breadth || a.i - b.i)
    .map((x) => x.w);
}

export const onewindowPolicy: DispatchPolicy = balancedPolicy();
export const defaultPolicy: DispatchPolicy = onewindowPolicy;
