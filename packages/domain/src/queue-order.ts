import type { PriorityClass, Ticket } from './model.js';

/** Queue order: class first (appointment, green, normal), then first come first served. */
export const CLASS_RANK: Readonly<Record<PriorityClass, number>> = { appointment: 0, green: 1, normal: 2 };

/** An appointment counts as one only inside its slot: checked in early, it queues as a normal ticket. */
export function effectiveRank(t: Ticket, now: number | undefined): number {
  if (t.priorityClass === 'appointment' && now !== undefined && t.slotStart !== null && t.slotStart > now) {
    return CLASS_RANK.normal;
  }
  return CLASS_RANK[t.priorityClass];
}

/** Class first, then first come first served; the sequence breaks ties of the same millisecond. */
export function compareQueueOrder(a: Ticket, b: Ticket, now?: number): number {
  return (
    effectiveRank(a, now) - effectiveRank(b, now) ||
    a.issuedAt - b.issuedAt ||
    a.seq - b.seq ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
