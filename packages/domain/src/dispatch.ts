import type { Matter, PriorityClass, Ticket, Window } from './model.js';
import { serviceTier } from './skills.js';
import { isQueued } from './ticket.js';

export const CLASS_RANK: Readonly<Record<PriorityClass, number>> = { appointment: 0, green: 1, normal: 2 };

export interface DispatchContext {
  readonly window: Window;
  /** Queued tickets of the hall (others are ignored). */
  readonly tickets: readonly Ticket[];
  readonly matters: ReadonlyMap<string, Matter>;
  readonly now: number;
}

/** One function decides which ticket a window gets; the balancing policy replaces it wholesale. */
export type DispatchPolicy = (ctx: DispatchContext) => Ticket | undefined;

/** A queued ticket this window may call: targeted at it, or untargeted and within its skills. */
export function isEligible(window: Window, ticket: Ticket, matters: ReadonlyMap<string, Matter>): boolean {
  if (!isQueued(ticket) || ticket.hallId !== window.hallId) return false;
  if (ticket.targetWindowId !== null) return ticket.targetWindowId === window.id;
  const matter = matters.get(ticket.matterId);
  return matter !== undefined && serviceTier(window, matter) !== null;
}

/** Class first, then first come first served; the sequence breaks ties of the same millisecond. */
export function compareQueueOrder(a: Ticket, b: Ticket): number {
  return (
    CLASS_RANK[a.priorityClass] - CLASS_RANK[b.priorityClass] ||
    a.issuedAt - b.issuedAt ||
    a.seq - b.seq ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The first rule: eligible tickets only; appointment > green > normal; FIFO inside a class. */
export const priorityFifo: DispatchPolicy = ({ window, tickets, matters }) => {
  let best: Ticket | undefined;
  for (const t of tickets) {
    if (!isEligible(window, t, matters)) continue;
    if (best === undefined || compareQueueOrder(t, best) < 0) best = t;
  }
  return best;
};

export const defaultPolicy: DispatchPolicy = priorityFifo;

export function selectNext(ctx: DispatchContext, policy: DispatchPolicy = defaultPolicy): Ticket | undefined {
  return policy(ctx);
}
