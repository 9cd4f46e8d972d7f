#!/usr/bin/env node
/**
 * `npm start`: the demo hall. The hall server on the demo county center, and — where socat is
 * installed — virtual devices on PTY pairs: a ticket printer (drawing each ticket as a PNG), a resident
 * ID card reader and an LED screen above every window, kept current by the LED bridge.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHallClient } from '@onewindow/client';
import { VirtualIdCardReader, VirtualLedScreen, VirtualPrinter } from '@onewindow/hw-sim';
import { type LedScreen, openLedScreen } from '@onewindow/led';
import { openPtyPair, type PtyPair } from '@onewindow/serial';
import {
  ConfigError,
  createHallServer,
  createSqliteStore,
  DEMO_CONFIG,
  demoTokens,
  idHashKeyIn,
  loadConfigFile,
} from '@onewindow/server';
import pino from 'pino';
import { startLedBridge } from './led-bridge.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.ONEWINDOW_DATA ?? './data' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  },
});

const out = (s: string) => process.stdout.write(`${s}\n`);
const closers: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const logger = pino({ name: 'onewindow', level: process.env.LOG_LEVEL ?? 'warn' });
  const dataDir = resolve(values.data);
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfigFile(DEMO_CONFIG);
  const hall = config.halls[0]!;

  const socat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
  const devices: string[] = [];
  const virtualLeds = new Map<string, VirtualLedScreen>();
  if (socat) {
    const dir = join(dataDir, 'devices');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pair = async (name: string): Promise<PtyPair> => {
      const p = await openPtyPair(join(dir, `${name}.device`), join(dir, name));
      closers.push(() => p.close());
      return p;
    };
    const printerPair = await pair('printer');
    const printer = await VirtualPrinter.open(printerPair.a, {
      previewDir: join(dataDir, 'tickets'),
      paperWidth: 80,
    });
    mkdirSync(join(dataDir, 'tickets'), { recursive: true });
    closers.push(() => printer.close());
    const idcardPair = await pair('idcard');
    const reader = await VirtualIdCardReader.open(idcardPair.a);
    closers.push(() => reader.close());
    devices.push(`  ticket printer     ${printerPair.b} (previews in ${join(dataDir, 'tickets')})`);
    devices.push(`  ID card reader     ${idcardPair.b}`);
    for (const w of hall.windows) {
      const p = await pair(`led-${w.id}`);
      const led = await VirtualLedScreen.open(p.a, 1);
      closers.push(() => led.close());
      virtualLeds.set(w.id, led);
      w.led = { driver: 'plainSerial', port: p.b, address: 1, baudRate: 9600 };
    }
    devices.push(`  window LED screens ${join(dir, 'led-<window>')} (${hall.windows.length})`);
  }

  const server = await createHallServer({
    config,
    store: createSqliteStore(join(dataDir, 'onewindow.sqlite')),
    logger,
    idHashKey: idHashKeyIn(dataDir),
    enforceHours: false, // the demo runs at any hour
  });
  closers.unshift(() => server.close());
  const url = (await server.listen({ port: Number(values.port), host: values.host })).replace(
    '127.0.0.1',
    'localhost',
  );

  const tokens = demoTokens();
  if (socat) {
    const screens = new Map<string, LedScreen>();
    for (const w of hall.windows) {
      if (w.led === undefined) continue;
      const opened = await openLedScreen(w.led);
      closers.unshift(() => opened.close());
      screens.set(w.id, opened.screen);
    }
    const client = createHallClient({ url, token: tokens['display-1'] ?? '' });
    closers.unshift(async () => client.close());
    const stop = startLedBridge(client, screens, (windowId, text, error) =>
      out(
        error === undefined ? `[LED ${windowId}] ${text}` : `[LED ${windowId}] not shown: ${error.message}`,
      ),
    );
    closers.unshift(async () => stop());
  }

  out('');
  out(`OneWindow demo hall ${hall.hall.name}: ${url}`);
  out(`  status page        ${url}/`);
  out(`  health             ${url}/health`);
  out(`  matters            ${url}/api/halls/${hall.hall.id}/matters`);
  out(`  database           ${join(dataDir, 'onewindow.sqlite')}`);
  out('');
  if (socat) {
    out('Virtual devices (real serial bytes on PTY pairs):');
    for (const d of devices) out(d);
  } else {
    out(
      'Virtual devices are off: install socat (apt-get install socat) to run the printer, ID card reader and LED screens.',
    );
  }
  out('');
  out('Demo device tokens (Socket.IO auth { token }; admin also as HTTP Bearer):');
  for (const [device, token] of Object.entries(tokens)) out(`  ${device.padEnd(12)} ${token}`);
  out('');
  out('Opening hours are not enforced in the demo.');
  out('');

  const stop = async () => {
    for (const close of closers) await close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch(async (e: unknown) => {
  process.stderr.write(
    `${e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  for (const close of closers) await close().catch(() => {});
  process.exit(1);
});
