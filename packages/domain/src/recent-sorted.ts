/**
 * The last values of a stream, kept twice: in the order they came (to drop the oldest) and ascending
 * (to read quantiles and counts by binary search at every estimate instead of sorting there). A value:
 * `keepLast` returns a new one in O(window), with no sort.
 */
export interface RecentSorted {
  /** Oldest first. */
  readonly recent: readonly number[];
  /** The same values, ascending. */
  readonly sorted: readonly number[];
}

export const NO_VALUES: RecentSorted = { recent: [], sorted: [] };

/** Builds the last `window` of `values` (oldest first) at once. */
export function lastOf(values: readonly number[], window: number): RecentSorted {
  const recent = values.slice(-window);
  return { recent, sorted: [...recent].sort((a, b) => a - b) };
}

/** `r` after one more value, the oldest dropped once `window` are kept. */
export function keepLast(r: RecentSorted, value: number, window: number): RecentSorted {
  const dropped = r.recent.length >= window ? r.recent[0] : undefined;
  const recent = dropped === undefined ? [...r.recent, value] : [...r.recent.slice(1), value];
  const sorted = [...r.sorted];
  if (dropped !== undefined) sorted.splice(lowerBound(sorted, dropped), 1);
  sorted.splice(lowerBound(sorted, value), 0, value);
  return { recent, sorted };
}

/** First index of ascending `xs` whose value is not below `x`. */
export function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index of ascending `xs` whose value is above `x`. */
export function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
