import type { Server as HttpServer } from 'node:http';
import {
  type Audience,
  audienceOf,
  type CommandName,
  commandNames,
  type ErrorCode,
  fail,
  type HallEventBatch,
  type HallStatsMessage,
} from '@onewindow/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { Server, type ServerOptions } from 'socket.io';
import { type Accounts, mayRead, mayWrite, SESSION_COOKIE } from './admin/accounts.js';
import { type DeviceDirectory, identityOf } from './admin/devices.js';
import type { Logger } from './deps.js';
import { type HallIo, type HallSocket, originAllowed } from './io.js';
import { type Limiter, RateLimiter, type ServerLimits } from './rate-limit.js';
import type { HallService } from './service.js';

export type { HallIo, InterServerEvents } from './io.js';

const COMMANDS: ReadonlySet<string> = new Set(commandNames);

export const hallRoom = (hallId: string): string => `hall:${hallId}`;
/** The screens of one kind in a hall: they get the same batches. */
export const audienceRoom = (hallId: string, audience: Audience): string => `hall:${hallId}:${audience}`;
export const deviceRoom = (deviceId: string): string => `device:${deviceId}`;

type AuthError = Error & { data: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
const refuse = (message: string, details?: Record<string, unknown>): AuthError => {
  const err = new Error('UNAUTHENTICATED') as AuthError;
  err.data = { code: 'UNAUTHENTICATED', message, ...(details === undefined ? {} : { details }) };
  return err;
};

/** A handshake refused for now: the client hears when to try again. */
const limited = (message: string, waitMs: number): AuthError => {
  const err = new Error('RATE_LIMITED') as AuthError;
  err.data = {
    code: 'RATE_LIMITED',
    message,
    details: { retryAt: Date.now() + waitMs, retryAfterMs: waitMs },
  };
  return err;
};

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface SocketDeps {
  service: HallService;
  devices: DeviceDirectory;
  accounts: Accounts;
  logger: Logger;
  limits: ServerLimits;
  /** Origins (besides the server's own) whose pages may connect, e.g. the Electron kiosk's. */
  allowedOrigins: readonly string[];
  /** Limiters by name: in this process, or shared by every instance through Redis. */
  limiter: (name: string, rate: ServerLimits['commandsPerDevice']) => Limiter;
  /** The adapter that carries emits to the other instances' clients (Redis), if any. */
  adapter?: ServerOptions['adapter'];
}

/**
 * Socket.IO for devices (token in `auth.token`) and for people in the console (session cookie and the
 * hall in `auth.hallId`): each joins its hall's room, gets a snapshot, then every hall event, and sends
 * commands answered through acks.
 */
export function attachSockets(server: HttpServer, deps: SocketDeps): HallIo {
  const io: HallIo = new Server(server, {
    ...(deps.adapter === undefined ? {} : { adapter: deps.adapter }),
    serveClient: false,
    cors: { origin: true },
    // Every screen speaks WebSocket; no long-polling sessions to keep, and no large messages to accept.
    transports: ['websocket'],
    maxHttpBufferSize: 100 * 1024,
  });
  const connections = deps.limiter('connections', deps.limits.connectionsPerAddress);
  const perDevice = new Map<string, number>();
  const limits = {
    commands: deps.limiter('commands', deps.limits.commandsPerDevice),
    snapshots: deps.limiter('snapshots', deps.limits.snapshotsPerDevice),
    logLines: new RateLimiter({ perSec: 1 / 60, burst: 1 }),
  };
  // Guessing tokens: an address that presents unknown tokens is refused for a while, whatever it sends.
  const wrongTokens = deps.limiter('wrong-tokens', deps.limits.failedLoginsPerAddress);
  io.use(async (socket, next) => {
    const wait = await connections.take(socket.handshake.address);
    if (wait > 0) {
      return next(limited('too many connections from this address', wait));
    }
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && !originAllowed(origin, socket.handshake.headers.host, deps.allowedOrigins)) {
      return next(
        refuse(`connections from pages of ${origin.slice(0, 80)} are not accepted`, { reason: 'origin' }),
      );
    }
    const auth = socket.handshake.auth as { token?: unknown; hallId?: unknown; version?: unknown };
    if (auth.token !== undefined) {
      const found = deps.devices.authenticate(auth.token);
      if (found === undefined) {
        const held = await wrongTokens.take(socket.handshake.address);
        if (held > 0) {
          return next(limited('too many unknown tokens from this address', held));
        }
        return next(refuse('missing or unknown device token', { reason: 'unknown' }));
      }
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
        if (!deps.service.halls.has(hallId) || !mayRead(p, hallId, deps.service.halls))
          return next(refuse(`no access to hall ${hallId}`));
        socket.data.device = {
          deviceId: `person:${p.id}`,
          hallId,
          role: mayWrite(p, hallId, deps.service.halls) ? 'admin' : 'auditor',
          windowId: null,
          person: { id: p.id, name: p.displayName, role: p.role },
        };
        next();
      },
      () => next(refuse('sign-in check failed')),
    );
  });
  // A second connection with the same token (another tab, a copied token) is cut off beyond a few.
  io.use((socket, next) => {
    const { deviceId, person } = socket.data.device;
    const open = perDevice.get(deviceId) ?? 0;
    const cap = person === undefined ? deps.limits.connectionsPerDevice : deps.limits.connectionsPerPerson;
    if (open >= cap) {
      return next(limited(`${deviceId} already has ${open} connections`, 5_000));
    }
    perDevice.set(deviceId, open + 1);
    socket.once('disconnect', () => {
      const n = (perDevice.get(deviceId) ?? 1) - 1;
      if (n <= 0) perDevice.delete(deviceId);
      else perDevice.set(deviceId, n);
    });
    next();
  });
  io.on('connection', (socket) => onConnection(socket, deps.service, deps.logger, limits));
  return io;
}

