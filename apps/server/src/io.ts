import type { ClientToServerEvents, DeviceIdentity, ServerToClientEvents } from '@onewindow/protocol';
import type { Server, Socket } from 'socket.io';
import type { ClusterChange } from './admin/types.js';

/** What instances of one deployment tell each other (through the Redis adapter). */
export interface InterServerEvents {
  'cluster:changed': (change: ClusterChange) => void;
}

export interface SocketData {
  device: DeviceIdentity;
}

export type HallIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Browsers always send the page's Origin: a page of another site holding a token it found in a
 * screen's URL is refused. The server's own pages and configured origins are allowed; clients that
 * are not browsers send none.
 */
export function originAllowed(origin: string, host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
