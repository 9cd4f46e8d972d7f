import {
  AUDIENCES,
  type Audience,
  eventFor,
  type HallEvent,
  type HallEventBatch,
  rendersEvent,
} from '@onewindow/protocol';

/**
 * Sends each hall's events strictly in sequence order, one batch per command. Commands commit one
 * after another, but their continuations may resume in any order; holding an early arrival until its
 * predecessors are out means a screen never sees a gap that is not real. Each kind of screen gets only
 * the events it renders, with the seq its last batch ended at, so gaps stay detectable.
 */
export class OrderedBroadcaster {
  private readonly next = new Map<string, number>();
  private readonly pending = new Map<string, Map<number, Pending>>();
  private readonly lastSent = new Map<string, Record<Audience, number>>();

  constructor(
    private readonly emit: (hallId: string, audience: Audience, batch: HallEventBatch) => void,
    /** Every event in order, one at a time (in-process screens such as LED bridges). */
    private readonly each: (hallId: string, event: HallEvent) => void = () => {},
  ) {}

  start(hallId: string, lastSeq: number): void {
    this.next.set(hallId, lastSeq + 1);
    this.pending.set(hallId, new Map());
    this.lastSent.set(hallId, { full: lastSeq, board: lastSeq, kiosk: lastSeq });
  }

  /** Events this instance committed: sent to the screens in order. */
  publish(hallId: string, events: readonly HallEvent[]): void {
    this.accept(hallId, events, true);
  }

  /**
   * Events another instance committed and sent (several servers on one database): in-process screens
   * hear them, and this instance's next batch continues from them, but nothing is sent again.
   */
  passed(hallId: string, events: readonly HallEvent[]): void {
    this.accept(hallId, events, false);
  }

  /**
   * Everything up to `seq` was sent elsewhere and is not known here one by one (a hall loaded afresh
   * while other instances worked): the next batch continues from it; screens that miss a step resync.
   */
  skipTo(hallId: string, seq: number): void {
    const next = this.next.get(hallId);
    const pending = this.pending.get(hallId);
    const sent = this.lastSent.get(hallId);
    if (next === undefined || pending === undefined || sent === undefined || seq < next) return;
    for (const k of pending.keys()) if (k <= seq) pending.delete(k);
    this.next.set(hallId, seq + 1);
    for (const a of AUDIENCES) sent[a] = Math.max(sent[a], seq);
    this.accept(hallId, [], true);
  }

  /** The next seq this instance waits for (all before it are out). */
  expected(hallId: string): number | undefined {
    return this.next.get(hallId);
  }

  private accept(hallId: string, events: readonly HallEvent[], own: boolean): void {
    const pending = this.pending.get(hallId);
    const sent = this.lastSent.get(hallId);
    let next = this.next.get(hallId);
    if (pending === undefined || sent === undefined || next === undefined)
      throw new Error(`hall ${hallId} was not started`);
    for (const e of events) if (e.seq >= next) pending.set(e.seq, { event: e, own });
    const ready: Pending[] = [];
    for (let p = pending.get(next); p !== undefined; p = pending.get(next)) {
      pending.delete(next);
      next++;
      ready.push(p);
    }
    this.next.set(hallId, next);
    for (const p of ready) this.each(hallId, p.event);
    // Runs of own events go out as batches; a run of foreign ones only moves each audience's mark.
    let start = 0;
    while (start < ready.length) {
      const own = ready[start]?.own;
      let end = start;
      while (end < ready.length && ready[end]?.own === own) end++;
      const run = ready.slice(start, end).map((p) => p.event);
      start = end;
      const last = run.at(-1)?.seq;
      if (last === undefined) continue;
      for (const audience of AUDIENCES) {
        const mine = run.filter((e) => rendersEvent(audience, e));
        if (mine.length === 0) continue;
        if (own) {
          this.emit(hallId, audience, {
            hallId,
            prev: sent[audience],
            last,
            events: mine.map((e) => eventFor(audience, e)),
          });
          sent[audience] = last;
        } else {
          // The other instance's batch ended at or after this event: a screen that has it is not behind.
          sent[audience] = mine.at(-1)?.seq ?? sent[audience];
        }
      }
    }
  }
}

interface Pending {
  event: HallEvent;
  own: boolean;
}
