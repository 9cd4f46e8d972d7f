import type { HallEvent } from '@onewindow/protocol';
import type { Clock, IdSource, Logger } from '../deps.js';
import type { HallStore } from '../store/types.js';

/** Who did something in the console: a person, or the system itself (seeding, the demo). */
export interface Actor {
  id: string;
  name: string;
}

export const SYSTEM: Actor = { id: 'system', name: 'system' };

/** What the console's services need of the server. */
export interface AdminDeps {
  store: HallStore;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  publish: (hallId: string, events: readonly HallEvent[]) => void;
  /** A hall created while running starts its event stream. */
  startHall: (hallId: string) => void;
  /** Tells the deployment's other instances what changed here (several instances on one store). */
  changed?: (change: ClusterChange) => void;
}

/** What one instance tells the others: a hall's new events, configuration, or the device list. */
export type ClusterChange =
  | { kind: 'hall'; hallId: string; seq: number }
  | { kind: 'config'; hallId: string }
  | { kind: 'devices' };
