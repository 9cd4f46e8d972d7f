import type { CommandName, CommandPayload, CommandResult } from './commands.js';
import type { HallEventOf, HallEventType } from './events.js';
import type { Ack } from './result.js';
import type { HallSnapshot } from './snapshot.js';

/** Socket.IO event map of the client: one event per command, answered through the ack. */
export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandPayload<K>, ack: (result: Ack<CommandResult<K>>) => void) => void;
};

/** Socket.IO event map of the server: the snapshot after connecting, then every hall event. */
export type ServerToClientEvents = {
  'hall:snapshot': (snapshot: HallSnapshot) => void;
} & {
  [K in HallEventType]: (event: HallEventOf<K>) => void;
};

export interface SocketAuth {
  token: string;
}
