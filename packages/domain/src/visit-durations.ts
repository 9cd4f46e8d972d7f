/**
 * How long a visit under way has left, learned from the hall's own recent visits of the same matter.
 * The mean handle time says little about one visit: most 不动产 visits are short and a few take an hour,
 * and a visit that has already gone on for twenty minutes is almost surely one of the long ones. The rest
 * of a visit that has lasted `e` minutes is told as the median of d − e over the recent visits d that
 * lasted longer than e (the median, because a told wait is judged by how far off it is). Measured in the
 * simulator: this is where most of an estimate's error came from in halls with such matters.
 * A value: `add` returns a new one. Pure: the caller adds each visit when it ends.
 */

/**
 * Recent visits kept per matter: several days' worth, because the long visits that matter are rare (a
 * day's few dozen leave the median of the longer ones to chance; measured: one day of history gained
 * nothing, five days most of what the whole distribution would).
 */
export const VISITS_KEPT = 1000;
/** Longer visits needed before their median says more than the handle time does. */
export const VISITS_NEEDED = 8;

interface Visits {
  /** Minutes, in the order the visits ended (oldest first). */
  readonly recent: readonly number[];
  /** The same minutes, ascending. */
  readonly sorted: readonly number[];
}

export class VisitDurations {
  private constructor(private readonly byMatter: ReadonlyMap<string, Visits>) {}

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
    const byMatter = new Map<string, Visits>();
    for (const [matterId, list] of lists) {
      const recent = list.slice(-VISITS_KEPT);
      byMatter.set(matterId, { recent, sorted: [...recent].sort((a, b) => a - b) });
    }
    return new VisitDurations(byMatter);
  }

  /** Visits of the matter kept now. */
  count(matterId: string): number {
    return this.byMatter.get(matterId)?.recent.length ?? 0;
  }

  /** The history after one more visit of `minutes` (ignored unless a finite length ≥ 0). */
  add(matterId: string, minutes: number): VisitDurations {
    if (!Number.isFinite(minutes) || minutes < 0) return this;
    const before = this.byMatter.get(matterId) ?? { recent: [], sorted: [] };
    const dropped = before.recent.length >= VISITS_KEPT ? before.recent[0] : undefined;
    const recent = dropped === undefined ? [...before.recent, minutes] : [...before.recent.slice(1), minutes];
    const sorted = [...before.sorted];
    if (dropped !== undefined) sorted.splice(lowerBound(sorted, dropped), 1);
    sorted.splice(lowerBound(sorted, minutes), 0, minutes);
    const byMatter = new Map(this.byMatter);
    byMatter.set(matterId, { recent, sorted });
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
   * The share of the recent visits longer than `elapsedMin` that ended within `t` more minutes: the
   * distribution whose median `remaining` tells. Undefined where `remaining` is.
   */
  endedWithin(matterId: string, elapsedMin: number, t: number): number | undefined {
    const l = this.longer(matterId, elapsedMin);
    if (l === undefined) return undefined;
    return (upperBound(l.sorted, l.e + t) - l.first) / (l.sorted.length - l.first);
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

/** First index whose value is not below `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is above `x`. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
