#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandLine, exitOnUsageError } from '@onewindow/cli';
import pino from 'pino';
import { createHallServer } from './app.js';
import { ConfigError, loadConfigFile } from './config.js';
import { DEMO_CONFIG, demoTokens, idHashKeyIn } from './launch.js';
import { startHallLeds } from './led.js';
import { createSqliteStore } from './store/sqlite.js';

const USAGE = `usage: node apps/server/dist/main.js [options]
Runs a OneWindow hall server (HTTP API, Socket.IO, every screen's API) from a hall configuration.

  --config FILE     hall configuration, JSON or YAML (default: the demo hall)
  --data DIR        data folder for the SQLite database (default ./data, or ONEWINDOW_DATA)
  --port N          port to listen on (default 8080, or PORT; 0 picks a free one)
  --host ADDR       address to listen on (default 127.0.0.1, or HOST; 0.0.0.0 for a hall LAN)
  --demo            the demo hall at any hour: opening hours not enforced, demo tokens printed
  --ignore-hours    do not enforce opening hours
  -h, --help        this help

Environment: ONEWINDOW_ID_HASH_KEY (key of the ID-number hash), LOG_LEVEL (pino level, default info).`;

const { values } = commandLine(USAGE, {
  config: { type: 'string' },
  data: { type: 'string', default: process.env.ONEWINDOW_DATA ?? './data' },
  port: { type: 'string', default: process.env.PORT ?? '8080' },
  host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  demo: { type: 'boolean', default: false },
  'ignore-hours': { type: 'boolean', default: false },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) exitOnUsageError(USAGE, '--port must be 0–65535');

async function main(): Promise<void> {
  const logger = pino({ name: 'onewindow', level: process.env.LOG_LEVEL ?? 'info' });
  const configFile = resolve(values.config ?? DEMO_CONFIG);
  const dataDir = resolve(values.data);
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfigFile(configFile);
  const server = await createHallServer({
    config,
    store: createSqliteStore(join(dataDir, 'onewindow.sqlite')),
    logger,
    idHashKey: idHashKeyIn(dataDir),
    // The demo runs at any hour of the day; a real hall issues tickets only while open.
    enforceHours: !values.demo && !values['ignore-hours'],
  });
  const url = (await server.listen({ port, host: values.host })).replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `OneWindow hall server: ${url}`,
    `  status page        ${url}/`,
    `  health             ${url}/health`,
    `  matters            ${url}/api/halls/${config.halls[0]?.hall.id ?? ''}/matters`,
    `  config             ${configFile}`,
    `  database           ${join(dataDir, 'onewindow.sqlite')}`,
  ];
  if (values.demo && values.config === undefined) {
    const tokens = demoTokens();
    lines.push('', 'Demo device tokens (Socket.IO auth { token }; admin also as HTTP Bearer):');
    for (const [device, token] of Object.entries(tokens)) lines.push(`  ${device.padEnd(12)} ${token}`);
  }
  if (values.demo || values['ignore-hours']) lines.push('', 'Opening hours are not enforced.');
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const leds = await startHallLeds(server, config, (windowId, text, error) =>
    error === undefined
      ? logger.debug({ windowId, text }, 'LED screen updated')
      : logger.warn({ windowId, err: error }, 'LED screen not updated'),
  );
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await leds.close();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(
    `${e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