export { originAllowed } from './io.js';

export function emitBatch(io: HallIo | undefined, audience: Audience, batch: HallEventBatch): void {
  io?.to(audienceRoom(batch.hallId, audience)).emit('hall:events', batch);
}

export function emitStats(io: HallIo | undefined, message: HallStatsMessage): void {
  io?.to(hallRoom(message.hallId)).emit('hall:stats', message);
}

function onConnection(
  socket: HallSocket,
  service: HallService,
  logger: Logger,
  limits: { commands: Limiter; snapshots: Limiter; logLines: RateLimiter },
): void {
  const device = socket.data.device;
  const quiet = limits.logLines;
  // Join before the snapshot: an event that races it has a seq the client compares and drops or resyncs on.
  void socket.join([
    hallRoom(device.hallId),
    audienceRoom(device.hallId, audienceOf(device.role)),
    deviceRoom(device.deviceId),
  ]);
  // One handler for every message (not one listener per command and socket: thousands of screens
  // connect). Each counts against the device's rate, whatever it is; one over it is answered and
  // dropped, and so is anything that is not a command.
  socket.use((packet, _next) => {
    const [name, ...args] = packet as unknown as [string, ...unknown[]];
    const ack = args.at(-1);
    const answer = typeof ack === 'function' ? (ack as (r: unknown) => void) : undefined;
    const handle = (wait: number): void => {
      if (wait > 0) {
        answer?.(
          fail('RATE_LIMITED', `too many requests from ${device.deviceId}`, {
            retryAt: Date.now() + wait,
            retryAfterMs: wait,
          }),
        );
        return;
      }
      if (!COMMANDS.has(name)) {
        answer?.(fail('UNKNOWN_COMMAND', `unknown command "${String(name).slice(0, 40)}"`));
        return;
      }
      if (answer === undefined) {
        // Said once a minute per device at most: a client cannot fill the disk with this line.
        if (quiet.take(device.deviceId) === 0)
          logger.warn(
            { deviceId: device.deviceId, command: name },
            'commands without acknowledgement ignored',
          );
        return;
      }
      void service.execute(device, name as CommandName, args.length > 1 ? args[0] : undefined).then(answer);
    };
    // In-process buckets answer at once; shared ones (Redis) answer in the order they were asked.
    const taken = (name === 'hall:snapshot' ? limits.snapshots : limits.commands).take(device.deviceId);
    if (typeof taken === 'number') handle(taken);
    else void taken.then(handle);
  });
  void service.snapshot(device).then(
    (snapshot) => socket.emit('hall:snapshot', snapshot),
    (e: unknown) => logger.error({ err: e, deviceId: device.deviceId }, 'snapshot failed'),
  );
}

/**
 * Socket.IO as a plugin of the HTTP server: attached to its listener, handed to `attached` (the
 * phone watch and the cluster follow it), closed first when the server closes. Closing the transports
 * (not disconnectSockets, which tells clients to stay away) makes every screen reconnect by itself to
 * the next server that starts on this address.
 */
export const hallSockets: FastifyPluginAsync<SocketDeps & { attached: (io: HallIo) => void }> = async (
  http,
  { attached, ...deps },
) => {
  const io = attachSockets(http.server, deps);
  attached(io);
  http.addHook('preClose', () => new Promise<void>((resolve) => io.close(() => resolve())));
};
