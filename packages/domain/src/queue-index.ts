import type { Ticket } from './model.js';
import { CLASS_RANK, compareQueueOrder } from './queue-order.js';
import { isQueued } from './ticket.js';

/**
 * What a dispatch decision reads of the queue: the queues' heads, their lengths and the oldest ticket.
 * The live QueueIndex is one; the wait forecast plays calls forward on a cheap copy of the heads.
 */
export interface QueueReader {
  matterIds(): Iterable<string>;
  /** Untargeted queued tickets of a matter in queue order (a reader may hold only the first ones). */
  matterQueue(matterId: string): readonly Ticket[];
  /** How many untargeted tickets of the matter are queued. */
  queueLength(matterId: string): number;
  /** Tickets transferred to this window, in queue order. */
  targetedAt(windowId: string): readonly Ticket[];
  /** Issue time of the ticket that has waited longest, or +∞ when nothing is queued. */
  oldestIssuedAt(): number;
}

/**
 * A hall's queued tickets kept sorted per matter (and per target window for tickets transferred to a
 * window), so a dispatch decision looks at the head of each queue instead of at every ticket. Callers
 * that decide often (the simulator, a busy server) keep one up to date with add and remove.
 */
export class QueueIndex implements QueueReader {
  private readonly byMatter = new Map<string, Ticket[]>();
  private readonly byTarget = new Map<string, Ticket[]>();
  private readonly tickets = new Map<string, Ticket>();
  /** Every queued ticket in no particular order, and where each one is in it (swap-remove). */
  private readonly flat: Ticket[] = [];
  private readonly at = new Map<string, number>();

  constructor(tickets: Iterable<Ticket> = []) {
    for (const t of tickets) this.add(t);
  }

  get size(): number {
    return this.tickets.size;
  }

  has(id: string): boolean {
    return this.tickets.has(id);
  }

  get(id: string): Ticket | undefined {
    return this.tickets.get(id);
  }

  /** Adds (or replaces) a queued ticket; a ticket that is not queued is removed instead. */
  add(t: Ticket): void {
    this.remove(t.id);
    if (!isQueued(t)) return;
    this.tickets.set(t.id, t);
    this.at.set(t.id, this.flat.length);
    this.flat.push(t);
    const list = this.listFor(t, true)!;
    // Binary insertion in queue order (nominal class, then issue time).
    list.splice(lowerBound(list, t), 0, t);
  }

  remove(id: string): void {
    const t = this.tickets.get(id);
    if (t === undefined) return;
    this.tickets.delete(id);
    const slot = this.at.get(id)!;
    const last = this.flat.pop()!;
    if (last.id !== id) {
      this.flat[slot] = last;
      this.at.set(last.id, slot);
    }
    this.at.delete(id);
    const list = this.listFor(t, false);
    if (list === undefined) return;
    // The list is in queue order and `t` is the object that was inserted: found by binary search.
    const i = lowerBound(list, t);
    if (list[i] === t) list.splice(i, 1);
    else {
      const j = list.indexOf(t);
      if (j >= 0) list.splice(j, 1);
    }
  }

  /** Untargeted queued tickets of a matter, in queue order. */
  matterQueue(matterId: string): readonly Ticket[] {
    return this.byMatter.get(matterId) ?? [];
  }

  queueLength(matterId: string): number {
    return this.byMatter.get(matterId)?.length ?? 0;
  }

  matterIds(): IterableIterator<string> {
    return this.byMatter.keys();
  }

  /** Windows with tickets transferred to them. */
  targetIds(): IterableIterator<string> {
    return this.byTarget.keys();
  }

  /** Tickets transferred to this window, in queue order. */
  targetedAt(windowId: string): readonly Ticket[] {
    return this.byTarget.get(windowId) ?? [];
  }

  all(): Ticket[] {
    return [...this.flat];
  }

  /**
   * The queued tickets without a copy, in no particular order: read it at once and let it go, since
   * the next add or remove changes it.
   */
  unordered(): readonly Ticket[] {
    return this.flat;
  }

  /** Issue time of the ticket that has waited longest, or +∞ when nothing is queued. */
  oldestIssuedAt(): number {
    return oldestOf([this.byMatter.values(), this.byTarget.values()]);
  }

  private listFor(t: Ticket, create: boolean): Ticket[] | undefined {
    const map = t.targetWindowId === null ? this.byMatter : this.byTarget;
    const key = t.targetWindowId ?? t.matterId;
    let list = map.get(key);
    if (list === undefined && create) {
      list = [];
      map.set(key, list);
    }
    return list;
  }
}

/** The oldest issue time in queue-ordered lists: sorted by class first, so only each class's first counts. */
export function oldestOf(groups: Iterable<Iterable<readonly Ticket[]>>): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const lists of groups) {
    for (const list of lists) {
      for (const t of list) {
        if (t.issuedAt < oldest) oldest = t.issuedAt;
        if (CLASS_RANK[t.priorityClass] === CLASS_RANK.normal) break;
      }
    }
  }
  return oldest;
}

/** First place in `list` (in queue order) that is not before `t`. */
function lowerBound(list: readonly Ticket[], t: Ticket): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareQueueOrder(list[mid]!, t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
