import {
  clockTimeToMinutes,
  queueFigures,
  requiredWindowsForGroup,
  type SkillSet,
  skillSetCovers,
} from '@onewindow/domain';
import { generateAbsences } from './absences.js';
import { generateCustomers } from './customers.js';
import { simulateDay } from './engine.js';
import { scenarioMatters } from './hall.js';
import { averageMetrics, dayMetrics } from './metrics.js';
import type { Scenario, ScenarioMatter, ScenarioWindow } from './scenario.js';

export interface HourlyNeed {
  /** "09:00–10:00" */
  hour: string;
  /** The skill group: a category. */
  group: string;
  ratePerHour: number;
  /** Erlangs: windows kept busy by this group on average. */
  load: number;
  /** Erlang C: windows needed for mean wait ≤ target and 80 % within target. */
  windowsNeeded: number;
  /** Windows open in that hour that can serve the group (primary or secondary). */
  windowsAble: number;
  /** Share called within target if exactly `windowsAble` windows worked only on this group. */
  serviceLevelIfAble: number;
}

/** Mean arrival rate of a matter between two minutes of the day (the schedule is piecewise constant). */
export function meanRate(m: ScenarioMatter, from: number, to: number, close: number): number {
  let area = 0;
  m.arrivals.forEach(([t, rate], i) => {
    const start = clockTimeToMinutes(t);
    const next = m.arrivals[i + 1];
    const end = Math.min(close, next === undefined ? close : clockTimeToMinutes(next[0]));
    area += rate * Math.max(0, Math.min(end, to) - Math.max(start, from));
  });
  return area / (to - from);
}

const hhmm = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

function openAt(w: ScenarioWindow, minute: number, scenario: Scenario): boolean {
  const hours = w.hours ?? [[scenario.day.open, scenario.day.close]];
  return hours.some(([a, b]) => clockTimeToMinutes(a) <= minute && minute < clockTimeToMinutes(b));
}

function covers(w: ScenarioWindow, m: ScenarioMatter): boolean {
  const mm = { id: m.id, categoryId: m.category };
  return skillSetCovers(w.primary, mm) || (w.secondary !== undefined && skillSetCovers(w.secondary, mm));
}

/** Per clock hour and category: demand, Erlang C windows needed and the windows that could serve it. */
export function staffingAdvice(scenario: Scenario): HourlyNeed[] {
  const open = clockTimeToMinutes(scenario.day.open);
  const close = clockTimeToMinutes(scenario.day.close);
  const categories = [...new Set(scenario.matters.map((m) => m.category))];
  const out: HourlyNeed[] = [];
  for (let h = Math.floor(open / 60) * 60; h < close; h += 60) {
    const from = Math.max(h, open);
    const to = Math.min(h + 60, close);
    for (const group of categories) {
      const ms = scenario.matters.filter((m) => m.category === group);
      const streams = ms.map((m) => ({
        ratePerHour: meanRate(m, from, to, close),
        meanServiceMin: m.service.meanMin,
        targetWaitMin: m.targetWaitMin,
      }));
      const rate = streams.reduce((s, x) => s + x.ratePerHour, 0);
      if (rate === 0) continue;
      const service = streams.reduce((s, x) => s + x.ratePerHour * x.meanServiceMin, 0) / rate;
      const target = Math.min(...streams.filter((x) => x.ratePerHour > 0).map((x) => x.targetWaitMin));
      const able = scenario.windows.filter(
        (w) => openAt(w, (from + to) / 2, scenario) && ms.some((m) => covers(w, m)),
      ).length;
      out.push({
        hour: `${hhmm(from)}–${hhmm(to)}`,
        group,
        ratePerHour: rate,
        load: (rate * service) / 60,
        windowsNeeded: requiredWindowsForGroup(streams),
        windowsAble: able,
        serviceLevelIfAble: able === 0 ? 0 : queueFigures(able, rate, service, target).serviceLevel,
      });
    }
  }
  return out;
}

