import type { HallEventBatch, HallStatsMessage } from './batch.js';
import type { PhoneTicketUpdate } from './booking.js';
import type { CommandName, CommandPayload, CommandResult } from './commands.js';
import type { Ack } from './result.js';
import type { HallSnapshot } from './snapshot.js';

/** Socket.IO event map of the client: one event per command, answered through the ack. */
export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandPayload<K>, ack: (result: Ack<CommandResult<K>>) => void) => void;
};

/**
 * Socket.IO event map of the server: the snapshot after connecting, then each command's events as one
 * batch, and the queue statistics now and then.
 */
export type ServerToClientEvents = {
  'hall:snapshot': (snapshot: HallSnapshot) => void;
  'hall:events': (batch: HallEventBatch) => void;
  'hall:stats': (message: HallStatsMessage) => void;
  /** The phone namespace (`/phone`): its one ticket, each time it changes; nothing else is sent there. */
  'ticket:status': (update: PhoneTicketUpdate) => void;
};

export interface SocketAuth {
  token: string;
}
