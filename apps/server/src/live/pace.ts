import { PACE_WINDOW_MIN, type Ticket } from '@onewindow/domain';

const WINDOW_MS = PACE_WINDOW_MIN * 60_000;

/**
 * Calls per matter over the last half hour, kept as tickets are called: the same count the store
 * gives for "tickets whose last call is at or after now − 30 min", by their current matter, without
 * reading the day's tickets.
 */
export class CallPace {
  private readonly last = new Map<string, { matterId: string; at: number }>();
  private readonly counts = new Map<string, number>();
  /** Call instants, oldest first; an entry whose ticket was called again since is skipped when it expires. */
  private queue: { at: number; ticketId: string }[] = [];
  private head = 0;

  /** Records the ticket's latest call; returns how to undo that. */
  put(t: Pick<Ticket, 'id' | 'matterId' | 'calledAt'>): () => void {
    const prev = this.last.get(t.id);
    if (t.calledAt === null || (prev !== undefined && prev.at === t.calledAt && prev.matterId === t.matterId))
      return () => {};
    this.set(t.id, { matterId: t.matterId, at: t.calledAt });
    if (prev?.at !== t.calledAt) this.enqueue(t.calledAt, t.id);
    return () => this.set(t.id, prev);
  }

  /** Calls per minute of each matter that had any in the last half hour. */
  rates(now: number): Map<string, number> {
    this.expire(now - WINDOW_MS);
    const out = new Map<string, number>();
    for (const [m, n] of this.counts) if (n > 0) out.set(m, n / PACE_WINDOW_MIN);
    return out;
  }

  /** Every counted call, for comparing with the store. */
  entries(now: number): Map<string, { matterId: string; at: number }> {
    this.expire(now - WINDOW_MS);
    return new Map(this.last);
  }

  clear(): void {
    this.last.clear();
    this.counts.clear();
    this.queue = [];
    this.head = 0;
  }

  private set(ticketId: string, next: { matterId: string; at: number } | undefined): void {
    const prev = this.last.get(ticketId);
    if (prev !== undefined) this.counts.set(prev.matterId, (this.counts.get(prev.matterId) ?? 1) - 1);
    if (next === undefined) {
      this.last.delete(ticketId);
      return;
    }
    this.last.set(ticketId, next);
    this.counts.set(next.matterId, (this.counts.get(next.matterId) ?? 0) + 1);
  }

  /** Calls arrive in time order, so this is an append; a late one (another instance's clock) slots in. */
  private enqueue(at: number, ticketId: string): void {
    let i = this.queue.length;
    while (i > this.head && this.queue[i - 1]!.at > at) i--;
    this.queue.splice(i, 0, { at, ticketId });
  }

  private expire(since: number): void {
    while (this.head < this.queue.length && this.queue[this.head]!.at < since) {
      const { at, ticketId } = this.queue[this.head]!;
      this.head++;
      if (this.last.get(ticketId)?.at === at) this.set(ticketId, undefined);
    }
    // Drop the consumed front now and then, so the array does not grow all day.
    if (this.head > 1_024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