export interface WhatIfOption {
  change: string;
  meanWaitMin: number;
  /** Minutes of mean wait saved against the scenario as it is. */
  reductionMin: number;
}

export interface WhatIfReport {
  baselineMeanWaitMin: number;
  options: WhatIfOption[];
}

function meanWait(scenario: Scenario, seeds: number): number {
  const days = [];
  for (let k = 0; k < seeds; k++) {
    const customers = generateCustomers(scenario, scenario.seed + k);
    const absences = generateAbsences(scenario, scenario.seed + k);
    // Only the mean wait is compared: the days tell no waits (the calls are the same, at a fraction of the cost).
    days.push(
      dayMetrics(
        scenario,
        customers,
        simulateDay(scenario, customers, 'onewindow', { absences, toldBy: [] }),
      ),
    );
  }
  return averageMetrics(days).meanWaitMin;
}

const withCategory = (s: SkillSet | undefined, c: string): SkillSet => ({
  ...s,
  categories: [...(s?.categories ?? []), c],
});

/**
 * What-if: simulates (with the OneWindow policy, on the same residents) widening each window's
 * secondary skills by each of the categories that wait longest against their target, opening each
 * part-time window all day, and opening one more universal window; the largest savings come first.
 */
export function whatIf(scenario: Scenario, seeds: number, limit = 5): WhatIfReport {
  const baseline = meanWait(scenario, seeds);
  const matters = scenarioMatters(scenario);
  const customers = generateCustomers(scenario, scenario.seed);
  const result = simulateDay(scenario, customers, 'onewindow', { toldBy: [] });
  const pressure = new Map<string, { sum: number; n: number }>();
  for (const o of result.customers) {
    const m = matters.get(o.matterId)!;
    const wait = (o.calledAt ?? Math.max(o.arrival, clockTimeToMinutes(scenario.day.close))) - o.arrival;
    const p = pressure.get(m.categoryId) ?? { sum: 0, n: 0 };
    p.sum += wait / m.targetWaitMin;
    p.n++;
    pressure.set(m.categoryId, p);
  }
  const hottest = [...pressure]
    .sort((a, b) => b[1].sum / b[1].n - a[1].sum / a[1].n)
    .slice(0, 3)
    .map(([c]) => c);

  const candidates: { change: string; scenario: Scenario }[] = [];
  scenario.windows.forEach((w, i) => {
    for (const c of hottest) {
      const m = scenario.matters.find((x) => x.category === c)!;
      if (
        scenario.matters.filter((x) => x.category === c).every((x) => covers(w, x)) ||
        (covers(w, m) && w.primary.all)
      )
        continue;
      const windows = scenario.windows.map((x, j) =>
        j === i ? { ...x, secondary: withCategory(x.secondary, c) } : x,
      );
      candidates.push({
        change: `widen ${w.id} (${w.type}) to serve ${c} as a secondary skill`,
        scenario: { ...scenario, windows },
      });
    }
    if (w.hours !== undefined) {
      const { hours: _h, ...allDay } = w;
      const windows = scenario.windows.map((x, j) => (j === i ? allDay : x));
      candidates.push({
        change: `keep ${w.id} (${w.type}) open all day`,
        scenario: { ...scenario, windows },
      });
    }
  });
  candidates.push({
    change: 'open one more universal window all day',
    scenario: {
      ...scenario,
      windows: [...scenario.windows, { id: 'extra-universal', type: 'universal', primary: { all: true } }],
    },
  });
  const options = candidates
    .map((c) => {
      const mean = meanWait(c.scenario, seeds);
      return { change: c.change, meanWaitMin: mean, reductionMin: baseline - mean };
    })
    .sort((a, b) => b.reductionMin - a.reductionMin || a.change.localeCompare(b.change));
  return { baselineMeanWaitMin: baseline, options: options.slice(0, limit) };
}
