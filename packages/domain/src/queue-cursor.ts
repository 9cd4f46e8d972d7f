import type { Ticket } from './model.js';
import { CLASS_RANK, effectiveRank } from './queue-order.js';

/** `o` (of effective rank `oRank`) is called before `t`: compareQueueOrder, unrolled. */
export function before(o: Ticket, oRank: number, t: Ticket, tRank: number): boolean {
  if (oRank !== tRank) return oRank < tRank;
  if (o.issuedAt !== t.issuedAt) return o.issuedAt < t.issuedAt;
  if (o.seq !== t.seq) return o.seq < t.seq;
  return o.id < t.id;
}

/**
 * One of the index's queues (a matter's, or a window's transfers) prepared for reading in call order as
 * of `now`. The index sorts by nominal class, so appointments whose slot has not begun yet (they count
 * as normal until then) are re-sorted here; they are few, the rest is already in order.
 */
export class Prepared {
  readonly early: Ticket[];
  readonly earlyRank: number[];
  readonly restFrom: number;

  constructor(
    readonly list: readonly Ticket[],
    now: number | undefined,
  ) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (CLASS_RANK[list[mid]!.priorityClass] === CLASS_RANK.appointment) lo = mid + 1;
      else hi = mid;
    }
    this.restFrom = lo;
    const ranked = list.slice(0, lo).map((t) => ({ t, rank: effectiveRank(t, now) }));
    ranked.sort((a, b) => (before(a.t, a.rank, b.t, b.rank) ? -1 : 1));
    this.early = ranked.map((x) => x.t);
    this.earlyRank = ranked.map((x) => x.rank);
  }

  /** How many of this queue are called before `t`: a scan of the few appointments, a search of the rest. */
  countBefore(t: Ticket, rank: number): number {
    let n = 0;
    for (let i = 0; i < this.early.length; i++) if (before(this.early[i]!, this.earlyRank[i]!, t, rank)) n++;
    let lo = this.restFrom;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const o = this.list[mid]!;
      if (before(o, CLASS_RANK[o.priorityClass], t, rank)) lo = mid + 1;
      else hi = mid;
    }
    return n + lo - this.restFrom;
  }
}

/** A read of one prepared queue in call order; `head` is the next ticket (undefined at the end). */
export class Cursor {
  private e = 0;
  private r: number;
  consumed = 0;
  head: Ticket | undefined;
  headRank = 0;

  constructor(
    readonly q: Prepared,
    /** The part of this queue's work that delays the ticket being placed. */
    readonly share: number,
    /** Positions (in the placed ticket's windows) of the windows that may take this queue's tickets. */
    readonly slots: readonly number[],
  ) {
    this.r = q.restFrom;
    this.settle();
  }

  private settle(): void {
    const a = this.q.early[this.e];
    const b = this.q.list[this.r];
    const br = b === undefined ? 0 : CLASS_RANK[b.priorityClass];
    if (a !== undefined && (b === undefined || before(a, this.q.earlyRank[this.e]!, b, br))) {
      this.head = a;
      this.headRank = this.q.earlyRank[this.e]!;
    } else {
      this.head = b;
      this.headRank = br;
    }
  }

  take(): void {
    if (this.head === this.q.early[this.e]) this.e++;
    else this.r++;
    this.consumed++;
    this.settle();
  }
}
