import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { defaultPolicy, type HolidayCalendar, type Rectification } from '@onewindow/domain';
import type { HallEvent, HallStatsMessage } from '@onewindow/protocol';
import pino from 'pino';
import { Accounts } from './admin/accounts.js';
import { Backups } from './admin/backup.js';
import { ConfigService } from './admin/config-service.js';
import { DeviceDirectory } from './admin/devices.js';
import type { ClusterChange } from './admin/types.js';
import { OrderedBroadcaster } from './broadcaster.js';
import { chineseCalendar } from './calendar.js';
import { type Clock, type IdSource, type Logger, randomIds, systemClock } from './deps.js';
import { Deliveries } from './integrations/deliveries.js';
import { reportRectification } from './integrations/hall-events.js';
import { IntegrationKeys } from './integrations/keys.js';
import { Targets } from './integrations/targets.js';
import { loggingNotifier, type Notifier } from './notify.js';
import { type WindowPrinters, windowPrinters } from './printers.js';
import { PersonalDataKeys } from './privacy.js';
import { type Limiter, limitsWith, type ServerLimits } from './rate-limit.js';
import { HallRegistry } from './registry.js';
import { Residents } from './residents.js';
import { type Cluster, joinCluster } from './scale/cluster.js';
import type { HallServerDeps } from './server-types.js';
import { HallService } from './service.js';
import { deviceRoom, emitBatch, emitStats, type HallIo } from './sockets.js';
import { StatsPublisher } from './stats-publisher.js';
import type { StoreTx } from './store/types.js';

/** The Electron kiosk serves its renderer from this origin (apps/kiosk/src/main/security.ts). */
const KIOSK_APP_ORIGIN = 'app://kiosk';

/** The hall's parts before any route or socket: what the HTTP and Socket.IO plugins are given. */
export interface HallCore {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** This instance's name in the timers' and the messages' leases. */
  readonly instanceId: string;
  readonly cluster: Cluster;
  readonly halls: HallRegistry;
  readonly config: ConfigService;
  readonly service: HallService;
  readonly devices: DeviceDirectory;
  readonly accounts: Accounts;
  readonly backups: Backups | undefined;
  readonly residents: Residents;
  readonly printers: WindowPrinters;
  readonly stats: StatsPublisher<Omit<HallStatsMessage, 'hallId'>>;
  readonly limits: ServerLimits;
  readonly allowedOrigins: readonly string[];
  readonly personalData: PersonalDataKeys;
  readonly integrationKeys: IntegrationKeys;
  readonly targets: Targets;
  /** Messages to outside systems (the 好差评 platform, webhooks), through the deliveries outbox. */
  readonly deliveries: Deliveries;
  /** Calls per integration key. */
  readonly integrationCalls: Limiter;
  /** A rectification closed in the console: its 好差评 report is queued in the same transaction. */
  rectified(tx: StoreTx, r: Rectification): Promise<void>;
  readonly calendar: HolidayCalendar;
  readonly notifier: Notifier;
  /** The address residents' phones use; known once the server listens when not configured. */
  publicUrl: string;
  /** Socket.IO, once attached: the broadcaster, the statistics and device kicks go through it. */
  io: HallIo | undefined;
  /** In-process listeners of a hall's events (LED screens). */
  readonly listeners: Set<{ hallId: string; listener: (event: HallEvent) => void }>;
  /** Follows what another instance did; a failure is logged, and the next command catches up. */
  followOthers(work: Promise<unknown>): void;
}

/**
 * Migrates and seeds the store (one instance at a time), loads the configuration, and wires the
 * service, devices, accounts, backups and the residents' side to one broadcaster.
 */
