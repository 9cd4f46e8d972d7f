import { CLASS_RANK, compareQueueOrder } from './dispatch.js';
import type { Ticket } from './model.js';
import { isQueued } from './ticket.js';

/**
 * A hall's queued tickets kept sorted per matter (and per target window for tickets transferred to a
 * window), so a dispatch decision looks at the head of each queue instead of at every ticket. Callers
 * that decide often (the simulator, a busy server) keep one up to date with add and remove.
 */
export class QueueIndex {
  private readonly byMatter = new Map<string, Ticket[]>();
  private readonly byTarget = new Map<string, Ticket[]>();
  private readonly tickets = new Map<string, Ticket>();

  constructor(tickets: Iterable<Ticket> = []) {
    for (const t of tickets) this.add(t);
  }

  get size(): number {
    return this.tickets.size;
  }

  has(id: string): boolean {
    return this.tickets.has(id);
  }

  /** Adds (or replaces) a queued ticket; a ticket that is not queued is removed instead. */
  add(t: Ticket): void {
    this.remove(t.id);
    if (!isQueued(t)) return;
    this.tickets.set(t.id, t);
    const list = this.listFor(t, true)!;
    // Binary insertion in queue order (nominal class, then issue time).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareQueueOrder(list[mid]!, t) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, t);
  }

  remove(id: string): void {
    const t = this.tickets.get(id);
    if (t === undefined) return;
    this.tickets.delete(id);
    const list = this.listFor(t, false);
    const i = list?.findIndex((x) => x.id === id) ?? -1;
    if (list !== undefined && i >= 0) list.splice(i, 1);
  }

  /** Untargeted queued tickets of a matter, in queue order. */
  matterQueue(matterId: string): readonly Ticket[] {
    return this.byMatter.get(matterId) ?? [];
  }

  matterIds(): IterableIterator<string> {
    return this.byMatter.keys();
  }

  /** Tickets transferred to this window, in queue order. */
  targetedAt(windowId: string): readonly Ticket[] {
    return this.byTarget.get(windowId) ?? [];
  }

  all(): Ticket[] {
    return [...this.tickets.values()];
  }

  /** Issue time of the ticket that has waited longest, or +∞ when nothing is queued. */
  oldestIssuedAt(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const lists of [this.byMatter, this.byTarget]) {
      for (const list of lists.values()) {
        // Sorted by class first: only the first ticket of each class can be the oldest.
        for (const t of list) {
          if (t.issuedAt < oldest) oldest = t.issuedAt;
          if (CLASS_RANK[t.priorityClass] === CLASS_RANK.normal) break;
        }
      }
    }
    return oldest;
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
