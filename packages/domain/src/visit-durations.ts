/**
 * How long a visit under way has left, learned from the hall's own recent visits of the same matter.
 * The mean handle time says little about one visit: most 不动产 visits are short and a few take an hour,
 * and a visit that has already gone on for twenty minutes is almost surely one of the long ones. The rest
 * of a visit that has lasted `e` minutes is told as the median of d − e over the recent visits d that
 * lasted longer than e (the median, because a told wait is judged by how far off it is). Measured in the
 * simulator: this is where most of an estimate's error came from in halls with such matters.
 * A value: `add` returns a new one. Pure: the caller adds each visit when it ends.
 */
import { keepLast, lastOf, NO_VALUES, type RecentSorted, upperBound } from './recent-sorted.js';

/**
 * Recent visits kept per matter: several days' worth, because the long visits that matter are rare (a
 * day's few dozen leave the median of the longer ones to chance; measured: one day of history gained
 * nothing, five days most of what the whole distribution would).
 */
export const VISITS_KEPT = 1000;
/** Longer visits needed before their median says more than the handle time does. */
export const VISITS_NEEDED = 8;

export class VisitDurations {
  private constructor(private readonly byMatter: ReadonlyMap<string, RecentSorted>) {}

  static readonly NONE = new VisitDurations(new Map());

  /** Rebuilds the history from visits in the order they ended. */
  static from(visits: Iterable<{ matterId: string; minutes: number }>): VisitDurations {
    const lists = new Map<string, number[]>();
    for (const v of visits) {
      if (!Number.isFinite(v.minutes) || v.minutes < 0) continue;
      const list = lists.get(v.matterId) ?? [];
      list.push(v.minutes);
      lists.set(v.matterId, list);
    }
    const byMatter = new Map<string, RecentSorted>();
    for (const [matterId, list] of lists) byMatter.set(matterId, lastOf(list, VISITS_KEPT));
    return new VisitDurations(byMatter);
  }

  /** Visits of the matter kept now. */
  count(matterId: string): number {
    return this.byMatter.get(matterId)?.recent.length ?? 0;
  }

  /** The history after one more visit of `minutes` (ignored unless a finite length ≥ 0). */
  add(matterId: string, minutes: number): VisitDurations {
    if (!Number.isFinite(minutes) || minutes < 0) return this;
    const byMatter = new Map(this.byMatter);
    byMatter.set(matterId, keepLast(this.byMatter.get(matterId) ?? NO_VALUES, minutes, VISITS_KEPT));
    return new VisitDurations(byMatter);
  }

  /**
   * Minutes a visit of this matter that has gone on for `elapsedMin` has left: the median rest of the
   * recent visits that lasted longer. Undefined while fewer than VISITS_NEEDED of them did.
   */
  remaining(matterId: string, elapsedMin: number): number | undefined {
    const l = this.longer(matterId, elapsedMin);
    if (l === undefined) return undefined;
    const { sorted, first, e } = l;
    const mid = first + (sorted.length - first - 1) / 2;
    const median = (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
    return median - e;
  }

  /**
   * For a visit of this matter that has gone on for `elapsedMin`: the share of the recent visits that
   * lasted longer which ended within `t` more minutes, as a function of `t` (the distribution whose
   * median `remaining` tells; the estimate reads it at many `t`, so the longer visits are looked up
   * once). Undefined where `remaining` is.
   */
  restWithin(matterId: string, elapsedMin: number): ((t: number) => number) | undefined {
    const l = this.longer(matterId, elapsedMin);
    if (l === undefined) return undefined;
    const { sorted, first, e } = l;
    return (t) => (upperBound(sorted, e + t) - first) / (sorted.length - first);
  }

  /** The visits that lasted longer than `elapsedMin`: sorted[first…]; undefined while too few. */
  private longer(
    matterId: string,
    elapsedMin: number,
  ): { sorted: readonly number[]; first: number; e: number } | undefined {
    const sorted = this.byMatter.get(matterId)?.sorted;
    if (sorted === undefined) return undefined;
    const e = Math.max(0, elapsedMin);
    const first = upperBound(sorted, e);
    return sorted.length - first < VISITS_NEEDED ? undefined : { sorted, first, e };
  }
}
