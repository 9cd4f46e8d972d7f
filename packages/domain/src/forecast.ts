import type { DispatchPolicy } from './dispatch.js';
import type { Matter, Ticket, Window } from './model.js';
import { oldestOf, type QueueReader } from './queue-index.js';
import { CLASS_RANK, compareQueueOrder } from './queue-order.js';
import { type PlannedHours, startAt } from './window-hours.js';

const MIN = 60_000;

/** The queue as the forecast sees it: the first tickets of each queue, copied, so calls can take them. */
export class ForecastQueues implements QueueReader {
  private readonly byMatter = new Map<string, Ticket[]>();
  private readonly lengths = new Map<string, number>();
  private readonly byTarget = new Map<string, Ticket[]>();

  /**
   * `depth`: tickets kept per queue. A forecast of at most `depth` calls can never reach past them, and
   * the copy (so the forecast's cost) stays the same however long the queues are.
   */
  constructor(source: QueueReader & { targetIds(): Iterable<string> }, depth: number) {
    for (const id of source.matterIds()) {
      const list = source.matterQueue(id);
      if (list.length === 0) continue;
      this.byMatter.set(id, list.slice(0, depth));
      this.lengths.set(id, source.queueLength(id));
    }
    for (const id of source.targetIds()) {
      const list = source.targetedAt(id);
      if (list.length > 0) this.byTarget.set(id, list.slice(0, depth));
    }
  }

  matterIds(): Iterable<string> {
    return this.byMatter.keys();
  }

  matterQueue(matterId: string): readonly Ticket[] {
    return this.byMatter.get(matterId) ?? [];
  }

  queueLength(matterId: string): number {
    return this.lengths.get(matterId) ?? 0;
  }

  targetedAt(windowId: string): readonly Ticket[] {
    return this.byTarget.get(windowId) ?? [];
  }

  oldestIssuedAt(): number {
    return oldestOf([this.byMatter.values(), this.byTarget.values()]);
  }

  /**
   * The tickets a dispatch decision can pick: each matter's queue up to its first normal ticket (classes
   * come first, and inside a class and matter the earliest), and every ticket transferred to a window.
   */
  heads(): Ticket[] {
    const out: Ticket[] = [];
    for (const list of this.byMatter.values()) {
      for (const t of list) {
        out.push(t);
        if (CLASS_RANK[t.priorityClass] === CLASS_RANK.normal) break;
      }
    }
    for (const list of this.byTarget.values()) out.push(...list);
    return out;
  }

  /** Where `t` is in its queue (its place if it joined now), or undefined past the tickets kept. */
  placeOf(t: Ticket): number | undefined {
    const list = this.listOf(t);
    let i = 0;
    while (i < list.length && compareQueueOrder(list[i]!, t) < 0) i++;
    const length = t.targetWindowId === null ? this.queueLength(t.matterId) : list.length;
    return i === list.length && length > list.length ? undefined : i;
  }

  /** Adds a ticket that is not queued yet (the probe of "how long would I wait?"). */
  join(t: Ticket): void {
    const list = this.listOf(t, true);
    const i = this.placeOf(t) ?? list.length;
    if (list[i]?.id === t.id) return;
    list.splice(i, 0, t);
    if (t.targetWindowId === null) this.lengths.set(t.matterId, this.queueLength(t.matterId) + 1);
  }

  /** The ticket was called: it leaves its queue (nearly always from the front). */
  take(t: Ticket): void {
    const list = this.listOf(t);
    const i = list[0] === t ? 0 : list.indexOf(t);
    if (i < 0) return;
    list.splice(i, 1);
    if (t.targetWindowId === null) this.lengths.set(t.matterId, this.queueLength(t.matterId) - 1);
  }

  private listOf(t: Ticket, create = false): Ticket[] {
    const map = t.targetWindowId === null ? this.byMatter : this.byTarget;
    const key = t.targetWindowId ?? t.matterId;
    let list = map.get(key);
    if (list === undefined) {
      list = [];
      if (create) map.set(key, list);
    }
    return list;
  }
}

/**
 * Calls a forecast plays at most; past them the queue-order schedule answers. Measured in the simulator:
 * the sweep's halls (3–8 windows) lose nothing at 50, the county-sized shipped days need about 100 (their
 * error at 50 is the schedule's, 33 % of the mean wait; 29 % at 100 and at 200). Each call costs one
 * dispatch decision (about 10 µs in a hall of 20 windows, tens of µs at 100), so an estimate stays a few
 * milliseconds at most, however long the queue.
 */
