import {
  bundleGuide,
  type Category,
  type Hall,
  initialWindow,
  type Matter,
  type SkillSet,
  serviceDayOf,
  shanghaiInstant,
  type Window,
  type WindowDef,
} from '@onewindow/domain';
import type { HallConfig, StaffEntry } from './config.js';
import type { WindowRuntime } from './store/types.js';

/** A hall's configuration, indexed for the command handlers; replaced whole when the console changes it. */
export class HallRuntime {
  readonly hall: Hall;
  readonly categories: readonly Category[];
  /** Matters as residents see them: a 一件事 bundle carries the combined guide of its matters. */
  readonly matters: ReadonlyMap<string, Matter>;
  readonly windowDefs: ReadonlyMap<string, WindowDef>;
  readonly staff: readonly StaffEntry[];

  constructor(
    readonly config: HallConfig,
    readonly version: number,
  ) {
    this.hall = config.hall;
    this.categories = config.categories;
    const byId = new Map(config.matters.map((m) => [m.id, m]));
    this.matters = new Map(
      config.matters.map((m) => {
        if (m.bundleOf === undefined) return [m.id, m];
        const members = m.bundleOf.map((id) => byId.get(id)).filter((x): x is Matter => x !== undefined);
        return [m.id, { ...m, guide: bundleGuide(m, members) }];
      }),
    );
    this.windowDefs = new Map(config.windows.map((w) => [w.id, w]));
    this.staff = config.staff;
  }

  get id(): string {
    return this.hall.id;
  }

  /**
   * Configured windows with their stored state; a window never stored is closed. Skills adjusted for
   * today (动态调整) replace the configured ones until the day ends.
   */
  mergeWindows(states: readonly WindowRuntime[], at: number): Window[] {
    const byId = new Map(states.map((s) => [s.id, s]));
    const today = serviceDayOf(at);
    return [...this.windowDefs.values()].map((def) => {
      const s = byId.get(def.id);
      // A window never stored has been closed since the day began, whenever it is read.
      const base = initialWindow(def, this.hall.id, shanghaiInstant(today, '00:00'));
      if (s === undefined) return base;
      const { skills, skillsDay, ...state } = s;
      const adjusted = skills !== null && skillsDay === today ? skills : undefined;
      return {
        ...base,
        ...state,
        ...def,
        ...(adjusted === undefined ? {} : adjusted),
        adjustedDay: adjusted === undefined ? null : today,
        hallId: this.hall.id,
      };
    });
  }
}

export function windowRuntimeOf(
  w: Window,
  skills: { primary: SkillSet; secondary: SkillSet } | null = null,
): WindowRuntime {
  return {
    id: w.id,
    hallId: w.hallId,
    state: w.state,
    staffId: w.staffId,
    currentTicketId: w.currentTicketId,
    pauseReason: w.pauseReason,
    autoCall: w.autoCall,
    updatedAt: w.updatedAt,
    adjustedDay: w.adjustedDay,
    skillsDay: w.adjustedDay,
    skills: skills ?? (w.adjustedDay === null ? null : { primary: w.primary, secondary: w.secondary }),
  };
}
