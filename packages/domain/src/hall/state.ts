import type { DispatchPolicy } from '../dispatch.js';
import type { InService } from '../in-service.js';
import type { Matter, Ticket, Window } from '../model.js';
import type { QueueIndex } from '../queue-index.js';
import { type StaffLinks, withBackupSkills } from '../skills.js';

/**
 * A hall as its steps read it: the windows as stored, who backs up whom (AB岗), the matters, the queue
 * and what the dispatch rule weighs. The live server, the simulator and the window client each build one
 * from what they hold and call the same steps; none composes a call or a release itself.
 */
export interface HallState {
  /** Every window of the hall with its stored state and today's skills (动态调整 applied). */
  readonly windows: readonly Window[];
  /** The hall's clerks as AB岗 links: a present backup's window takes over an absent colleague's skills. */
  readonly staff: readonly StaffLinks[];
  readonly matters: ReadonlyMap<string, Matter>;
  /** The queued tickets, indexed. Steps only read it; the caller applies what they return. */
  readonly queue: QueueIndex;
  /** The rule that picks a window's next ticket (the balancing policy, or FIFO in comparisons). */
  readonly policy: DispatchPolicy;
  /** Current handle-time estimates per matter in minutes; the matter's default where missing. */
  readonly handleMin?: ReadonlyMap<string, number>;
  /** The day's longest wait to a call so far, for the record guard. */
  readonly longestWaitMs?: number;
  /**
   * The visits under way at the windows (`servicesUnderWay`): the dispatch rule weighs when the other
   * windows free up. Absent: every window counts as free.
   */
  readonly inService?: ReadonlyMap<string, InService>;
  /**
   * Whether a new ticket is offered to idle windows narrowest first (OneWindow's rule, the default) or in
   * configuration order (how the simpler systems the simulator compares against do it).
   */
  readonly offerNarrowFirst?: boolean;
  /** Recalls before a ticket counts as a no-show (过号). */
  readonly maxRecalls: number;
  readonly now: number;
}

/**
 * Windows with the skills they have right now: primary and secondary skills as stored (today's
 * 动态调整 included), widened by AB岗 where a clerk covers an absent colleague.
 */
export function effectiveWindows(hall: Pick<HallState, 'windows' | 'staff'>): Window[] {
  // A hall's steps ask again at every event while its windows and staff stay the same objects: the
  // last answer is kept, which also keeps the windows' identity for the estimates' per-window caches.
  const last = LAST_EFFECTIVE.get(hall.staff);
  if (last !== undefined && sameItems(last.windows, hall.windows) && sameItems(last.staff, hall.staff))
    return [...last.out];
  const out = withBackupSkills(hall.windows, hall.staff);
  LAST_EFFECTIVE.set(hall.staff, { windows: [...hall.windows], staff: [...hall.staff], out });
  return [...out];
}

/** effectiveWindows' last answer per staff list (windows and staff links are replaced, never changed). */
const LAST_EFFECTIVE = new WeakMap<
  readonly StaffLinks[],
  { windows: readonly Window[]; staff: readonly StaffLinks[]; out: readonly Window[] }
>();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One window as it calls right now (see effectiveWindows); undefined for an unknown id. */
export function effectiveWindow(
  hall: Pick<HallState, 'windows' | 'staff'>,
  windowId: string,
): Window | undefined {
  return effectiveWindows(hall).find((w) => w.id === windowId);
}

/** A change a step made, in the order it happened: the caller saves and announces each. */
export type HallEffect =
  /** Save the ticket's new state (what screens hear of it comes as `changed` or `called`). */
  | { kind: 'ticket'; ticket: Ticket }
  /** Save the window's new state; screens hear it as it is. */
  | { kind: 'window'; window: Window }
  /** Tell screens what happened to the ticket at the window. */
  | { kind: 'changed'; ticket: Ticket; change: WindowTicketChange }
  /** A call or recall to announce on the boards and by voice. */
  | { kind: 'called'; ticket: Ticket; window: Window; recall: boolean };

/** What happened to a ticket at a window, as screens hear it. */
export type WindowTicketChange = 'started' | 'finished' | 'noShow' | 'transferred' | 'restored';

/** A step's outcome: the ticket and window it leaves, the next ticket it called, and its effects. */
export interface HallStep {
  ticket: Ticket;
  window: Window;
  /** The ticket the freed window called by itself (auto-call), if any. */
  next: Ticket | null;
  effects: HallEffect[];
}
