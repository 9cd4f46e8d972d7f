import { emptyGuide, initialWindow, type Matter, type Window } from '@onewindow/domain';
import type { PolicyName } from './policies.js';
import type { Scenario, ScenarioWindow } from './scenario.js';

/** Beijing midnight of an arbitrary Monday: simulated minutes become the epoch instants the domain uses. */
export const BASE = Date.UTC(2026, 0, 5) - 8 * 3_600_000;
export const MIN = 60_000;
export const toMs = (min: number): number => Math.round(BASE + min * MIN);

export function scenarioMatters(scenario: Scenario): Map<string, Matter> {
  return new Map(
    scenario.matters.map((m) => [
      m.id,
      {
        id: m.id,
        code: m.id,
        name: m.name,
        categoryId: m.category,
        department: 'sim',
        kind: 'instant' as const,
        promisedDays: null,
        targetWaitMin: m.targetWaitMin,
        avgHandleMin: m.service.meanMin,
        ticketPrefix: 'A',
        dailyQuota: null,
        guide: emptyGuide(),
      },
    ]),
  );
}

/** The windows as a policy sees them: dedicated drops secondary skills, pooled serves everything. */
export function windowsFor(policy: PolicyName, windows: readonly ScenarioWindow[]): Window[] {
  return windows.map((w) =>
    initialWindow(
      {
        id: w.id,
        number: w.id,
        name: w.id,
        type: w.type,
        primary: policy === 'pooled' ? { all: true } : w.primary,
        secondary: policy === 'pooled' || policy === 'dedicated' ? {} : (w.secondary ?? {}),
        // The planned hours, as a manager enters them: the estimates count on them.
        ...(w.hours === undefined ? {} : { hours: w.hours.map(([open, close]) => ({ open, close })) }),
      },
      'sim',
      BASE,
    ),
  );
}
