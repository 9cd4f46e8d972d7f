import type { Socket as NetSocket } from 'node:net';
import {
  type DispatchPolicy,
  defaultPolicy,
  isDomainError,
  ServiceDay,
  type WorkdayCalendar,
} from '@onewindow/domain';
import {
  AppointmentInput,
  type ClientToServerEvents,
  type CommandName,
  commandNames,
  type DeviceIdentity,
  type ErrorCode,
  type HallEvent,
  type ServerToClientEvents,
} from '@onewindow/protocol';
import chineseDays from 'chinese-days';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import pino from 'pino';
import { Server, type Socket } from 'socket.io';
import { OrderedBroadcaster } from './broadcaster.js';
import { formatIssues, type ServerConfig } from './config.js';
import { type Clock, type IdSource, type Logger, randomIds, sha256Hex, systemClock } from './deps.js';
import { CommandError } from './errors.js';
import { noticePage, statusPage, ticketPage } from './pages.js';
import { type WindowPrinters, windowPrinters } from './printers.js';
import { HallService } from './service.js';
import { registerWebApp, type WebApp } from './static.js';
import type { HallStore } from './store/types.js';

export interface HallServerDeps {
  config: ServerConfig;
  store: HallStore;
  clock?: Clock;
  logger?: Logger;
  ids?: IdSource;
  /** Key of the keyed hash of ID numbers; keep it secret and stable, or old hashes stop matching. */
  idHashKey: string;
  /** Refuse tickets outside opening hours and close each day at closing time. Default true. */
  enforceHours?: boolean;
  /** The dispatch policy; OneWindow's balancing policy by default. */
  policy?: DispatchPolicy;
  /** How often the day-close check runs; 0 turns the timer off (tests call tick()). Default 30 s. */
  tickIntervalMs?: number;
  /** Browser apps served next to the API (kiosk, window client, display…). */
  webApps?: readonly WebApp[];
  /** Working-day calendar for rectification deadlines; China's (chinese-days) by default. */
  workdays?: WorkdayCalendar;
  /** Printers at windows; by default those the configuration names, opened on first use. */
  printers?: WindowPrinters;
  /** The address residents' phones use (QR codes the server prints); by default the listening address. */
  publicUrl?: string;
}

interface SocketData {
  device: DeviceIdentity;
}

export type HallIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface HallServer {
  readonly http: FastifyInstance;
  readonly io: HallIo;
  readonly service: HallService;
  /** Starts listening; resolves to the base URL (port 0 picks a free port). */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Runs the day-close check now. */
  tick(): Promise<void>;
  /** Every event of a hall, in sequence order, as broadcast (for in-process screens such as LEDs). */
  subscribe(hallId: string, listener: (event: HallEvent) => void): () => void;
  close(): Promise<void>;
}

export const hallRoom = (hallId: string): string => `hall:${hallId}`;

/** How long close() waits for connections to end before cutting them. */
const CLOSE_GRACE_MS = 2_000;

/** China's working days: weekends off unless a 调休 make-up day, public holidays off. */
export const chineseWorkdays: WorkdayCalendar = (day) => chineseDays.isWorkday(day);

