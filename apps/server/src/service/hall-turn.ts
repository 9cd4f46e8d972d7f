import type { DeviceIdentity } from '@onewindow/protocol';
import type { HallRuntime } from '../hall-runtime.js';
import { enqueueHallEvents } from '../integrations/hall-events.js';
import type { LiveHall } from '../live/live-hall.js';
import type { LiveHalls } from '../live/registry.js';
import { GroupCommitError } from '../store/group-commit.js';
import type { EventActor } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import type { Ctx } from './ops.js';

/**
 * A hall's turn: every change runs alone in it, inside one store transaction, against the hall's
 * live state, and its events are published after the commit; reads take the turn for a consistent
 * moment; another instance's commits are followed in it.
 */
export class HallTurns {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'store' | 'clock' | 'publish' | 'halls' | 'deliveries'>,
    private readonly live: LiveHalls,
  ) {}

  /**
   * Runs `fn` as one change of the hall: in the hall's turn, inside one store transaction, with the
   * hall's live state current. The events `fn` leaves in its context are appended and published after
   * the commit; if anything fails, the store and the live state are both left as they were.
   */
  async run<T>(hall: HallRuntime, device: DeviceIdentity, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    const endTurn = await this.live.acquire(hall.id);
    let live: LiveHall | undefined;
    let workDone = false;
    try {
      const { result, events } = await this.deps.store.transaction(
        async (tx) => {
          const now = this.deps.clock.now();
          live = await this.live.current(tx, hall, now);
          live.begin();
          const ctx: Ctx = { tx, hall, live, now, day: live.day, device, events: [] };
          const result = await fn(ctx);
          const events = await tx.appendEvents(hall.id, ctx.events, actorOf(device, live));
          // Subscribers hear of it through the outbox, committed with the command or not at all.
          if (this.deps.deliveries !== undefined && events.length > 0)
            await enqueueHallEvents(this.deps.deliveries, tx, hall, events);
          const last = events.at(-1);
          if (last !== undefined) live.setSeq(last.seq);
          return { result, events };
        },
        {
          // The work is in and only the commit is pending: the hall's next command may start now (it
          // commits with this one, or fails with it).
          afterWork: () => {
            workDone = true;
            live?.done();
            endTurn();
          },
        },
      );
      if (events.length > 0) this.deps.publish(hall.id, events);
      return result;
    } catch (e) {
      // A failed commit loses the work of every command committed with it: all states load again.
      if (e instanceof GroupCommitError) this.live.discardAll();
      else if (!workDone) live?.rollback();
      throw e;
    } finally {
      endTurn();
    }
  }

  /** Reads the hall's live state in its turn (a consistent moment: one `seq`). */
  read<T>(hall: HallRuntime, fn: (live: LiveHall, now: number) => T): Promise<T> {
    return this.live.exclusive(hall.id, () =>
      this.deps.store.read(async (tx) => {
        const now = this.deps.clock.now();
        return fn(await this.live.current(tx, hall, now), now);
      }),
    );
  }

  /** Halls with a catch-up asked for and not yet begun (notices of other instances are coalesced). */
  private readonly catching = new Set<string>();

  /** Another instance committed the hall's events up to `seq`: this instance's state follows. */
  async catchUp(hallId: string, seq: number): Promise<void> {
    const hall = this.deps.halls.find(hallId);
    const known = this.live.peek(hallId)?.seq ?? Number.NEGATIVE_INFINITY;
    if (hall === undefined || known >= seq || this.catching.has(hallId)) return;
    this.catching.add(hallId);
    await this.live.exclusive(hallId, async () => {
      // A notice that comes in from here on asks again: this read may not see its events.
      this.catching.delete(hallId);
      await this.deps.store.read((tx) => this.live.current(tx, hall, this.deps.clock.now()));
    });
  }
}

/** Who is behind a command: the console person, else the clerk signed in at the device's window. */
function actorOf(device: DeviceIdentity, live: LiveHall): EventActor {
  const staff = device.windowId === null ? null : (live.windows.get(device.windowId)?.staffId ?? null);
  return { deviceId: device.deviceId, actor: device.person?.id ?? staff };
}
