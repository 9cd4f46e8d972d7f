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
  service: z.strictObject({
    meanMin: z.number().positive(),
    cv: z.number().min(0).max(5),
    /**
     * Bimodal visits: this share of them is long (lognormal around `meanMin` with cv 0.3) instead
     * (most visits short, a few very long: a 不动产 transfer among certificate pick-ups).
     */
    long: z.strictObject({ share: z.number().min(0).max(1), meanMin: z.number().positive() }).optional(),
  }),
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
  /**
   * AB岗: the windows whose clerks this window's clerk backs up. While one of them is away (their window
   * closed), this window also serves that window's matters, as the live server widens it.
   */
  backupOf: z.array(Id).optional(),
});
export type ScenarioWindow = z.infer<typeof ScenarioWindow>;

/**
 * What residents and staff do that a timetable does not say; every part has a default calibrated in the
 * README, and zero (or null for patience) switches it off.
 */
export const Behaviour = z.strictObject({
  /** The walk from seat to window after the call: the window waits, the resident's wait has ended. */
  walk: z
    .strictObject({ meanSec: z.number().min(0).max(600), cv: z.number().min(0).max(3) })
    .prefault({ meanSec: 30, cv: 0.5 }),
  /**
   * Residents away from their seat when called (outside, at the copier): they come back after an
   * exponential time; the window recalls every `recallAfterMin` and, after `maxRecalls` recalls with
   * nobody there, marks the ticket no-show (过号) and calls the next.
   */
  away: z
    .strictObject({
      share: z.number().min(0).max(1),
      returnMeanMin: z.number().positive(),
      recallAfterMin: z.number().positive(),
      maxRecalls: z.number().int().min(0).max(10),
    })
    .prefault({ share: 0.05, returnMeanMin: 3, recallAfterMin: 1, maxRecalls: 2 }),
  /** How long a resident waits before leaving (lognormal); null: nobody leaves. */
  patience: z
    .strictObject({ meanMin: z.number().positive(), cv: z.number().min(0).max(3) })
    .nullable()
    .default({ meanMin: 120, cv: 0.5 }),
  /**
   * Staff absences (toilet, a phone call, fetching files): Poisson per window and day, at uniform times
   * while the window is open, lognormal lengths. AB岗: a share of them is covered by the backup clerk,
   * who takes the window over after `backupAfterMin`.
   */
  absences: z
    .strictObject({
      perWindowDay: z.number().min(0).max(20),
      meanMin: z.number().positive(),
      cv: z.number().min(0).max(3),
      backupShare: z.number().min(0).max(1),
      backupAfterMin: z.number().min(0),
    })
    .prefault({ perWindowDay: 0.5, meanMin: 15, cv: 0.8, backupShare: 0.7, backupAfterMin: 5 }),
});
export type Behaviour = z.infer<typeof Behaviour>;

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
    behaviour: Behaviour.prefault({}),
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
      w.backupOf?.forEach((b, j) => {
        if (b === w.id) issue(['windows', i, 'backupOf', j], 'a window cannot back itself up');
        else if (!s.windows.some((x) => x.id === b))
          issue(['windows', i, 'backupOf', j], `unknown window "${b}"`);
      });
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
