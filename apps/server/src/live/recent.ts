import type { Ticket } from '@onewindow/domain';

/**
 * The newest few tickets by one instant (finished, called), kept sorted as tickets change: what a
 * snapshot shows of the day without reading the day. It keeps some slack beyond what is shown, so a
 * ticket that leaves (a no-show taken back) does not leave the shown part short.
 */
export class RecentTickets {
  private list: Ticket[] = [];

  constructor(
    /** The instant the list is ordered by (newest first), or null when the ticket does not belong. */
    private readonly instant: (t: Ticket) => number | null,
    private readonly keep: number,
  ) {}

  /** Puts the ticket's current version in its place (or takes it out); returns how to undo that. */
  put(t: Ticket): () => void {
    const before = this.list;
    const at = this.instant(t);
    const rest = before.filter((x) => x.id !== t.id);
    if (at === null) {
      if (rest.length !== before.length) this.list = rest;
      return () => {
        this.list = before;
      };
    }
    let i = 0;
    while (i < rest.length && this.before(rest[i]!, at, t.id)) i++;
    if (i >= this.keep) {
      this.list = rest;
    } else {
      rest.splice(i, 0, t);
      this.list = rest.length > this.keep ? rest.slice(0, this.keep) : rest;
    }
    return () => {
      this.list = before;
    };
  }

  /** Newest first, at most `n`. */
  top(n: number): Ticket[] {
    return this.list.slice(0, n);
  }

  clear(): void {
    this.list = [];
  }

  /** Whether `x` comes before a ticket at `at` with id `id`: newer first, then by id. */
  private before(x: Ticket, at: number, id: string): boolean {
    const xa = this.instant(x) ?? 0;
    return xa > at || (xa === at && x.id < id);
  }
}
