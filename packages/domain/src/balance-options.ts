import type { Matter } from './model.js';

/** The knobs of OneWindow's dispatch (`balancedPolicy`), and the live server's and simulator's defaults. */
export interface BalanceOptions {
  /** How much a window values work from its secondary skills against its primary ones. */
  secondaryWeight: number;
  /** Weight of a matter's backlog per serving window against its head ticket's wait. */
  backlogWeight: number;
  /**
   * The starvation bound: a ticket that has waited longer than this many times its matter's target
   * wait (and at least `starvationMinMin` minutes) is overdue, and overdue tickets are called first.
   */
  starvationFactor: number;
  starvationMinMin: number;
  /**
   * `minutes`: score by the minutes the matter's head would wait if this window passed it over;
   * `ratio`: the same, divided by the matter's target wait. Targets grow with visit length, so `ratio`
   * favours short visits on top of `shortFirst`: long visits' whole queues fell behind and the day's
   * longest wait rose above FIFO's on days nobody tuned to (measured in packages/sim/README.md).
   */
  scoring: 'minutes' | 'ratio';
  /**
   * Weight of the minutes until another window able to take the matter is expected to free up (from
   * the visits under way, `DispatchContext.freeInMin`): a head whose other windows are all in long
   * visits waits long if this one passes it over; one whose other window is about to free up does not.
   */
  nextWindowWeight: number;
  /** An overdue ticket is also among the hall's longest waits: at least this share of the longest. */
  guardShare: number;
  /**
   * The bound across classes: a ticket that has waited this many minutes beyond its matter's target
   * is no longer passed over for green-channel or appointment tickets that came after it, except
   * those that have waited `crossClassKeepShare` of its wait.
   */
  crossClassLimitMin: number;
  /**
   * What the cross-class bound leaves the higher classes: a green-channel or appointment ticket that has
   * waited at least this share of the overdue lower-class ticket's wait keeps its turn. Without it, on a
   * busy day every normal ticket is past its bound and 绿色通道 residents wait nearly as long as everyone
   * (18 minutes against FIFO's 1.7 on the busiest bent day; 9.6 with a quarter, measured in
   * packages/sim/README.md); with it they wait about this share of the longest-waiting normal ticket's
   * wait, and that ticket still goes before fresh arrivals of the higher classes. 0: the bound passes
   * every later higher-class ticket.
   */
  crossClassKeepShare: number;
  /**
   * How strongly short visits go first: the score is divided by the matter's handle time to this power
   * (0: not at all). Serving short visits first lowers the mean wait (the cµ rule); the guards above
   * keep long visits from waiting without bound.
   */
  shortFirst: number;
  /**
   * The record guard: a ticket that has waited this share of the day's longest wait to a call (and at
   * least `recordMinMin` minutes) is overdue. Short visits first may reorder the queue, but a resident
   * who would set a new record for the day goes first; a share just under 1 fires while a window can
   * still free up in time, so the longest wait stays near FIFO's (measured in packages/sim/README.md).
   */
  recordShare: number;
  recordMinMin: number;
  /**
   * The saturation bound: when a competing matter's queued work per window able to take it reaches
   * this many times its target wait, every ticket joining it will be late whatever the order, and
   * reordering only moves waits around (and stretches the longest). The window then calls in arrival
   * order inside the class, as FIFO would, until the backlog falls back. 0 turns it off.
   */
  saturationRatio: number;
  /**
   * The cross-class bound while saturated: every ticket is past its target then, so the usual bound
   * would undo the classes altogether (绿色通道 and appointments wait as long as everyone); this longer
   * one only keeps a lower class from starving behind a stream of higher-class tickets.
   */
  saturatedCrossClassLimitMin: number;
}

export const DEFAULT_BALANCE: BalanceOptions = {
  secondaryWeight: 0.5,
  backlogWeight: 1,
  starvationFactor: 1.5,
  starvationMinMin: 20,
  scoring: 'minutes',
  nextWindowWeight: 1,
  guardShare: 0.95,
  crossClassLimitMin: 25,
  crossClassKeepShare: 0.25,
  shortFirst: 0.6,
  recordShare: 0.97,
  recordMinMin: 15,
  saturationRatio: 2,
  saturatedCrossClassLimitMin: 120,
};

/** Minutes after which a ticket of this matter is overdue. */
export function starvationBoundMin(
  matter: Pick<Matter, 'targetWaitMin'>,
  o: BalanceOptions = DEFAULT_BALANCE,
): number {
  return Math.max(o.starvationMinMin, o.starvationFactor * matter.targetWaitMin);
}
