import type { OpenInterval } from './hours.js';
import type { Window } from './model.js';
import { clockTimeToMinutes, MINUTE_MS, shanghaiMinuteOfDay } from './time.js';

/**
 * A window's planned hours today (错峰午休, a window that closes early) as minutes from now, so an
 * estimate knows that a window about to go to lunch takes nobody after 12:00 and that one at lunch
 * calls again at 13:30. A visit under way at the close runs to its end; a window takes a new ticket only
 * inside an interval. Without planned hours a window is taken to stay as it is.
 */
export class PlannedHours {
  private constructor(
    /** [open, close) in minutes from now, in order, only those not over yet. */
    private readonly spans: readonly (readonly [number, number])[],
    /** Minutes from now to the opening of the day's first interval (≤ 0: the day has begun). */
    readonly dayOpensIn: number,
  ) {}

  /**
   * The window's plan seen from `now` (epoch ms): its own hours, else the hall's (`hallHours`, today's
   * intervals); undefined: no plan (it stays as it is now).
   */
  static of(
    window: Pick<Window, 'hours'>,
    now: number,
    hallHours?: readonly OpenInterval[],
  ): PlannedHours | undefined {
    const hours = window.hours ?? hallHours;
    if (hours === undefined || hours.length === 0) return undefined;
    return PlannedHours.fromIntervals(hours, shanghaiMinuteOfDay(now) + (now % MINUTE_MS) / MINUTE_MS);
  }

  /** The plan of `intervals` for a clock at `minuteOfDay` (fractional minutes since midnight). */
  static fromIntervals(intervals: readonly OpenInterval[], minuteOfDay: number): PlannedHours {
    const spans: [number, number][] = [];
    let first = Number.POSITIVE_INFINITY;
    for (const i of intervals) {
      const open = clockTimeToMinutes(i.open) - minuteOfDay;
      const close = clockTimeToMinutes(i.close) - minuteOfDay;
      first = Math.min(first, open);
      if (close > 0) spans.push([open, close]);
    }
    return new PlannedHours(spans, first);
  }

  /** Inside an interval now. */
  get openNow(): boolean {
    const first = this.spans[0];
    return first !== undefined && first[0] <= 0;
  }

  /** Closed now with an interval later today: at lunch, or not yet started. */
  get opensLater(): boolean {
    return !this.openNow && this.spans.length > 0;
  }

  /** Between two intervals of a day that has begun: a planned break, not the night before. */
  get onBreak(): boolean {
    return this.dayOpensIn <= 0 && this.opensLater;
  }

  /** The first moment at or after `t` (minutes from now) the window can start a visit; ∞: not today. */
  startAt(t: number): number {
    for (const [open, close] of this.spans) {
      if (t < close) return Math.max(t, open);
    }
    return Number.POSITIVE_INFINITY;
  }
}

/** startAt for a window that may have no plan. */
export const startAt = (plan: PlannedHours | undefined, t: number): number =>
  plan === undefined ? t : plan.startAt(t);
