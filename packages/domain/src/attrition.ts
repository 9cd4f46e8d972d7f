/**
 * How residents leave a queue unserved (they give up, or are 过号 when called), learned from the hall's
 * own tickets: a hazard per minute for each span of minutes already waited. Patience is not memoryless:
 * few leave in their first half hour and many after an hour or two, so a resident near the back of a long
 * queue is likelier to be gone when their turn comes than one who has just come in (a constant rate tells
 * an overloaded hall's residents too long a wait at its peak, and too short a one before it).
 * A value: each outcome returns a new one. Pure: the caller passes each outcome when it happens.
 */

/** Bounds of the spans of minutes already waited that are learned apart; the last span is open. */
const SPANS = [0, 15, 30, 45, 60, 90, 120, 180];
/** Minutes of waiting seen with no drop that the overall rate starts from: none until the hall shows it. */
const OVERALL_PRIOR_MIN = 120;
/** Minutes of waiting a span needs before its own rate counts as much as the overall one. */
const SPAN_PRIOR_MIN = 90;

export class Attrition {
  private constructor(
    /** Decayed drops per span of minutes waited. */
    private readonly drops: readonly number[],
    /** Decayed minutes waited inside each span by every ticket that left the queue (served or not). */
    private readonly exposure: readonly number[],
  ) {}

  static readonly NONE = new Attrition(
    SPANS.map(() => 0),
    SPANS.map(() => 0),
  );

  /** Chance per minute of waiting that a queued ticket goes unserved, over all spans (0 until any drop). */
  perMin(): number {
    const drops = this.drops.reduce((s, x) => s + x, 0);
    const exposure = this.exposure.reduce((s, x) => s + x, 0);
    return drops / (exposure + OVERALL_PRIOR_MIN);
  }

  /** The hazard per minute in span `k`, shrunk towards the overall rate while the span has little data. */
  private hazard(k: number, overall: number): number {
    return (this.drops[k]! + overall * SPAN_PRIOR_MIN) / (this.exposure[k]! + SPAN_PRIOR_MIN);
  }

  /** The chance that a ticket queued for `waitedMin` is still there `forMin` minutes later. */
  stillThere(waitedMin: number, forMin: number): number {
    if (forMin <= 0) return 1;
    const overall = this.perMin();
    if (overall === 0) return 1;
    const from = Math.max(0, waitedMin);
    const to = from + forMin;
    let integral = 0;
    for (let k = 0; k < SPANS.length; k++) {
      const lo = Math.max(from, SPANS[k]!);
      const hi = Math.min(to, SPANS[k + 1] ?? Number.POSITIVE_INFINITY);
      if (hi > lo) integral += (hi - lo) * this.hazard(k, overall);
    }
    return Math.exp(-integral);
  }

  /** After a ticket left the queue after `waitedMin`: served (`dropped` false) or gone unserved. */
  after(waitedMin: number, dropped: boolean, keep: number): Attrition {
    const w = Math.max(0, waitedMin);
    const drops = this.drops.map((d) => d * keep);
    const exposure = this.exposure.map((e, k) => {
      const lo = SPANS[k]!;
      const hi = SPANS[k + 1] ?? Number.POSITIVE_INFINITY;
      return e * keep + Math.max(0, Math.min(w, hi) - lo);
    });
    if (dropped) {
      let k = 0;
      while (k + 1 < SPANS.length && w >= SPANS[k + 1]!) k++;
      drops[k]! += 1;
    }
    return new Attrition(drops, exposure);
  }
}
