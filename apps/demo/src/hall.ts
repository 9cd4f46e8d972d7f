/**
 * The demo hall as a function: the hall server on the demo county center with every browser app, and —
 * where socat is installed — virtual devices on PTY pairs: per kiosk a ticket printer (drawing each
 * ticket as a PNG) and an ID card reader behind the kiosk's web bridge, and an LED screen above every
 * window kept current by the LED bridge. `npm start` and the end-to-end tests both run it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { VirtualIdCardReader, VirtualLedScreen, VirtualPrinter } from '@onewindow/hw-sim';
import { attachKioskBridge, KioskHardware } from '@onewindow/kiosk';
import { openPtyPair, type PtyPair } from '@onewindow/serial';
import {
  type Clock,
  createHallServer,
  createSqliteStore,
  DEMO_CONFIG,
  demoTokens,
  ensureDemoAccounts,
  type HallServer,
  type Logger,
  loadConfigFile,
  personalDataKeyFor,
  reachOf,
  SERVED_APPS,
  type ServerConfig,
  startHallLeds,
} from '@onewindow/server';
import pino from 'pino';
import type { DemoKiosk } from './demo-kiosk.js';
import { registerDevicePanel } from './panel.js';

export type { DemoKiosk } from './demo-kiosk.js';

export interface DemoOptions {
  dataDir: string;
  port?: number;
  host?: string;
  logger?: Logger;
  clock?: Clock;
  /** Override the demo hall (tests). */
  config?: ServerConfig;
  /** Called with each text an LED screen shows (or fails to). */
  onLed?: (windowId: string, text: string, error?: Error) => void;
}

/** Windows whose desk has a thermal printer in the demo: a general window and the 咨询导办 desk (reprints). */
export const DEMO_WINDOW_PRINTERS: readonly string[] = ['w03', 'w13'];

export interface DemoHall {
  /** The address on this machine (localhost). */
  url: string;
  /** What the server listens at (0.0.0.0 with --host 0.0.0.0), for the LAN addresses. */
  listening: string;
  server: HallServer;
  config: ServerConfig;
  tokens: Record<string, string>;
  /** Empty when socat is missing. */
  kiosks: Map<string, DemoKiosk>;
  virtualLeds: Map<string, VirtualLedScreen>;
  /** The virtual printers at the windows of DEMO_WINDOW_PRINTERS. */
  windowPrinters: Map<string, VirtualPrinter>;
  devicesOn: boolean;
  close(): Promise<void>;
}

export async function startDemoHall(options: DemoOptions): Promise<DemoHall> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0)) await c().catch(() => {});
  };
  try {
    return await start(options, closers, close);
  } catch (e) {
    await close();
    throw e;
  }
}

