import { readFileSync } from 'node:fs';
import {
  ClockTime,
  clockTimeToMinutes,
  DocumentError,
  Id,
  parseDocument,
  SkillSet,
  WindowType,
} from '@onewindow/domain';
import { z } from 'zod';

const ArrivalStep = z.tuple([ClockTime, z.number().min(0, 'a rate cannot be negative')]);
const Interval = z.tuple([ClockTime, ClockTime]);

export const ScenarioMatter = z.strictObject({
  id: Id,
  name: z.string().min(1),
  category: Id,
  targetWaitMin: z.number().positive(),
  service: z.strictObject({ meanMin: z.number().positive(), cv: z.number().min(0).max(5) }),
  /** [time, arrivals per hour] from that time until the next entry (and none after the day closes). */
  arrivals: z.array(ArrivalStep).min(1),
});
export type ScenarioMatter = z.infer<typeof ScenarioMatter>;

export const ScenarioWindow = z.strictObject({
  id: Id,
  type: WindowType,
  primary: SkillSet,
  secondary: SkillSet.optional(),
  /** Open intervals; without them the window is open from day.open until every ticket is served. */
  hours: z.array(Interval).min(1).optional(),
});
export type ScenarioWindow = z.infer<typeof ScenarioWindow>;

export const Scenario = z
  .strictObject({
    name: z.string().min(1),
    seed: z.number().int(),
    day: z.strictObject({ open: ClockTime, close: ClockTime }),
    matters: z.array(ScenarioMatter).min(1),
    windows: z.array(ScenarioWindow).min(1),
    priorityShare: z
      .strictObject({ green: z.number().min(0).max(1), appointment: z.number().min(0).max(1) })
      .refine((p) => p.green + p.appointment <= 1, 'green and appointment shares add up to more than 1'),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const open = clockTimeToMinutes(s.day.open);
    const close = clockTimeToMinutes(s.day.close);
    if (close <= open) issue(['day', 'close'], 'the day must close after it opens');
    const matterIds = new Set<string>();
    const categories = new Set(s.matters.map((m) => m.category));
    s.matters.forEach((m, i) => {
      if (matterIds.has(m.id)) issue(['matters', i, 'id'], `duplicate matter id "${m.id}"`);
      matterIds.add(m.id);
      m.arrivals.forEach((a, j) => {
        const prev = m.arrivals[j - 1];
        if (prev !== undefined && clockTimeToMinutes(a[0]) <= clockTimeToMinutes(prev[0])) {
          issue(['matters', i, 'arrivals', j, 0], 'arrival times must increase');
        }
      });
    });
    const windowIds = new Set<string>();
    s.windows.forEach((w, i) => {
      if (windowIds.has(w.id)) issue(['windows', i, 'id'], `duplicate window id "${w.id}"`);
      windowIds.add(w.id);
      for (const tier of ['primary', 'secondary'] as const) {
        const skills = w[tier];
        skills?.categories?.forEach((c, j) => {
          if (!categories.has(c))
            issue(['windows', i, tier, 'categories', j], `no matter has category "${c}"`);
        });
        skills?.matters?.forEach((m, j) => {
          if (!matterIds.has(m)) issue(['windows', i, tier, 'matters', j], `unknown matter "${m}"`);
        });
      }
      w.hours?.forEach((h, j) => {
        if (clockTimeToMinutes(h[1]) <= clockTimeToMinutes(h[0]))
          issue(['windows', i, 'hours', j], 'an interval must end after it starts');
        const prev = w.hours?.[j - 1];
        if (prev !== undefined && clockTimeToMinutes(h[0]) < clockTimeToMinutes(prev[1])) {
          issue(['windows', i, 'hours', j], 'intervals must not overlap and must be in order');
        }
      });
    });
  });
export type Scenario = z.infer<typeof Scenario>;

export class ScenarioError extends DocumentError {
  override readonly name = 'ScenarioError';
  constructor(source: string, problems: readonly string[]) {
    super('scenario', source, problems);
  }
}

export function parseScenario(data: unknown, source = 'scenario'): Scenario {
  return parseDocument(Scenario, data, (problems) => new ScenarioError(source, problems));
}

export function loadScenario(file: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ScenarioError(file, [e instanceof Error ? e.message : String(e)]);
  }
  return parseScenario(data, file);
}