export const FORECAST_CALLS = 100;

export interface ForecastInput {
  /** The tickets placed: queued already, or probes that join the copy (one per matter at most). */
  readonly tickets: readonly Ticket[];
  readonly queues: ForecastQueues;
  /** Calling windows, narrowest first (the order idle windows are offered a ticket in). */
  readonly windows: readonly Window[];
  /** Minutes until each of `windows` is free. */
  readonly freeInMin: readonly number[];
  /** Each of `windows`' planned hours: it takes a ticket only inside them (absent: as it is). */
  readonly plans?: readonly (PlannedHours | undefined)[];
  /** Every window of the hall, as the policy sees them. */
  readonly hallWindows: readonly Window[];
  readonly matters: ReadonlyMap<string, Matter>;
  readonly handleMin: ReadonlyMap<string, number>;
  readonly now: number;
  readonly policy: DispatchPolicy;
  readonly longestWaitMs?: number;
  /**
   * The chance that a ticket queued for `waitedMin` minutes is still there `forMin` minutes later (the
   * hall's attrition: WaitCalibration.stillThere).
   */
  readonly stillThere: (waitedMin: number, forMin: number) => number;
  /** Calls played at most (FORECAST_CALLS). */
  readonly maxCalls: number;
}

/**
 * The hall played forward with its own dispatch policy: each window, when it frees up, calls the ticket
 * the policy gives it, and is busy for that matter's handle time (weighed by the chance that the ticket is
 * still there). Returns the minutes until the policy calls each of `tickets`; a ticket not called within
 * `maxCalls` calls (or that no window would take) is missing. New arrivals are not played: the
 * calibration corrects for them from the hall's outcomes. The function the windows call decides, so the
 * estimate sees short visits going first, the saturated fallback, the guards and AB岗 cover as the hall
 * will play them. Several tickets are placed in one play (the screens' "how long would I wait?" for every
 * matter at once): a placed ticket's call ends its own play and takes no window time from the others, so
 * each sees the others only as one more ticket in their matters' queue lengths.
 */
export function forecastWaits(input: ForecastInput): Map<string, number> {
  const { queues, windows } = input;
  const out = new Map<string, number>();
  const pending = new Set<string>();
  for (const t of input.tickets) {
    if (queues.placeOf(t) === undefined) continue;
    queues.join(t);
    pending.add(t.id);
  }
  const free = [...input.freeInMin];
  const slot = new Map(windows.map((w, i) => [w.id, i]));
  let longest = input.longestWaitMs;
  for (let call = 0; call < input.maxCalls && pending.size > 0; call++) {
    let j = -1;
    for (let i = 0; i < free.length; i++) {
      // Free during a planned break: free when the window reopens (never, after its last close).
      free[i] = startAt(input.plans?.[i], free[i]!);
      if (j < 0 || free[i]! < free[j]!) j = i;
    }
    if (j < 0 || !Number.isFinite(free[j]!)) break;
    const at = input.now + free[j]! * MIN;
    const chosen = input.policy({
      window: windows[j]!,
      // Policies that read the list see every ticket they could call: the heads of the queues.
      tickets: queues.heads(),
      index: queues,
      matters: input.matters,
      now: at,
      windows: input.hallWindows,
      handleMin: input.handleMin,
      ...(longest === undefined ? {} : { longestWaitMs: longest }),
      // The other windows free up as the play has them busy (a window not playing is not calling).
      freeInMin: (id) => {
        const i = slot.get(id);
        return i === undefined ? 0 : Math.max(0, free[i]! - free[j]!);
      },
    });
    if (chosen === undefined) {
      // Nothing this window may take: it stays idle (arrivals are not played).
      free[j] = Number.POSITIVE_INFINITY;
      continue;
    }
    queues.take(chosen);
    if (pending.delete(chosen.id)) {
      // A placed ticket ends its own play; it takes no window time from the others placed with it (each is
      // "a ticket issued now", never all of them at once).
      out.set(chosen.id, free[j]!);
      continue;
    }
    if (longest !== undefined) longest = Math.max(longest, at - chosen.issuedAt);
    const handle =
      input.handleMin.get(chosen.matterId) ?? input.matters.get(chosen.matterId)?.avgHandleMin ?? 10;
    free[j]! += handle * input.stillThere((input.now - chosen.issuedAt) / MIN, free[j]!);
  }
  return out;
}