async function start(
  options: DemoOptions,
  closers: (() => Promise<void>)[],
  close: () => Promise<void>,
): Promise<DemoHall> {
  const logger = options.logger ?? pino({ name: 'onewindow', level: process.env.LOG_LEVEL ?? 'warn' });
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const config = options.config ?? loadConfigFile(DEMO_CONFIG);
  const hall = config.halls[0]!;
  const tokens = demoTokens();

  const devicesOn = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
  const kiosks = new Map<string, DemoKiosk>();
  const virtualLeds = new Map<string, VirtualLedScreen>();
  const windowPrinters = new Map<string, VirtualPrinter>();
  if (devicesOn) {
    const dir = join(dataDir, 'devices');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const kioskDevices = hall.devices.filter((x) => x.role === 'kiosk' && tokens[x.id] !== undefined);
    const printerWindows = hall.windows.filter((x) => DEMO_WINDOW_PRINTERS.includes(x.id));
    // Every PTY pair at once: each socat takes a moment to make its links, and 23 in a row made the demo
    // (and each screen test's hall) wait seconds for them.
    const pairs = await openPairs(dir, closers, [
      ...kioskDevices.flatMap((d) => [`printer-${d.id}`, `idcard-${d.id}`]),
      ...hall.windows.map((w) => `led-${w.id}`),
      ...printerWindows.map((w) => `printer-${w.id}`),
    ]);
    const pair = (name: string): PtyPair => pairs.get(name)!;
    for (const d of kioskDevices) {
      const token = tokens[d.id]!;
      const printerPair = pair(`printer-${d.id}`);
      const previewDir = join(dataDir, 'tickets', d.id);
      mkdirSync(previewDir, { recursive: true });
      const printer = await VirtualPrinter.open(printerPair.a, { previewDir, paperWidth: 80 });
      closers.push(() => printer.close());
      const readerPair = pair(`idcard-${d.id}`);
      const reader = await VirtualIdCardReader.open(readerPair.a);
      closers.push(() => reader.close());
      const hardware = await KioskHardware.open({
        printer: { path: printerPair.b, baudRate: 9600, paperWidth: 80 },
        idCardReader: { path: readerPair.b, baudRate: 115200, pollMs: 250 },
      });
      // Close the drivers before their PTYs go away.
      closers.unshift(() => hardware.close());
      hardware.start();
      kiosks.set(d.id, {
        deviceId: d.id,
        token,
        printer,
        reader,
        hardware,
        printerPort: printerPair.b,
        readerPort: readerPair.b,
      });
    }
    for (const w of hall.windows) {
      const p = pair(`led-${w.id}`);
      const led = await VirtualLedScreen.open(p.a, 1);
      closers.push(() => led.close());
      virtualLeds.set(w.id, led);
      w.led = { driver: 'plainSerial', port: p.b, address: 1, baudRate: 9600 };
    }
    for (const w of printerWindows) {
      const p = pair(`printer-${w.id}`);
      const previewDir = join(dataDir, 'tickets', w.id);
      mkdirSync(previewDir, { recursive: true });
      const printer = await VirtualPrinter.open(p.a, { previewDir, paperWidth: 80 });
      closers.push(() => printer.close());
      windowPrinters.set(w.id, printer);
      w.printer = { port: p.b, baudRate: 9600, paperWidth: 80 };
    }
  }

  const server = await createHallServer({
    seed: config,
    store: createSqliteStore(join(dataDir, 'onewindow.sqlite')),
    logger,
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    personalDataKey: personalDataKeyFor(dataDir).key,
    enforceHours: false, // the demo runs at any hour
    // People trying the demo open the same screen in several tabs; a hall's devices have one each.
    limits: { connectionsPerDevice: 100 },
    webApps: SERVED_APPS,
    backupDir: join(dataDir, 'backups'),
  });
  closers.unshift(() => server.close());
  await ensureDemoAccounts(server.accounts, config.halls[0]?.hall.id ?? '');
  registerDevicePanel(server.http, kiosks);
  const byToken = new Map([...kiosks.values()].map((k) => [k.token, k.hardware]));
  const bridge = attachKioskBridge(server.http.server, (token) => byToken.get(token));
  closers.unshift(() => bridge.close());
  const listening = await server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const url = reachOf(listening).local;

  // The server drives the window LED screens from its own events, as in a real hall.
  const leds = await startHallLeds(server, options.onLed ?? (() => {}));
  closers.unshift(() => leds.close());
  return { url, listening, server, config, tokens, kiosks, virtualLeds, windowPrinters, devicesOn, close };
}

/**
 * Opens the named PTY pairs side by side. Each pair's close is registered as soon as it is open, and the
 * first failure is thrown only once every pair has settled, so a failed start leaves no socat behind.
 */
async function openPairs(
  dir: string,
  closers: (() => Promise<void>)[],
  names: readonly string[],
): Promise<Map<string, PtyPair>> {
  const settled = await Promise.allSettled(
    names.map(async (name) => {
      const p = await openPtyPair(join(dir, `${name}.device`), join(dir, name));
      closers.push(() => p.close());
      return [name, p] as const;
    }),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return new Map(settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
}
