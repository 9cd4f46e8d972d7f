import { serviceDayOf } from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';
import type { HallRuntime } from '../hall-runtime.js';
import type { StoreTx } from '../store/types.js';
import type { LiveHall } from './live-hall.js';
import { loadLive } from './load.js';

/** What other server instances did, as this one learns it (several servers on one database). */
export interface OtherInstances {
  /** Events appended by other instances, applied to this instance's state in order. */
  caughtUp(hallId: string, events: readonly HallEvent[]): void;
  /** The hall was loaded afresh at this seq (whatever came before is in the state). */
  loaded(hallId: string, seq: number): void;
}

/** Events read per round while catching up with what other server instances wrote. */
const CATCH_UP_PAGE = 500;

/**
 * Every hall's working state, and the per-hall turn that commands and reads take. Within one process a
 * hall's commands run one at a time, so the state a command changes is the state the next one reads.
 * Across processes (several servers on one PostgreSQL) each command first locks the hall's row in the
 * store and applies whatever events other servers appended since this state was current.
 */
export class LiveHalls {
  private readonly halls = new Map<string, LiveHall>();
  private readonly turns = new Map<string, Promise<void>>();

  constructor(private readonly others?: OtherInstances) {}

  /** Waits for this caller's turn at the hall; the function returned ends it (calling it again does nothing). */
  async acquire(hallId: string): Promise<() => void> {
    const before = this.turns.get(hallId) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((r) => {
      release = r;
    });
    const tail = before.then(() => mine);
    this.turns.set(hallId, tail);
    await before;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      release();
      if (this.turns.get(hallId) === tail) this.turns.delete(hallId);
    };
  }

  /** Runs `fn` when it is this caller's turn at the hall. */
  async exclusive<T>(hallId: string, fn: () => Promise<T>): Promise<T> {
    const end = await this.acquire(hallId);
    try {
      return await fn();
    } finally {
      end();
    }
  }

  /** The store lost work these states already hold (a failed commit): every hall is loaded again. */
  discardAll(): void {
    this.halls.clear();
  }

  /**
   * The hall's state as of the store's last event, inside the caller's transaction (which holds the
   * hall's row): loaded on first use, on a new service day and after a configuration change.
   */
  async current(tx: StoreTx, hall: HallRuntime, now: number): Promise<LiveHall> {
    const day = serviceDayOf(now);
    const row = await tx.lockHall(hall.id);
    let live = this.halls.get(hall.id);
    if (live !== undefined && live.day === day && live.version === hall.version && row.lastSeq >= live.seq) {
      while (live.seq < row.lastSeq && !live.stale) {
        const events = await tx.eventsSince(hall.id, live.seq, CATCH_UP_PAGE);
        if (events.length === 0) break;
        for (const e of events) live.applyEvent(e);
        this.others?.caughtUp(hall.id, events);
      }
      if (!live.stale && live.seq === row.lastSeq) {
        live.closedDay = row.closedDay;
        return live;
      }
    }
    live = await loadLive(tx, hall, day, now);
    this.halls.set(hall.id, live);
    this.others?.loaded(hall.id, row.lastSeq);
    return live;
  }

  /** The state as last loaded, if any (for statistics between commands). */
  peek(hallId: string): LiveHall | undefined {
    return this.halls.get(hallId);
  }

  all(): LiveHall[] {
    return [...this.halls.values()];
  }
}
