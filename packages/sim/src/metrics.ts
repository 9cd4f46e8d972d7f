import type { Customer } from './customers.js';
import type { DayResult } from './engine.js';
import type { Scenario } from './scenario.js';

export interface PolicyMetrics {
  served: number;
  /** Never called by the end of the day. */
  unserved: number;
  /** Gave up waiting and left. */
  abandoned: number;
  /** Called, recalled and never came (过号). */
  noShows: number;
  meanWaitMin: number;
  p50WaitMin: number;
  p90WaitMin: number;
  p95WaitMin: number;
  maxWaitMin: number;
  /** Share of all residents called within their matter's target wait (the unserved count as misses). */
  slaAttainment: number;
  /** Coefficient of variation of the windows' utilisation (busy ÷ open time): lower is more even. */
  utilizationCv: number;
  /** Mean absolute error of the wait told at issuance against the wait that followed. */
  estimateMaeMin: number;
  /** Mean signed error of the same (told − actual): above 0 tells too long, below 0 too short. */
  estimateBiasMin: number;
  /** Mean absolute error of the simple predictor: people ahead × average handle ÷ windows able. */
  naiveMaeMin: number;
  /** Share of called residents whose wait fell inside the range told at issuance (1 when none had one). */
  rangeCoverage: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function dayMetrics(
  scenario: Scenario,
  customers: readonly Customer[],
  result: DayResult,
): PolicyMetrics {
  const target = new Map(scenario.matters.map((m) => [m.id, m.targetWaitMin]));
  const waits: number[] = [];
  let withinTarget = 0;
  let errorSum = 0;
  let signedSum = 0;
  let estimated = 0;
  let naiveSum = 0;
  let naiveCount = 0;
  let ranged = 0;
  let covered = 0;
  let abandoned = 0;
  let noShows = 0;
  for (const o of result.customers) {
    if (o.noShow) noShows++;
    if (o.leftAt !== null) {
      // Those who gave up waited too: counting their wait up to leaving keeps a policy that drives
      // residents away from looking better.
      abandoned++;
      waits.push(o.leftAt - o.arrival);
      continue;
    }
    if (o.calledAt === null) continue;
    const wait = o.calledAt - o.arrival;
    waits.push(wait);
    if (wait <= (target.get(o.matterId) ?? Number.POSITIVE_INFINITY) + 1e-9) withinTarget++;
    if (o.estimateMin !== null) {
      errorSum += Math.abs(o.estimateMin - wait);
      signedSum += o.estimateMin - wait;
      estimated++;
    }
    if (o.rangeFromMin !== null && o.rangeToMin !== null) {
      ranged++;
      if (wait >= o.rangeFromMin && wait <= o.rangeToMin) covered++;
    }
    if (o.naiveEstimateMin !== null) {
      naiveSum += Math.abs(o.naiveEstimateMin - wait);
      naiveCount++;
    }
  }
  waits.sort((a, b) => a - b);
  const utilization = result.windows.filter((w) => w.openMin > 0).map((w) => w.busyMin / w.openMin);
  const meanU = utilization.reduce((s, u) => s + u, 0) / Math.max(1, utilization.length);
  const sdU = Math.sqrt(
    utilization.reduce((s, u) => s + (u - meanU) ** 2, 0) / Math.max(1, utilization.length),
  );
  return {
    served: waits.length - abandoned - noShows,
    unserved: customers.length - waits.length,
    abandoned,
    noShows,
    meanWaitMin: waits.reduce((s, w) => s + w, 0) / Math.max(1, waits.length),
    p50WaitMin: percentile(waits, 50),
    p90WaitMin: percentile(waits, 90),
    p95WaitMin: percentile(waits, 95),
    maxWaitMin: waits[waits.length - 1] ?? 0,
    slaAttainment: customers.length === 0 ? 1 : withinTarget / customers.length,
    utilizationCv: meanU === 0 ? 0 : sdU / meanU,
    estimateMaeMin: estimated === 0 ? 0 : errorSum / estimated,
    estimateBiasMin: estimated === 0 ? 0 : signedSum / estimated,
    naiveMaeMin: naiveCount === 0 ? 0 : naiveSum / naiveCount,
    rangeCoverage: ranged === 0 ? 1 : covered / ranged,
  };
}

/** Field-by-field mean over several days. */
export function averageMetrics(days: readonly PolicyMetrics[]): PolicyMetrics {
  const keys = Object.keys(days[0] ?? {}) as (keyof PolicyMetrics)[];
  const out = {} as PolicyMetrics;
  for (const k of keys) out[k] = days.reduce((s, d) => s + d[k], 0) / days.length;
  return out;
}

/** Half the width of each figure's 95 % confidence interval over the days (Student's t). */
export function halfWidths(days: readonly PolicyMetrics[], t: (df: number) => number): PolicyMetrics {
  const mean = averageMetrics(days);
  const out = {} as PolicyMetrics;
  const n = days.length;
  for (const k of Object.keys(mean) as (keyof PolicyMetrics)[]) {
    if (n < 2) {
      out[k] = 0;
      continue;
    }
    const sd = Math.sqrt(days.reduce((s, d) => s + (d[k] - mean[k]) ** 2, 0) / (n - 1));
    out[k] = (t(n - 1) * sd) / Math.sqrt(n);
  }
  return out;
}
