import type { HallEvent } from '@onewindow/protocol';

/**
 * Emits each hall's events strictly in sequence order. Commands commit one after another, but their
 * continuations may resume in any order; holding an early arrival until its predecessors are out
 * means a screen never sees a gap that is not real.
 */
export class OrderedBroadcaster {
  private readonly next = new Map<string, number>();
  private readonly pending = new Map<string, Map<number, HallEvent>>();

  constructor(private readonly emit: (hallId: string, event: HallEvent) => void) {}

  start(hallId: string, lastSeq: number): void {
    this.next.set(hallId, lastSeq + 1);
    this.pending.set(hallId, new Map());
  }

  publish(hallId: string, events: readonly HallEvent[]): void {
    const pending = this.pending.get(hallId);
    let next = this.next.get(hallId);
    if (pending === undefined || next === undefined) throw new Error(`hall ${hallId} was not started`);
    for (const e of events) if (e.seq >= next) pending.set(e.seq, e);
    for (let e = pending.get(next); e !== undefined; e = pending.get(next)) {
      pending.delete(next);
      next++;
      this.emit(hallId, e);
    }
    this.next.set(hallId, next);
  }
}
