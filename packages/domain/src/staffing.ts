/**
 * Erlang C (M/M/c) staffing figures. Arrival rates are per hour, service times in minutes. The model
 * assumes Poisson arrivals and exponential service; halls have burstier service than that, so the
 * simulator's what-if checks any change before it is advised.
 */

/** Probability that an arrival has to wait, with `servers` windows and `load` erlangs offered. */
export function erlangC(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (servers <= load) return 1;
  let b = 1; // Erlang B, built up one server at a time for numerical stability
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return (servers * b) / (servers - load * (1 - b));
}

export interface QueueFigures {
  /** Offered load in erlangs: how many windows would be busy all the time. */
  load: number;
  probabilityOfWait: number;
  meanWaitMin: number;
  /** Share of residents called within the target wait. */
  serviceLevel: number;
}

export function queueFigures(
  servers: number,
  ratePerHour: number,
  meanServiceMin: number,
  targetWaitMin: number,
): QueueFigures {
  const load = (ratePerHour * meanServiceMin) / 60;
  const pw = erlangC(servers, load);
  if (servers <= load)
    return { load, probabilityOfWait: 1, meanWaitMin: Number.POSITIVE_INFINITY, serviceLevel: 0 };
  const drainPerMin = (servers - load) / meanServiceMin; // (cμ − λ) per minute
  return {
    load,
    probabilityOfWait: pw,
    meanWaitMin: pw / drainPerMin,
    serviceLevel: 1 - pw * Math.exp(-drainPerMin * targetWaitMin),
  };
}

export interface StaffingGoal {
  /** Mean wait must not exceed the target wait. */
  meanWaitWithinTarget: boolean;
  /** At least this share must be called within the target wait (e.g. 0.8). */
  serviceLevel: number;
}
export const DEFAULT_GOAL: StaffingGoal = { meanWaitWithinTarget: true, serviceLevel: 0.8 };

/** The fewest windows that meet the goal (0 when nobody comes). */
export function requiredWindows(
  ratePerHour: number,
  meanServiceMin: number,
  targetWaitMin: number,
  goal: StaffingGoal = DEFAULT_GOAL,
): number {
  if (ratePerHour <= 0) return 0;
  const load = (ratePerHour * meanServiceMin) / 60;
  for (let c = Math.max(1, Math.floor(load) + 1); c < 1000; c++) {
    const f = queueFigures(c, ratePerHour, meanServiceMin, targetWaitMin);
    if ((!goal.meanWaitWithinTarget || f.meanWaitMin <= targetWaitMin) && f.serviceLevel >= goal.serviceLevel)
      return c;
  }
  return 1000;
}

export interface DemandStream {
  ratePerHour: number;
  meanServiceMin: number;
  targetWaitMin: number;
}

/**
 * Windows needed by a skill group that serves several matters: the streams are pooled (rate-weighted
 * service time) and held to the strictest target of the group.
 */
export function requiredWindowsForGroup(
  streams: readonly DemandStream[],
  goal: StaffingGoal = DEFAULT_GOAL,
): number {
  const rate = streams.reduce((s, x) => s + x.ratePerHour, 0);
  if (rate <= 0) return 0;
  const service = streams.reduce((s, x) => s + x.ratePerHour * x.meanServiceMin, 0) / rate;
  const target = Math.min(...streams.filter((x) => x.ratePerHour > 0).map((x) => x.targetWaitMin));
  return requiredWindows(rate, service, target, goal);
}