export async function assembleHall(deps: HallServerDeps): Promise<HallCore> {
  const logger = deps.logger ?? pino({ name: 'onewindow' });
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const calendar = deps.calendar ?? chineseCalendar;
  // Instances starting together on one empty database migrate and seed it one after another.
  const serialized = <T>(fn: () => Promise<T>): Promise<T> =>
    deps.store.serialized === undefined ? fn() : deps.store.serialized('startup', fn);
  const cluster = await joinCluster(deps.redisUrl, logger, deps.redisPrefix);

  // Parts made below reach each other through `core`, filled in as they are made.
  const core = {
    io: undefined as HallIo | undefined,
    residents: undefined as Residents | undefined,
    stats: undefined as StatsPublisher<Omit<HallStatsMessage, 'hallId'>> | undefined,
    publicUrl: deps.publicUrl ?? '',
    listeners: new Set<{ hallId: string; listener: (event: HallEvent) => void }>(),
  };
  const broadcaster = new OrderedBroadcaster(
    (_hallId, audience, batch) => emitBatch(core.io, audience, batch),
    (hallId, event) => {
      for (const l of core.listeners) if (l.hallId === hallId) l.listener(event);
      core.residents?.changed(hallId);
    },
  );
  const publish = (hallId: string, events: readonly HallEvent[]) => {
    broadcaster.publish(hallId, events);
    core.residents?.published(hallId, events);
    core.stats?.changed(hallId);
    const seq = events.at(-1)?.seq;
    if (seq !== undefined) cluster.announce({ kind: 'hall', hallId, seq });
  };
  const followOthers = (work: Promise<unknown>): void => {
    work.catch((err: unknown) => logger.warn({ err }, 'could not follow a change of another instance'));
  };
  const halls = new HallRegistry();
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
  const personalData = new PersonalDataKeys(deps.personalDataKey);
  const integrationKeys = new IntegrationKeys({ store: deps.store, clock, ids, logger });
  const targets = new Targets({ store: deps.store, clock, ids, personalData });
  const deliveries = new Deliveries({ store: deps.store, clock, ids, logger, targets, instanceId });
  await targets.load();
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
    calendar,
    printers,
    publicUrl: () => core.publicUrl,
    deliveries,
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
  const stats = new StatsPublisher(
    deps.statsIntervalMs ?? 1_000,
    (hallId) => service.stats(hallId),
    (hallId, s) => emitStats(core.io, { hallId, ...s }),
    () => halls.ids(),
    logger,
  );
  core.stats = stats;
  const limits = limitsWith(deps.limits);

  const devices = new DeviceDirectory(
    adminDeps,
    halls,
    config,
    (deviceId) => core.io?.in(deviceRoom(deviceId)).disconnectSockets(true),
    (deviceId) => (core.io?.sockets.adapter.rooms.get(deviceRoom(deviceId))?.size ?? 0) > 0,
  );
  await devices.load();
  const accounts = new Accounts(adminDeps, halls, config);
  const backups =
    deps.store.backup !== undefined && deps.backupDir !== undefined
      ? new Backups({ backup: deps.store.backup }, deps.backupDir, clock, logger)
      : undefined;
  const allowedOrigins = deps.allowedOrigins ?? [KIOSK_APP_ORIGIN];
  const residents = new Residents({
    halls,
    store: deps.store,
    clock,
    ids,
    personalData,
    calendar,
    notifier,
    ...(deps.messageTemplates === undefined ? {} : { messages: deps.messageTemplates }),
    logger,
    service,
    accounts,
    config,
    limits,
    limiter: (name, rate) => cluster.limiter(name, rate),
    allowedOrigins,
    deliveries,
    ...(deps.store.shared === true
      ? {
          lease: () =>
            deps.store.transaction((tx) => tx.takeLease('notifications', instanceId, clock.now(), 10_000)),
        }
      : {}),
    notifyIntervalMs: deps.notifyIntervalMs ?? 1_000,
  });
  core.residents = residents;
  return Object.assign(core, {
    logger,
    clock,
    ids,
    instanceId,
    cluster,
    halls,
    config,
    service,
    devices,
    accounts,
    backups,
    residents,
    printers,
    stats,
    limits,
    allowedOrigins,
    personalData,
    calendar,
    notifier,
    integrationKeys,
    targets,
    deliveries,
    integrationCalls: cluster.limiter('integration-keys', limits.callsPerIntegrationKey),
    rectified: (tx: StoreTx, r: Rectification) =>
      halls.has(r.hallId) ? reportRectification(deliveries, tx, halls.get(r.hallId), r) : Promise.resolve(),
    followOthers,
  });
}
