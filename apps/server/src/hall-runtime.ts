import {
  type Category,
  type Hall,
  initialWindow,
  type Matter,
  type Window,
  type WindowDef,
} from '@onewindow/domain';
import type { DeviceConfig, HallSetup, StaffEntry } from './config.js';
import type { WindowRuntime } from './store/types.js';

/** A hall's configuration, indexed for the command handlers. */
export class HallRuntime {
  readonly hall: Hall;
  readonly categories: readonly Category[];
  readonly matters: ReadonlyMap<string, Matter>;
  readonly windowDefs: ReadonlyMap<string, WindowDef>;
  readonly staff: readonly StaffEntry[];
  readonly devices: readonly DeviceConfig[];

  constructor(setup: HallSetup) {
    this.hall = setup.hall;
    this.categories = setup.categories;
    this.matters = new Map(setup.matters.map((m) => [m.id, m]));
    this.windowDefs = new Map(setup.windows.map((w) => [w.id, w]));
    this.staff = setup.staff;
    this.devices = setup.devices;
  }

  get id(): string {
    return this.hall.id;
  }

  /** Configured windows with their stored state; a window never stored is closed. */
  mergeWindows(states: readonly WindowRuntime[], at: number): Window[] {
    const byId = new Map(states.map((s) => [s.id, s]));
    return [...this.windowDefs.values()].map((def) => {
      const s = byId.get(def.id);
      const base = initialWindow(def, this.hall.id, at);
      return s === undefined ? base : { ...base, ...s, ...def, hallId: this.hall.id };
    });
  }
}

export function windowRuntimeOf(w: Window): WindowRuntime {
  return {
    id: w.id,
    hallId: w.hallId,
    state: w.state,
    staffId: w.staffId,
    currentTicketId: w.currentTicketId,
    pauseReason: w.pauseReason,
    autoCall: w.autoCall,
    updatedAt: w.updatedAt,
  };
}
