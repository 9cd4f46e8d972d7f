import type { DispatchPolicy } from './dispatch.js';
import type { OpenInterval } from './hours.js';
import type { InService } from './in-service.js';
import type { Matter, Ticket, Window } from './model.js';
import type { QueueIndex } from './queue-index.js';
import type { VisitDurations } from './visit-durations.js';
import type { WaitCalibration } from './wait-calibration.js';

export type { InService } from './in-service.js';

export interface QueueView {
  readonly tickets: readonly Ticket[];
  /** Every ticket of `tickets` is queued (they need no filtering). */
  readonly allQueued?: boolean;
  /**
   * The same queued tickets kept in a QueueIndex: estimates read it instead of building one. A ticket's
   * position reads only the index (so `tickets` may be left empty); queueStats counts from `tickets`.
   */
  readonly index?: QueueIndex;
  readonly windows: readonly Window[];
  readonly matters: ReadonlyMap<string, Matter>;
  /** Live handle-time estimates per matter; the matter's default where missing. */
  readonly handleMin?: ReadonlyMap<string, number>;
  /** The hall's recent visit lengths per matter: how long a visit under way has left. */
  readonly visits?: VisitDurations;
  /** What each busy window is doing, keyed by window id. */
  readonly inService?: ReadonlyMap<string, InService>;
  readonly now?: number;
  /** Recent calls per minute of each matter: how fast its queue has actually been moving. */
  readonly callRatePerMin?: ReadonlyMap<string, number>;
  /** How much the observed pace counts against the structural estimate (0…1). */
  readonly paceWeight?: number;
  /** The hall's learned correction and range; without it the structural estimate is told as it is. */
  readonly calibration?: WaitCalibration;
  /**
   * The hall's dispatch policy: with it an estimate plays the calls forward as the policy will make them
   * (forecastWait); without it the work ahead is scheduled in queue order.
   */
  readonly policy?: DispatchPolicy;
  /** The day's longest wait to a call so far, which the policy's record guard reads. */
  readonly longestWaitMs?: number;
  /** The hall's opening intervals today: the planned hours of every window without its own. */
  readonly hallHours?: readonly OpenInterval[];
}
