import {
  clockTimeToMinutes,
  type Hall,
  type Matter,
  type SkillSet,
  shanghaiMinuteOfDay,
  type Window,
} from '@onewindow/domain';
import { parseScenario, type Scenario, type WhatIfReport } from '@onewindow/sim';
import { CommandError } from '../errors.js';
import type { Visit } from './fold.js';
import { whatIfInWorker } from './whatif-worker.js';

const hhmm = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(Math.min(59, min % 60)).padStart(2, '0')}`;

/**
 * Today as observed, as a simulator scenario: each matter's arrivals per clock hour so far (the last
 * hour's rate carried on to closing), its observed mean handle time and spread, and the windows open
 * now with their skills of today.
 */
export function observedScenario(
  hall: Pick<Hall, 'name'>,
  /** Today's opening intervals. */
  hours: readonly { open: string; close: string }[],
  matters: readonly Matter[],
  windows: readonly Window[],
  visits: readonly Visit[],
  now: number,
  seed: number,
): Scenario {
  const first = hours[0];
  const last = hours.at(-1);
  if (first === undefined || last === undefined)
    throw new CommandError('HALL_CLOSED', 'the hall does not open today');
  const openMin = clockTimeToMinutes(first.open);
  const closeMin = clockTimeToMinutes(last.close);
  const nowMin = Math.min(Math.max(shanghaiMinuteOfDay(now), openMin + 60), closeMin);
  const used = matters.filter(
    (m) => m.bundleOf === undefined && visits.some((v) => v.issuedMatterId === m.id),
  );
  if (used.length === 0) throw new CommandError('NOT_FOUND', 'no resident has taken a number today yet');
  const open = windows.filter((w) => w.state !== 'closed');
  if (open.length === 0) throw new CommandError('NOT_FOUND', 'no window is open now');
  // A scenario names only categories and matters that occur in it.
  const categories = new Set(used.map((m) => m.categoryId));
  const ids = new Set(used.map((m) => m.id));
  const known = (s: SkillSet): SkillSet => ({
    ...(s.all === true ? { all: true } : {}),
    categories: (s.categories ?? []).filter((c) => categories.has(c)),
    matters: (s.matters ?? []).filter((m) => ids.has(m)),
  });
  const scenario = {
    name: `${hall.name} today`,
    seed,
    day: { open: hhmm(openMin), close: hhmm(closeMin) },
    matters: used.map((m) => {
      const mine = visits.filter((v) => v.issuedMatterId === m.id);
      const handles = visits
        .filter((v) => v.matterId === m.id && v.handleMs !== null)
        .map((v) => (v.handleMs ?? 0) / 60_000);
      const meanMin =
        handles.length === 0 ? m.avgHandleMin : handles.reduce((a, b) => a + b, 0) / handles.length;
      const sd =
        handles.length < 2
          ? meanMin
          : Math.sqrt(handles.reduce((s, h) => s + (h - meanMin) ** 2, 0) / (handles.length - 1));
      const arrivals: [string, number][] = [];
      for (let h = openMin; h < nowMin; h += 60) {
        const end = Math.min(h + 60, nowMin);
        const n = mine.filter((v) => {
          const t = shanghaiMinuteOfDay(v.issuedAt);
          return t >= h && t < end;
        }).length;
        arrivals.push([hhmm(h), (n * 60) / Math.max(1, end - h)]);
      }
      return {
        id: m.id,
        name: m.name,
        category: m.categoryId,
        targetWaitMin: m.targetWaitMin,
        service: { meanMin: Math.max(0.5, meanMin), cv: Math.min(5, sd / Math.max(0.5, meanMin)) },
        arrivals,
      };
    }),
    windows: open.map((w) => ({
      id: w.id,
      type: w.type,
      primary: known(w.primary),
      secondary: known(w.secondary),
    })),
    priorityShare: {
      green: visits.filter((v) => v.priorityClass === 'green').length / Math.max(1, visits.length),
      appointment:
        visits.filter((v) => v.priorityClass === 'appointment').length / Math.max(1, visits.length),
    },
  };
  return parseScenario(scenario, 'today');
}

const running = new Set<string>();

/**
 * The simulator's what-if on today's observed day (the same dispatch code as the live hall), in a
 * worker thread; one at a time per hall (a second while one runs is RATE_LIMITED).
 */
export async function whatIfToday(
  hallId: string,
  scenario: Scenario,
  seeds: number,
): Promise<WhatIfReport & { seeds: number }> {
  if (running.has(hallId))
    throw new CommandError('RATE_LIMITED', 'a simulation of this hall is running', { retryAfterMs: 1_000 });
  running.add(hallId);
  try {
    return { ...(await whatIfInWorker(scenario, seeds)), seeds };
  } finally {
    running.delete(hallId);
  }
}
