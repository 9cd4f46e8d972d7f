import { randomBytes } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket as NetSocket } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type DispatchPolicy, defaultPolicy, type HolidayCalendar } from '@onewindow/domain';
import type { HallEvent, HallStatsMessage } from '@onewindow/protocol';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerFactory,
  LogController,
} from 'fastify';
import pino from 'pino';
import { Accounts } from './admin/accounts.js';
import { Backups } from './admin/backup.js';
import { ConfigService } from './admin/config-service.js';
import { DeviceDirectory } from './admin/devices.js';
import { type Actor, type ClusterChange, SYSTEM } from './admin/types.js';
import { OrderedBroadcaster } from './broadcaster.js';
import { chineseCalendar } from './calendar.js';
import type { ServerConfig } from './config.js';
import { type Clock, type IdSource, type Logger, randomIds, systemClock } from './deps.js';
import { authPlugin } from './http/auth.js';
import { consoleApi } from './http/console.js';
import { registerPublicRoutes } from './http/public-routes.js';
import { installErrorHandler, installHttpLimit } from './http/reply.js';
import { installSecurityHeaders } from './http/security-headers.js';
import type { MessageTemplates } from './notifications/messages.js';
import { loggingNotifier, type Notifier } from './notify.js';
import { type WindowPrinters, windowPrinters } from './printers.js';
import { PersonalDataKeys } from './privacy.js';
import { limitsWith, type ServerLimits } from './rate-limit.js';
import { HallRegistry } from './registry.js';
import { Residents } from './residents.js';
import { joinCluster } from './scale/cluster.js';
import { reachOf } from './screens.js';
import { HallService } from './service.js';
import { attachSockets, deviceRoom, emitBatch, emitStats, type HallIo } from './sockets.js';
import { registerWebApp, type WebApp } from './static.js';
import { StatsPublisher } from './stats-publisher.js';
import type { HallStore } from './store/types.js';

export { type HallIo, hallRoom } from './sockets.js';

export interface HallServerDeps {
  /** Halls to start with when the store holds none yet (a YAML/JSON seed file, the demo hall, tests). */
  seed?: ServerConfig;
  store: HallStore;
  clock?: Clock;
  logger?: Logger;
  ids?: IdSource;
  /**
   * The secret personal data is kept under (ID tokens, sealed contacts, request digests). Never keep it
   * in the data folder: a copy of the folder must not be enough to read anyone's data.
   */
  personalDataKey: string;
  /** Refuse tickets outside opening hours and close each day at closing time. Default true. */
  enforceHours?: boolean;
  /** The dispatch policy; OneWindow's balancing policy by default. */
  policy?: DispatchPolicy;
  /** How often the day-close check runs; 0 turns the timer off (tests call tick()). Default 30 s. */
  tickIntervalMs?: number;
  /** Browser apps served next to the API (kiosk, window client, display, console…). */
  webApps?: readonly WebApp[];
  /** Public holidays and make-up workdays; China's (chinese-days) by default. */
  calendar?: HolidayCalendar;
  /** Where messages to residents about their cases go (an SMS gateway); the log by default. */
  notifier?: Notifier;
  /** The texts of booking and visit messages (ONEWINDOW_NOTIFY_MESSAGES); defaults in Chinese. */
  messageTemplates?: MessageTemplates;
  /** How often due messages to residents are sent (default 1000 ms; 0: only when drained by hand). */
  notifyIntervalMs?: number;
  /** Printers at windows; by default those the configuration names, opened on first use. */
  printers?: WindowPrinters;
  /** The address residents' phones use (QR codes the server prints); by default the listening address. */
  publicUrl?: string;
  /** Where daily backups go (SQLite only); none when absent. */
  backupDir?: string;
  /** Set the Secure flag on session cookies (behind TLS). */
  secureCookies?: boolean;
  /** Serve HTTPS (and WSS) with this certificate and key; HSTS is sent then. Plain HTTP without. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Origins besides the server's own whose pages may connect (default: the Electron kiosk's app://kiosk). */
  allowedOrigins?: readonly string[];
  /** Rate limits per device and address; the defaults suit a hall. */
  limits?: Partial<ServerLimits>;
  /** The shortest time between two queue-statistics messages of a hall (screens redraw them once a second). Default 1 s. */
  statsIntervalMs?: number;
  /**
   * Redis of a deployment with several instances (ONEWINDOW_REDIS_URL): Socket.IO emits reach every
   * instance's clients, changes are announced to the others, rate limits are shared.
   */
  redisUrl?: string;
  /** Keys and stream of this deployment in Redis (default onewindow): deployments may share one Redis. */
  redisPrefix?: string;
  /** This instance's name in the timers' lease (default host, process and a random part). */
  instanceId?: string;
}

