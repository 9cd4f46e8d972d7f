import type { Server as HttpServer } from 'node:http';
import {
  type ClientToServerEvents,
  type CommandName,
  commandNames,
  type DeviceIdentity,
  type ErrorCode,
  type HallEvent,
  type ServerToClientEvents,
} from '@onewindow/protocol';
import { Server, type Socket } from 'socket.io';
import { type Accounts, mayRead, mayWrite } from './admin/accounts.js';
import { type DeviceDirectory, identityOf } from './admin/devices.js';
import type { Logger } from './deps.js';
import { SESSION_COOKIE } from './http/admin-routes.js';
import type { HallService } from './service.js';

interface SocketData {
  device: DeviceIdentity;
}

export type HallIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const hallRoom = (hallId: string): string => `hall:${hallId}`;
export const deviceRoom = (deviceId: string): string => `device:${deviceId}`;

type AuthError = Error & { data: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
const refuse = (message: string, details?: Record<string, unknown>): AuthError => {
  const err = new Error('UNAUTHENTICATED') as AuthError;
  err.data = { code: 'UNAUTHENTICATED', message, ...(details === undefined ? {} : { details }) };
  return err;
};

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Socket.IO for devices (token in `auth.token`) and for people in the console (session cookie and the
 * hall in `auth.hallId`): each joins its hall's room, gets a snapshot, then every hall event, and sends
 * commands answered through acks.
 */
export function attachSockets(
  server: HttpServer,
  deps: { service: HallService; devices: DeviceDirectory; accounts: Accounts; logger: Logger },
): HallIo {
  const io: HallIo = new Server(server, { serveClient: false, cors: { origin: true } });
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; hallId?: unknown; version?: unknown };
    if (auth.token !== undefined) {
      const found = deps.devices.authenticate(auth.token);
      if (found === undefined) return next(refuse('missing or unknown device token', { reason: 'unknown' }));
      if (found.revoked) return next(refuse('this device was revoked in the console', { reason: 'revoked' }));
      socket.data.device = identityOf(found.device);
      const version = typeof auth.version === 'string' ? auth.version.slice(0, 40) : undefined;
      void deps.devices.seen(found.device.id, socket.handshake.address, version).catch(() => {});
      return next();
    }
    const hallId = typeof auth.hallId === 'string' ? auth.hallId : '';
    void deps.accounts.person(cookieOf(socket.handshake.headers.cookie, SESSION_COOKIE)).then(
      (p) => {
        if (p === undefined) return next(refuse('sign in to the console first', { reason: 'session' }));
        if (!deps.service.halls.has(hallId) || !mayRead(p, hallId))
          return next(refuse(`no access to hall ${hallId}`));
        socket.data.device = {
          deviceId: `person:${p.id}`,
          hallId,
          role: mayWrite(p, hallId) ? 'admin' : 'auditor',
          windowId: null,
          person: { id: p.id, name: p.displayName, role: p.role },
        };
        next();
      },
      () => next(refuse('sign-in check failed')),
    );
  });
  io.on('connection', (socket) => onConnection(socket, deps.service, deps.logger));
  return io;
}

export function emitEvent(io: HallIo | undefined, hallId: string, event: HallEvent): void {
  const room = io?.to(hallRoom(hallId));
  if (room === undefined) return;
  // The event map is keyed by the event's own type, which the union guarantees.
  (room.emit as (ev: string, payload: HallEvent) => boolean)(event.type, event);
}

function onConnection(socket: HallSocket, service: HallService, logger: Logger): void {
  const device = socket.data.device;
  // Join before the snapshot: an event that races it has a seq the client compares and drops or resyncs on.
  void socket.join(hallRoom(device.hallId));
  void socket.join(deviceRoom(device.deviceId));
  void service.snapshot(device).then(
    (snapshot) => socket.emit('hall:snapshot', snapshot),
    (e: unknown) => logger.error({ err: e, deviceId: device.deviceId }, 'snapshot failed'),
  );
  const listen = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  for (const name of commandNames) {
    listen.on(name, (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') {
        logger.warn(
          { deviceId: device.deviceId, command: name },
          'command without acknowledgement callback ignored',
        );
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      void service
        .execute(device, name as CommandName, payload)
        .then((result) => (ack as (r: unknown) => void)(result));
    });
  }
}
