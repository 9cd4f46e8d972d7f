/**
 * What a resident is told about a wait: never a false-precise minute. An estimate's error grows with
 * it (in the simulator the middle half of actual waits lies within about ±25 % of the estimate), so
 * beyond a few minutes it is told as a range rounded to five minutes.
 */
export interface WaitRange {
  fromMin: number;
  toMin: number;
}

export type WaitLocale = 'zh-CN' | 'en';

/** Half-width of the told range, as a share of the estimate: about the middle half of actual waits. */
export const WAIT_RANGE_SPREAD = 0.25;
const STEP = 5;

const roundStep = (m: number): number => Math.round(m / STEP) * STEP;

/** The range told for an estimate in minutes: 0–0 (under a minute), 0–5, or five-minute steps. */
export function waitRange(estimateMin: number): WaitRange {
  const m = Math.max(0, estimateMin);
  if (m < 0.5) return { fromMin: 0, toMin: 0 };
  if (m < STEP) return { fromMin: 0, toMin: STEP };
  const fromMin = Math.max(STEP, roundStep(m * (1 - WAIT_RANGE_SPREAD)));
  const toMin = Math.max(fromMin + STEP, roundStep(m * (1 + WAIT_RANGE_SPREAD)));
  return { fromMin, toMin };
}

/**
 * The wait as a printed ticket says it: the calibrated range when the hall has one, else the range
 * around the estimate; to listen for the call while no window serves yet.
 */
export function printedWait(estimateMin: number | null, range?: WaitRange | null): string {
  return estimateMin === null ? '请留意叫号' : waitWords(Math.round(estimateMin), 'zh-CN', range);
}

/**
 * The range in words: 约 10～15 分钟 / about 10–15 min; null means no window serves the matter yet.
 * `range` is the hall's calibrated range (see wait-calibration.ts); without it, ±WAIT_RANGE_SPREAD.
 */
export function waitWords(estimateMin: number | null, locale: WaitLocale, range?: WaitRange | null): string {
  const en = locale === 'en';
  if (estimateMin === null) return en ? 'no window open yet' : '暂无窗口受理';
  const { fromMin, toMin } = range ?? waitRange(estimateMin);
  if (toMin === 0) return en ? 'under a minute' : '不到 1 分钟';
  if (fromMin === 0) return en ? `under ${toMin} min` : `${toMin} 分钟内`;
  return en ? `about ${fromMin}–${toMin} min` : `约 ${fromMin}～${toMin} 分钟`;
}