export interface HallServer {
  readonly http: FastifyInstance;
  readonly io: HallIo;
  readonly service: HallService;
  readonly config: ConfigService;
  readonly devices: DeviceDirectory;
  readonly accounts: Accounts;
  readonly backups: Backups | undefined;
  /** Booking, the live phone page and messages to residents. */
  readonly residents: Residents;
  /** Starts listening; resolves to the base URL (port 0 picks a free port). */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Runs the day-close check now. */
  tick(): Promise<void>;
  /** Every event of a hall, in sequence order, as broadcast (for in-process screens such as LEDs). */
  subscribe(hallId: string, listener: (event: HallEvent) => void): () => void;
  close(): Promise<void>;
}

/** How long close() waits for connections to end before cutting them. */
/** The Electron kiosk serves its renderer from this origin (apps/kiosk/src/main/security.ts). */
const KIOSK_APP_ORIGIN = 'app://kiosk';

const CLOSE_GRACE_MS = 2_000;

/** The composition root: wires the store, the configuration, the service, HTTP and Socket.IO together. */
export async function createHallServer(deps: HallServerDeps): Promise<HallServer> {
  const logger = deps.logger ?? pino({ name: 'onewindow' });
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  // Instances starting together on one empty database migrate and seed it one after another.
  const serialized = <T>(fn: () => Promise<T>): Promise<T> =>
    deps.store.serialized === undefined ? fn() : deps.store.serialized('startup', fn);
  const cluster = await joinCluster(deps.redisUrl, logger, deps.redisPrefix);

  let io: HallIo | undefined;
  const listeners = new Set<{ hallId: string; listener: (event: HallEvent) => void }>();
  let residents: Residents | undefined;
  const broadcaster = new OrderedBroadcaster(
    (_hallId, audience, batch) => emitBatch(io, audience, batch),
    (hallId, event) => {
      for (const l of listeners) if (l.hallId === hallId) l.listener(event);
      residents?.changed(hallId);
    },
  );
  let stats: StatsPublisher<Omit<HallStatsMessage, 'hallId'>> | undefined;
  const publish = (hallId: string, events: readonly HallEvent[]) => {
    broadcaster.publish(hallId, events);
    residents?.published(hallId, events);
    stats?.changed(hallId);
    const seq = events.at(-1)?.seq;
    if (seq !== undefined) cluster.announce({ kind: 'hall', hallId, seq });
  };
  const halls = new HallRegistry();
  // Following another instance is best effort: a failure is logged, and the next command catches up.
  const followOthers = (work: Promise<unknown>): void => {
    work.catch((err: unknown) => logger.warn({ err }, 'could not follow a change of another instance'));
  };
  const adminDeps = {
    store: deps.store,
    clock,
    ids,
    logger,
    publish,
    startHall: (hallId: string) => broadcaster.start(hallId, 0),
    changed: (change: ClusterChange) => cluster.announce(change),
  };
  const config = new ConfigService(adminDeps, halls);
  const seed = deps.seed;
  await serialized(async () => {
    await deps.store.migrate();
    if (seed !== undefined && !(await config.seedIfEmpty(seed))) {
      logger.info(
        'the store holds its halls already; the seed file was not applied (configuration lives in the store)',
      );
    }
  });
  await config.load();

  const printers = deps.printers ?? windowPrinters(halls.all().flatMap((h) => h.config.windows));
  let publicUrl = deps.publicUrl ?? '';
  const personalData = new PersonalDataKeys(deps.personalDataKey);
  const notifier = deps.notifier ?? loggingNotifier(logger);
  const service = new HallService({
    halls,
    store: deps.store,
    clock,
    logger,
    ids,
    personalData,
    enforceHours: deps.enforceHours ?? true,
    policy: deps.policy ?? defaultPolicy,
    publish,
    calendar: deps.calendar ?? chineseCalendar,
    printers,
    publicUrl: () => publicUrl,
    // Several instances on one store: what the others did reaches this one's screens and state.
    ...(deps.store.shared === true
      ? {
          others: {
            caughtUp: (hallId: string, events: readonly HallEvent[]) => {
              broadcaster.passed(hallId, events);
              if (events.some((e) => e.type === 'hall:configured')) followOthers(config.reload(hallId));
            },
            loaded: (hallId: string, seq: number) => broadcaster.skipTo(hallId, seq),
          },
        }
      : {}),
  });
  for (const [hallId, seq] of await service.lastSeqs()) broadcaster.start(hallId, seq);
  stats = new StatsPublisher(
    deps.statsIntervalMs ?? 1_000,
    (hallId) => service.stats(hallId),
    (hallId, s) => emitStats(io, { hallId, ...s }),
    () => halls.ids(),
    logger,
  );
  const limits = limitsWith(deps.limits);

  const devices = new DeviceDirectory(
    adminDeps,
    halls,
    config,
    (deviceId) => io?.in(deviceRoom(deviceId)).disconnectSockets(true),
    (deviceId) => (io?.sockets.adapter.rooms.get(deviceRoom(deviceId))?.size ?? 0) > 0,
  );
  await devices.load();
  const accounts = new Accounts(adminDeps, halls, config);
  const backups =
    deps.store.backup !== undefined && deps.backupDir !== undefined
      ? new Backups({ backup: deps.store.backup }, deps.backupDir, clock, logger)
      : undefined;

  const httpLogger: FastifyBaseLogger = logger.child({ part: 'http' });
  const tls = deps.tls;
  const serverFactory: FastifyServerFactory | undefined =
    tls === undefined ? undefined : (handler) => createHttpsServer(tls, handler);
  const http: FastifyInstance = Fastify({
    loggerInstance: httpLogger,
    // Devices poll health and tickets all day; per-request lines would drown the log.
    logController: new LogController({ disableRequestLogging: true }),
    ...(serverFactory === undefined ? {} : { serverFactory }),
  });
  http.addContentTypeParser(
    ['text/yaml', 'application/yaml'],
    { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  installErrorHandler(http);
  installSecurityHeaders(http, tls !== undefined);
  installHttpLimit(http, cluster.limiter('http', limits.httpPerAddress));
  await http.register(authPlugin({ accounts, halls, devices }));
  registerPublicRoutes(http, service, devices, () => clock.now());
  const allowedOrigins = deps.allowedOrigins ?? [KIOSK_APP_ORIGIN];
  residents = new Residents({
    halls,
    store: deps.store,
    clock,
    ids,
    personalData,
    calendar: deps.calendar ?? chineseCalendar,
    notifier,
    ...(deps.messageTemplates === undefined ? {} : { messages: deps.messageTemplates }),
    logger,
    service,
    accounts,
    config,
    limits,
    limiter: (name, rate) => cluster.limiter(name, rate),
    allowedOrigins,
    ...(deps.store.shared === true
      ? {
          lease: () =>
            deps.store.transaction((tx) => tx.takeLease('notifications', instanceId, clock.now(), 10_000)),
        }
      : {}),
    notifyIntervalMs: deps.notifyIntervalMs ?? 1_000,
  });
  residents.registerRoutes(http);
  await http.register(consoleApi, {
    prefix: '/api/admin',
    halls,
    store: deps.store,
    accounts,
    config,
    devices,
    backups,
    service,
    personalData,
    calendar: deps.calendar ?? chineseCalendar,
    notifier,
    residents,
    now: () => clock.now(),
    secureCookies: deps.secureCookies ?? false,
  });
  const connections = new Set<NetSocket>();
  http.server.on('connection', (c: NetSocket) => {
    connections.add(c);
    c.once('close', () => connections.delete(c));
  });
  for (const app of deps.webApps ?? []) registerWebApp(http, app);

  io = attachSockets(http.server, {
    service,
    devices,
    accounts,
    logger,
    limits,
    allowedOrigins,
    limiter: (name, rate) => cluster.limiter(name, rate),
    adapter: cluster.adapter,
  });
  residents.attach(io);
  cluster.attach(io, (change) => {
    const known = change.kind === 'devices' || halls.has(change.hallId);
    if (change.kind === 'devices') followOthers(devices.load());
    else if (change.kind === 'config' || !known) followOthers(config.reload(change.hallId));
    else followOthers(service.catchUp(change.hallId, change.seq));
  });

  let timer: NodeJS.Timeout | undefined;
  let stopBackups: (() => void) | undefined;
  const interval = deps.tickIntervalMs ?? 30_000;
  // Several instances: the timers run on the one holding the lease; another takes over when it lapses.
  const leaseMs = Math.max(3 * interval, 5_000);
  const tick = async () => {
    try {
      if (
        deps.store.shared === true &&
        !(await deps.store.transaction((tx) => tx.takeLease('timers', instanceId, clock.now(), leaseMs)))
      )
        return;
      await service.tick();
      await residents?.tick();
    } catch (e) {
      logger.error({ err: e }, 'day-close check failed');
    }
  };

  return {
    http,
    io,
    service,
    config,
    devices,
    accounts,
    backups,
    residents,
    async listen(options = {}) {
      const listening = await http.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
      const address = tls === undefined ? listening : listening.replace(/^http:/, 'https:');
      // A wildcard bind (0.0.0.0) is no address for a phone: QR codes carry the first LAN address then.
      if (publicUrl === '') publicUrl = reachOf(address, { host: options.host }).phone;
      await tick(); // close days the server slept through before anyone connects
      if (interval > 0) timer = setInterval(() => void tick(), interval);
      if (backups !== undefined && interval > 0) stopBackups = backups.schedule();
      return address;
    },
    tick: async () => {
      await service.tick();
      await residents?.tick();
    },
    subscribe(hallId, listener) {
      const entry = { hallId, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    async close() {
      if (timer !== undefined) clearInterval(timer);
      stats?.close();
      stopBackups?.();
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
      await residents?.close();
      await printers.close();
      await cluster.close();
      await deps.store.close();
    },
  };
}

export type { Actor };
export { chineseCalendar, SYSTEM };
export const dataBackupDir = (dataDir: string): string => join(dataDir, 'backups');