/** The composition root: wires the store, the service, HTTP and Socket.IO together. */
export async function createHallServer(deps: HallServerDeps): Promise<HallServer> {
  const logger = deps.logger ?? pino({ name: 'onewindow' });
  const clock = deps.clock ?? systemClock;
  await deps.store.migrate();

  let io: HallIo | undefined;
  const listeners = new Set<{ hallId: string; listener: (event: HallEvent) => void }>();
  const broadcaster = new OrderedBroadcaster((hallId, event) => {
    emitEvent(io, hallId, event);
    for (const l of listeners) if (l.hallId === hallId) l.listener(event);
  });
  const printers = deps.printers ?? windowPrinters(deps.config.halls.flatMap((h) => h.windows));
  let publicUrl = deps.publicUrl ?? '';
  const service = new HallService({
    config: deps.config,
    store: deps.store,
    clock,
    logger,
    ids: deps.ids ?? randomIds,
    idHashKey: deps.idHashKey,
    enforceHours: deps.enforceHours ?? true,
    policy: deps.policy ?? defaultPolicy,
    publish: (hallId, events) => broadcaster.publish(hallId, events),
    workdays: deps.workdays ?? chineseWorkdays,
    printers,
    publicUrl: () => publicUrl,
  });
  for (const [hallId, seq] of await service.lastSeqs()) broadcaster.start(hallId, seq);

  const devicesByToken = new Map<string, DeviceIdentity>();
  for (const h of deps.config.halls) {
    for (const d of h.devices) {
      devicesByToken.set(d.tokenSha256, {
        deviceId: d.id,
        hallId: h.hall.id,
        role: d.role,
        windowId: d.windowId ?? null,
      });
    }
  }
  const authenticate = (token: unknown): DeviceIdentity | undefined =>
    typeof token === 'string' && token.length > 0 && token.length <= 512
      ? devicesByToken.get(sha256Hex(token))
      : undefined;

  const httpLogger: FastifyBaseLogger = logger.child({ part: 'http' });
  const http: FastifyInstance = Fastify({
    loggerInstance: httpLogger,
    // Devices poll health and tickets all day; per-request lines would drown the log.
    logController: new LogController({ disableRequestLogging: true }),
  });
  registerRoutes(http, service, authenticate);
  const connections = new Set<NetSocket>();
  http.server.on('connection', (c: NetSocket) => {
    connections.add(c);
    c.once('close', () => connections.delete(c));
  });
  for (const app of deps.webApps ?? []) registerWebApp(http, app);

  io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    http.server,
    {
      serveClient: false,
      cors: { origin: true },
    },
  );
  io.use((socket, next) => {
    const device = authenticate((socket.handshake.auth as { token?: unknown }).token);
    if (device === undefined) {
      const err = new Error('UNAUTHENTICATED') as Error & { data: { code: ErrorCode; message: string } };
      err.data = { code: 'UNAUTHENTICATED', message: 'missing or unknown device token' };
      next(err);
      return;
    }
    socket.data.device = device;
    next();
  });
  io.on('connection', (socket) => onConnection(socket, service, logger));

  let timer: NodeJS.Timeout | undefined;
  const interval = deps.tickIntervalMs ?? 30_000;
  const tick = async () => {
    try {
      await service.tick();
    } catch (e) {
      logger.error({ err: e }, 'day-close check failed');
    }
  };

  return {
    http,
    io,
    service,
    async listen(options = {}) {
      const address = await http.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
      if (publicUrl === '') publicUrl = address.replace('127.0.0.1', 'localhost');
      await tick(); // close days the server slept through before anyone connects
      if (interval > 0) timer = setInterval(() => void tick(), interval);
      return address;
    },
    tick: () => service.tick(),
    subscribe(hallId, listener) {
      const entry = { hallId, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    async close() {
      if (timer !== undefined) clearInterval(timer);
      // A client may reconnect while we shut down (its upgraded WebSocket is not an HTTP connection the
      // server closes by itself): after a grace period every connection left is cut, so close ends.
      const force = setTimeout(() => {
        for (const c of connections) c.destroy();
      }, CLOSE_GRACE_MS);
      try {
        // Closing the transports (not disconnectSockets, which tells clients to stay away) makes every
        // screen reconnect by itself to the next server that starts on this address.
        await new Promise<void>((resolve) => io?.close(() => resolve()) ?? resolve());
        await http.close();
      } finally {
        clearTimeout(force);
      }
      await printers.close();
      await deps.store.close();
    },
  };
}

function emitEvent(io: HallIo | undefined, hallId: string, event: HallEvent): void {
  const room = io?.to(hallRoom(hallId));
  if (room === undefined) return;
  // The event map is keyed by the event's own type, which the union guarantees.
  (room.emit as (ev: string, payload: HallEvent) => boolean)(event.type, event);
}

function onConnection(socket: HallSocket, service: HallService, logger: Logger): void {
  const device = socket.data.device;
  // Join before the snapshot: an event that races it has a seq the client compares and drops or resyncs on.
  void socket.join(hallRoom(device.hallId));
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

type Authenticate = (token: unknown) => DeviceIdentity | undefined;

/** Read-only routes with no personal data, open to screens of any origin. */
const PUBLIC_API = /^\/api\/(halls(\/[^/]+\/matters(\/[^/]+)?)?|tickets\/[^/]+)$/;

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_ID_NUMBER: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  return reply
    .status(STATUS_OF[code] ?? 409)
    .send({ ok: false, error: details === undefined ? { code, message } : { code, message, details } });
}

function registerRoutes(http: FastifyInstance, service: HallService, authenticate: Authenticate): void {
  const hallParam = (req: FastifyRequest): string => (req.params as { hallId: string }).hallId;
  const admin = (req: FastifyRequest): DeviceIdentity | undefined => {
    const header = req.headers.authorization;
    const device = authenticate(header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    return device?.role === 'admin' && device.hallId === hallParam(req) ? device : undefined;
  };

  http.setErrorHandler((err, _req, reply) => {
    if (err instanceof CommandError || isDomainError(err))
      return sendError(reply, err.code, err.message, err.details);
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status < 500)
      return sendError(reply, 'VALIDATION_FAILED', err instanceof Error ? err.message : 'bad request');
    http.log.error({ err }, 'request failed');
    return sendError(reply.status(500), 'INTERNAL', 'internal error');
  });

  // The public read API (halls, matters and guides, ticket status) is fetched by screens served from
  // other origins (the Electron kiosk's app://); admin lists are never shared across origins.
  http.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && PUBLIC_API.test(req.url.split('?')[0] ?? '')) {
      reply.header('access-control-allow-origin', '*');
    }
    return payload;
  });

  http.get('/health', async () => ({ status: 'ok', halls: [...service.halls.keys()] }));

  http.get('/', async (_req, reply) => {
    const snapshots = await Promise.all(
      [...service.halls.keys()].map((hallId) =>
        service.snapshot({ deviceId: 'status-page', hallId, role: 'display', windowId: null }),
      ),
    );
    return reply.type('text/html; charset=utf-8').send(statusPage(snapshots));
  });

  http.get('/api/halls', async () =>
    [...service.halls.values()].map((h) => ({
      id: h.id,
      name: h.hall.name,
      level: h.hall.level,
      hours: h.hall.hours,
    })),
  );

  http.get('/api/halls/:hallId/matters', async (req) => {
    const hall = service.hallOf(hallParam(req));
    return {
      categories: hall.categories,
      matters: [...hall.matters.values()].map(({ guide: _g, ...m }) => m),
    };
  });

  http.get('/api/halls/:hallId/matters/:matterId', async (req, reply) => {
    const hall = service.hallOf(hallParam(req));
    const { matterId } = req.params as { matterId: string };
    const matter = hall.matters.get(matterId);
    return matter === undefined
      ? sendError(reply, 'NOT_FOUND', `matter "${matterId}" does not exist`)
      : matter;
  });

  http.get('/api/tickets/:ticketId', async (req) =>
    service.publicStatus((req.params as { ticketId: string }).ticketId),
  );

  http.get('/t/:ticketId', async (req, reply) => {
    const status = await service.publicStatus((req.params as { ticketId: string }).ticketId);
    return reply.type('text/html; charset=utf-8').send(ticketPage(status));
  });

  http.get('/n/:noticeId', async (req, reply) => {
    const notice = await service.notice((req.params as { noticeId: string }).noticeId);
    if (notice === undefined) return sendError(reply, 'NOT_FOUND', 'no such notice');
    return reply
      .type('text/html; charset=utf-8')
      .send(noticePage(notice, service.hallOf(notice.hallId).hall));
  });

  /** An admin-only list of one service day (`?day=YYYY-MM-DD`). */
  const adminDayList = (path: string, list: (hallId: string, day: string) => Promise<unknown>) =>
    http.get(path, async (req, reply) => {
      service.hallOf(hallParam(req));
      if (admin(req) === undefined)
        return sendError(reply, 'UNAUTHENTICATED', 'an admin token of this hall is required');
      const day = ServiceDay.safeParse((req.query as { day?: unknown }).day);
      if (!day.success)
        return sendError(reply, 'VALIDATION_FAILED', 'query parameter day must be YYYY-MM-DD');
      return list(hallParam(req), day.data);
    });
  adminDayList('/api/halls/:hallId/rectifications', (hallId, day) => service.listRectifications(hallId, day));
  adminDayList('/api/halls/:hallId/appointments', (hallId, day) => service.listAppointments(hallId, day));

  http.post('/api/halls/:hallId/appointments', async (req, reply) => {
    service.hallOf(hallParam(req));
    if (admin(req) === undefined)
      return sendError(reply, 'UNAUTHENTICATED', 'an admin token of this hall is required');
    const input = AppointmentInput.safeParse(req.body);
    if (!input.success) return sendError(reply, 'VALIDATION_FAILED', formatIssues(input.error).join('; '));
    return reply.status(201).send(await service.createAppointment(hallParam(req), input.data));
  });
}
