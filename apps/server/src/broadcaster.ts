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
  private readonly pending = new Map<string, Map<number, HallEvent>>();
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

  publish(hallId: string, events: readonly HallEvent[]): void {
    const pending = this.pending.get(hallId);
    const sent = this.lastSent.get(hallId);
    let next = this.next.get(hallId);
    if (pending === undefined || sent === undefined || next === undefined)
      throw new Error(`hall ${hallId} was not started`);
    for (const e of events) if (e.seq >= next) pending.set(e.seq, e);
    const ready: HallEvent[] = [];
    for (let e = pending.get(next); e !== undefined; e = pending.get(next)) {
      pending.delete(next);
      next++;
      ready.push(e);
    }
    this.next.set(hallId, next);
    const last = ready.at(-1)?.seq;
    if (last === undefined) return;
    for (const e of ready) this.each(hallId, e);
    for (const audience of AUDIENCES) {
      const mine = ready.filter((e) => rendersEvent(audience, e)).map((e) => eventFor(audience, e));
      if (mine.length === 0) continue;
      this.emit(hallId, audience, { hallId, prev: sent[audience], last, events: mine });
      sent[audience] = last;
    }
  }
}
