import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallClient, type HallClient } from '@onewindow/client';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import pino from 'pino';
import { afterEach } from 'vitest';
import {
  createHallServer,
  createSqliteStore,
  type HallServer,
  type HallStore,
  parseConfig,
  type ServerConfig,
  type ServerLimits,
} from '../src/index.js';
import type { Notifier } from '../src/notify.js';

/** Monday 2026-11-23 09:00 Beijing time: inside opening hours. */
export const MONDAY_9AM = Date.parse('2026-11-23T09:00:00+08:00');
export const MIN = 60_000;

export class FakeClock {
  constructor(public t: number = MONDAY_9AM) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
export const windowToken = (id: string): string => `window-${id}-token`;
export const padToken = (id: string): string => `pad-${id}-token`;
export const KIOSK = 'kiosk-token';
export const TEST_PERSONAL_DATA_KEY = 'test-personal-data-key-0123456789';
export const DISPLAY = 'display-token';
export const ADMIN = 'admin-token';
/** More kiosks, for load that one device may not send alone (each device has its rate limit). */
export const kioskToken = (n: number): string => `kiosk-${n}-token`;
export const EXTRA_KIOSKS = 9;

const guide = {
  conditions: ['条件'],
  materials: [{ name: '身份证', original: 1, copies: 1 }],
  steps: ['受理'],
  timeLimit: '即办',
  fees: '不收费',
  legalBasis: ['依据'],
};

/**
 * A small hall: w1 serves everything, w2 social affairs, w3 tax; any further windows serve everything.
 * Matter `m-quota` allows two tickets a day.
 */
export function testConfig(extraWindows = 0): ServerConfig {
  const windows = [
    { id: 'w1', number: '1', name: '综合窗口', type: 'universal', primary: { all: true } },
    { id: 'w2', number: '2', name: '社会事务窗口', type: 'category', primary: { categories: ['social'] } },
    { id: 'w3', number: '3', name: '税务窗口', type: 'dedicated', primary: { categories: ['tax'] } },
    ...Array.from({ length: extraWindows }, (_, i) => ({
      id: `x${i + 1}`,
      number: String(100 + i),
      name: '综合窗口',
      type: 'universal',
      primary: { all: true },
    })),
  ];
  const m = (id: string, categoryId: string, ticketPrefix: string, extra: object = {}) => ({
    id,
    code: id,
    name: `事项${id}`,
    categoryId,
    department: '部门',
    kind: 'instant',
    targetWaitMin: 20,
    avgHandleMin: 10,
    ticketPrefix,
    guide,
    ...extra,
  });
  return parseConfig({
    halls: [
      {
        hall: {
          id: 'h1',
          name: '测试政务服务中心',
          level: 'county',
          hours: { open: '08:30', close: '17:30' },
          // Most suites open windows with a window token alone; the staff rule has its own tests.
          // Suites that issue in bulk are not scalpers; the limits have their own tests.
          rules: { windowsWithoutStaff: true, kioskTicketsPerMinute: 10_000, realNameTicketsPerDay: 50 },
        },
        categories: [
          { id: 'social', name: '社会事务' },
          { id: 'tax', name: '税务' },
        ],
        matters: [
          m('m-social', 'social', 'A'),
          m('m-social2', 'social', 'A'),
          m('m-tax', 'tax', 'B'),
          m('m-quota', 'social', 'C', { dailyQuota: 2 }),
        ],
        windows,
        staff: [
          { id: 's1', name: '王丽', windowIds: ['w1'] },
          { id: 's2', name: '李强', windowIds: ['w2'], backupOf: ['s1'] },
          { id: 's3', name: '张敏', windowIds: ['w3'], pin: '2468' },
        ],
        devices: [
          { id: 'kiosk', role: 'kiosk', tokenSha256: sha(KIOSK) },
          ...Array.from({ length: EXTRA_KIOSKS }, (_, i) => ({
            id: `kiosk-extra-${i + 1}`,
            role: 'kiosk' as const,
            tokenSha256: sha(kioskToken(i + 1)),
          })),
          { id: 'display', role: 'display', tokenSha256: sha(DISPLAY) },
          { id: 'admin', role: 'admin', tokenSha256: sha(ADMIN) },
          ...windows.flatMap((w) => [
            { id: `window-${w.id}`, role: 'window', windowId: w.id, tokenSha256: sha(windowToken(w.id)) },
            { id: `pad-${w.id}`, role: 'pad', windowId: w.id, tokenSha256: sha(padToken(w.id)) },
          ]),
        ],
      },
    ],
  });
}

export interface TestHall {
  server: HallServer;
  url: string;
  clock: FakeClock;
  dbFile: string;
  dir: string;
  connect(token: string): Promise<HallClient>;
  /** Stops the server (and its clients) but keeps the database file. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dir?: string;
  clock?: FakeClock;
  config?: ServerConfig;
  enforceHours?: boolean;
  /** A fixed port (a restart on the same address); 0 picks a free one. */
  port?: number;
  /** Rate limits; by default high enough that only tests of the limits meet them. */
  limits?: Partial<ServerLimits>;
  /** Wraps the SQLite store (to make a commit fail, for instance). */
  wrapStore?: (store: HallStore) => HallStore;
  /** The personal-data key (a fixed test key by default). */
  personalDataKey?: string;
  /** Where the server logs (nowhere by default). */
  logger?: Logger;
  /** Serve HTTPS with this certificate. */
  tls?: { cert: string; key: string };
  /** Another store than the SQLite file in `dir` (PostgreSQL). */
  store?: HallStore;
  /** Redis of a deployment with several instances. */
  redisUrl?: string;
  /** Where messages to residents go (the log driver by default). */
  notifier?: Notifier;
  /** How often due messages are sent (0 by default: tests drain the outbox themselves). */
  notifyIntervalMs?: number;
  /** How often deliveries to outside systems are sent (0 by default: tests drain them). */
  deliveryIntervalMs?: number;
  redisPrefix?: string;
  instanceId?: string;
  /** How often timers run (0: only when the test calls tick()). */
  tickIntervalMs?: number;
}

/** Tests send bursts no device would: the limits are the subject of their own test. */
const ROOMY: Partial<ServerLimits> = {
  commandsPerDevice: { perSec: 1_000, burst: 5_000 },
  snapshotsPerDevice: { perSec: 1_000, burst: 5_000 },
  connectionsPerAddress: { perSec: 1_000, burst: 5_000 },
  httpPerAddress: { perSec: 1_000, burst: 5_000 },
  failedLoginsPerAddress: { perSec: 1_000, burst: 5_000 },
  bookingsPerAddress: { perSec: 1_000, burst: 5_000 },
  bookingLookupsPerAddress: { perSec: 1_000, burst: 5_000 },
  phoneWatchersPerAddress: { perSec: 1_000, burst: 5_000 },
  callsPerIntegrationKey: { perSec: 1_000, burst: 5_000 },
  connectionsPerDevice: 1_000,
  connectionsPerPerson: 1_000,
};

let seqId = 0;
/**
 * Ids that are unique and predictable, so failures are easy to read. The counter is zero-padded: lists
 * that break ties on the id (the audit log at one fake-clock instant) then keep the order of creation,
 * also when one worker's files share this module and the counter passes 999.
 */
const testIds = () => ({
  uuid: () =>
    `id-${process.pid}-${String(++seqId).padStart(9, '0')}-${Math.random().toString(36).slice(2, 8)}`,
  code: () => String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
});

export async function startHall(options: StartOptions = {}): Promise<TestHall> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onewindow-test-'));
  const dbFile = join(dir, 'hall.sqlite');
  const clock = options.clock ?? new FakeClock();
  const server = await createHallServer({
    seed: options.config ?? testConfig(),
    store: (options.wrapStore ?? ((s) => s))(options.store ?? createSqliteStore(dbFile)),
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    ids: testIds(),
    personalDataKey: options.personalDataKey ?? TEST_PERSONAL_DATA_KEY,
    enforceHours: options.enforceHours ?? true,
    tickIntervalMs: options.tickIntervalMs ?? 0,
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
    ...(options.redisPrefix === undefined ? {} : { redisPrefix: options.redisPrefix }),
    ...(options.instanceId === undefined ? {} : { instanceId: options.instanceId }),
    backupDir: join(dir, 'backups'),
    limits: options.limits ?? ROOMY,
    statsIntervalMs: 20,
    notifyIntervalMs: options.notifyIntervalMs ?? 0,
    deliveryIntervalMs: options.deliveryIntervalMs ?? 0,
    ...(options.notifier === undefined ? {} : { notifier: options.notifier }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  });
  const url = await server.listen({ port: options.port ?? 0 });
  const clients: HallClient[] = [];
  let stopped = false;
  return {
    server,
    url,
    clock,
    dbFile,
    dir,
    async connect(token) {
      const client = createHallClient({
        url,
        token,
        commandTimeoutMs: 10_000,
        socket: { reconnectionDelay: 50, reconnectionDelayMax: 200 },
      });
      clients.push(client);
      await client.waitFor((s) => s.synced);
      return client;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const c of clients) c.close();
      await server.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Unwraps an ack that the test expects to succeed. */
export function okData<T>(
  ack: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!ack.ok) throw new Error(`expected success, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** A valid ID number of someone born on the given date (YYYYMMDD). */
export function idNumberBornOn(birth: string, order = '123'): string {
  const first17 = `320102${birth}${order}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return first17 + ('10X98765432'[sum % 11] ?? '');
}

/**
 * Starts halls for the tests of a file and stops them (and removes their folders) after each test,
 * whether it passed or not.
 */
export function useHalls(): { start(options?: StartOptions): Promise<TestHall> } {
  const running: TestHall[] = [];
  const dirs = new Set<string>();
  afterEach(async () => {
    for (const h of running.splice(0)) await h.stop();
    for (const d of dirs) removeDir(d);
    dirs.clear();
  });
  return {
    async start(options) {
      const h = await startHall(options);
      running.push(h);
      dirs.add(h.dir);
      return h;
    },
  };
}

/** Every row of every table: what "the database is unchanged" means. */
export function dump(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    return JSON.stringify(tables.map((t) => [t, db.prepare(`select * from "${t}"`).all()]));
  } finally {
    db.close();
  }
}
