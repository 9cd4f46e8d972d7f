import type { Matter, Ticket, Window } from './model.js';
import type { QueueReader } from './queue-index.js';
import { compareQueueOrder } from './queue-order.js';
import { serviceTier } from './skills.js';
import { isQueued } from './ticket.js';

export { CLASS_RANK, compareQueueOrder, effectiveRank } from './queue-order.js';

export interface DispatchContext {
  /** The window that is calling. */
  readonly window: Window;
  /** Queued tickets of the hall (others are ignored). */
  readonly tickets: readonly Ticket[];
  readonly matters: ReadonlyMap<string, Matter>;
  readonly now: number;
  /** Every window of the hall, to see which other windows could serve a matter. */
  readonly windows?: readonly Window[];
  /** Current handle-time estimate per matter in minutes; the matter's default where missing. */
  readonly handleMin?: ReadonlyMap<string, number>;
  /**
   * The same queue, indexed. Policies that can use it look only at queue heads; when it is given it
   * must hold exactly the queued tickets of `tickets` (which may then be left empty).
   */
  readonly index?: QueueReader;
  /**
   * The day's longest wait to a call so far (the largest calledAt − issuedAt among the hall's tickets
   * called today), for policies that must not set a new record while they reorder the queue. Absent:
   * unknown, and such a policy does not guard it.
   */
  readonly longestWaitMs?: number;
  /**
   * Minutes until a calling window is expected to be free (0: free now), for policies that weigh how
   * long a ticket passed over would wait for another window (`expectedFreeIn`). Absent: unknown, and
   * every window counts as free now.
   */
  readonly freeInMin?: (windowId: string) => number;
}

/** One function decides which ticket a window gets. */
export type DispatchPolicy = (ctx: DispatchContext) => Ticket | undefined;

/** A queued ticket this window may call: targeted at it, or untargeted and within its skills. */
export function isEligible(
  window: Window,
  ticket: Ticket,
  matters: ReadonlyMap<string, Pick<Matter, 'id' | 'categoryId'>>,
): boolean {
  if (!isQueued(ticket) || ticket.hallId !== window.hallId) return false;
  if (ticket.targetWindowId !== null) return ticket.targetWindowId === window.id;
  const matter = matters.get(ticket.matterId);
  return matter !== undefined && serviceTier(window, matter) !== null;
}

/** The first rule: eligible tickets only; appointment > green > normal; FIFO inside a class. */
export const priorityFifo: DispatchPolicy = ({ window, tickets, matters, now }) => {
  let best: Ticket | undefined;
  for (const t of tickets) {
    if (!isEligible(window, t, matters)) continue;
    if (best === undefined || compareQueueOrder(t, best, now) < 0) best = t;
  }
  return best;
};

export function selectNext(ctx: DispatchContext, policy: DispatchPolicy): Ticket | undefined {
  return policy(ctx);
}
