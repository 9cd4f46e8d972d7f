#!/usr/bin/env -S node --heap-growing-percent=20 --max-semi-space-size=8
// The flags above keep the heap near what is live: a server with thousands of screens otherwise lets
// it grow to several times that between collections. Run with plain `node` they are simply absent.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandLine, exitOnUsageError } from '@onewindow/cli';
import type { ServerConfig } from './config.js';
import {
  DEMO_CONFIG,
  DEMO_PASSWORD,
  demoTokens,
  ensureDemoAccounts,
  personalDataKeyFor,
  SERVED_APPS,
} from './launch.js';

// Each command loads what it needs when it runs: `--help`, a backup or an export answer at once
// instead of first loading the whole server (HTTP, Socket.IO, both stores), a second of CPU.
const storeModule = () => import('./store/open.js');

const USAGE = `usage: onewindow <command> [options]      (npx onewindow … after npm install && npm run build)

  serve     run a hall server: the API and every screen (kiosk, window client, display, window
            screen, rating pad, phone pages, administration console at /admin/)
            --data DIR         data folder: database, backups (default ./data, or ONEWINDOW_DATA)
            --config FILE      seed an empty database from a hall configuration (YAML or JSON);
                               later starts keep the configuration in the database
            --port N           port (default 8080, or PORT; 0 picks a free one)
            --host ADDR        address (default 127.0.0.1, or HOST; 0.0.0.0 for a hall LAN)
            --public-url URL   the address phones use, printed in QR codes (default: the listening one)
            --tls-cert FILE    serve HTTPS and WSS with this certificate (PEM) ...
            --tls-key FILE     ... and its key; browsers are then told to keep to HTTPS (HSTS)
            --demo             the demo hall at any hour (seed from the demo configuration, hours not enforced)
            --ignore-hours     do not enforce opening hours
            --key-file FILE    the personal-data key (default <data>.key beside the data folder,
                               made on first start; never inside it)
            --database-url URL PostgreSQL instead of the SQLite file (or ONEWINDOW_DATABASE_URL);
                               several instances may share it
            --redis-url URL    Redis of a deployment with several instances (or ONEWINDOW_REDIS_URL)
  backup    copy the database while the server runs
            --data DIR [--out FILE]   (default <data>/backups/onewindow-<time>-cli.sqlite)
  restore   restore a backup into a new, empty data folder
            --from FILE --data DIR
  export    write a store's rows (one hall's with --hall, else all) to a file, to move them
            [--data DIR | --database-url URL] --out FILE [--hall ID]
  import    read an export into a store (SQLite in --data, or PostgreSQL); refuses halls it holds
            [--data DIR | --database-url URL] --from FILE
  rekey     put every stored ID token and sealed contact under a new key (server stopped)
            --data DIR [--key-file OLD] --new-key-file NEW   (NEW is made when missing)

First start with an empty data folder prints a one-time link to create the first administrator.
Environment: ONEWINDOW_KEY (the personal-data key instead of a key file; every instance of a
deployment needs the same one), ONEWINDOW_DATABASE_URL, ONEWINDOW_REDIS_URL, ONEWINDOW_REDIS_PREFIX
(keys of this deployment in a shared Redis, default onewindow), ONEWINDOW_TIMER_MS (how often the day
close and retention run, default 30000; with several instances one holds them for 3× that),
ONEWINDOW_LIMITS (rate limits as JSON, e.g. {"commandsPerDevice":{"perSec":20,"burst":60}}),
ONEWINDOW_NOTIFY_URL (an SMS/HTTP gateway for messages to residents: cases, bookings, calls; the log
without it), ONEWINDOW_NOTIFY_TEMPLATE (its JSON body, with {phone} {name} {text} {hall} {kind} {ref}),
ONEWINDOW_NOTIFY_HEADERS (JSON object of extra headers, e.g. the gateway's key) and
ONEWINDOW_NOTIFY_MESSAGES (JSON object of message texts by kind: booked rescheduled cancelled reminder
soon call pickup, with {hall} {matter} {time} {code} {number} {ahead} {window}),
LOG_LEVEL (pino level, default info).`;

const [command = 'serve', ...rest] = process.argv.slice(2);
if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const { values } = commandLine(
  USAGE,
  {
    config: { type: 'string' },
    data: { type: 'string', default: process.env.ONEWINDOW_DATA ?? './data' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'public-url': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    demo: { type: 'boolean', default: false },
    'ignore-hours': { type: 'boolean', default: false },
    out: { type: 'string' },
    'key-file': { type: 'string' },
    'new-key-file': { type: 'string' },
    from: { type: 'string' },
    hall: { type: 'string' },
    'database-url': { type: 'string', default: process.env.ONEWINDOW_DATABASE_URL ?? '' },
    'redis-url': { type: 'string', default: process.env.ONEWINDOW_REDIS_URL ?? '' },
  },
  { args: command.startsWith('-') ? [command, ...rest] : rest },
);

const out = (s: string) => process.stdout.write(`${s}\n`);
const dataDir = resolve(values.data);
const storeOf = async (mustExist: boolean) =>
  (await storeModule()).openStore({ databaseUrl: values['database-url'], dataDir, mustExist });
/** The hall's SQLite file, which must exist: the commands that work on the file itself. */
const sqliteStore = async () => {
  const [{ sqliteFileOf }, { createSqliteStore }] = await Promise.all([
    storeModule(),
    import('./store/sqlite.js'),
  ]);
  return createSqliteStore(sqliteFileOf(dataDir), { mustExist: true });
};

/** Both files or neither: a certificate without its key (or the reverse) is a mistake to say at once. */
function tlsOf(cert: string | undefined, key: string | undefined) {
  if (cert === undefined && key === undefined) return {};
  if (cert === undefined || key === undefined)
    exitOnUsageError(USAGE, '--tls-cert and --tls-key go together');
  return { tls: { cert: readFileSync(resolve(cert)), key: readFileSync(resolve(key)) } };
}

async function serve(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) exitOnUsageError(USAGE, '--port must be 0–65535');
  const [
    { default: pino },
    { createHallServer },
    { loadConfigFile },
    { startHallLeds },
    { parseMessageTemplates },
    { httpNotifier, parseHeaders },
    { parseLimits },
    { formatRows, hallScreenRows, reachLines, reachOf },
    { withoutPassword },
  ] = await Promise.all([
    import('pino'),
    import('./app.js'),
    import('./config.js'),
    import('./led.js'),
    import('./notifications/messages.js'),
    import('./notify.js'),
    import('./rate-limit.js'),
    import('./screens.js'),
    storeModule(),
  ]);
  const logger = pino({ name: 'onewindow', level: process.env.LOG_LEVEL ?? 'info' });
  mkdirSync(dataDir, { recursive: true });
  const key = personalDataKeyFor(dataDir, values['key-file']);
  const chosenStore = await storeOf(false);
  const seedFile = values.config ?? (values.demo ? DEMO_CONFIG : undefined);
  const seed: ServerConfig | undefined =
    seedFile === undefined ? undefined : loadConfigFile(resolve(seedFile));
  const server = await createHallServer({
    ...(seed === undefined ? {} : { seed }),
    store: chosenStore.store,
    ...(values['redis-url'] === '' ? {} : { redisUrl: values['redis-url'] }),
    ...(process.env.ONEWINDOW_REDIS_PREFIX === undefined
      ? {}
      : { redisPrefix: process.env.ONEWINDOW_REDIS_PREFIX }),
    ...(process.env.ONEWINDOW_LIMITS === undefined
      ? {}
      : { limits: parseLimits(process.env.ONEWINDOW_LIMITS) }),
    ...(process.env.ONEWINDOW_NOTIFY_URL === undefined
      ? {}
      : {
          notifier: httpNotifier({
            url: process.env.ONEWINDOW_NOTIFY_URL,
            ...(process.env.ONEWINDOW_NOTIFY_TEMPLATE === undefined
              ? {}
              : { template: process.env.ONEWINDOW_NOTIFY_TEMPLATE }),
            headers: parseHeaders(process.env.ONEWINDOW_NOTIFY_HEADERS),
          }),
        }),
    ...(process.env.ONEWINDOW_NOTIFY_MESSAGES === undefined
      ? {}
      : { messageTemplates: parseMessageTemplates(process.env.ONEWINDOW_NOTIFY_MESSAGES) }),
    ...(process.env.ONEWINDOW_TIMER_MS === undefined
      ? {}
      : { tickIntervalMs: Number(process.env.ONEWINDOW_TIMER_MS) }),
    logger,
    personalDataKey: key.key,
    enforceHours: !values.demo && !values['ignore-hours'],
    webApps: SERVED_APPS,
    backupDir: join(dataDir, 'backups'),
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
    ...tlsOf(values['tls-cert'], values['tls-key']),
  });
  const listening = await server.listen({ port, host: values.host });
  const reach = reachOf(listening, { host: values.host, publicUrl: values['public-url'] });
  const url = reach.local;
  const lines = [
    '',
    `OneWindow hall server: ${url}`,
    '',
    'Screens — open in a browser:',
    ...formatRows(hallScreenRows(url)),
    '',
    `  database           ${chosenStore.where}${values['redis-url'] === '' ? '' : `   Redis ${withoutPassword(values['redis-url'])}`}`,
    `  personal-data key  ${key.from}   (outside the data folder: keep it out of its copies)`,
    `  halls              ${
      server.service.halls
        .all()
        .map((h) => `${h.hall.name} (${h.id})`)
        .join(', ') || 'none yet'
    }`,
    ...(await reachLines(reach)),
  ];
  if (values.demo)
    await ensureDemoAccounts(server.accounts, server.service.halls.all()[0]?.id ?? '', chosenStore.store);
  const setup = await server.accounts.setupCode();
  if (setup !== null) {
    lines.push(
      '',
      'First start: create the first administrator (this link works once):',
      `  ${url}/admin/?setup=${setup}`,
      ...reach.lan.map((a) => `  ${a}/admin/?setup=${setup}   (from another PC on the hall LAN)`),
    );
  }
  lines.push(
    '',
    'New devices are enrolled in the console, which shows a pairing code to type on the device.',
  );
  if (values.demo)
    lines.push(
      `Demo device tokens: demo-<device id> (${Object.keys(demoTokens()).slice(0, 3).join(', ')}, …); console accounts admin, manager and auditor, password ${DEMO_PASSWORD}.`,
    );
  if (values.demo || values['ignore-hours']) lines.push('Opening hours are not enforced.');
  out(`${lines.join('\n')}\n`);
  const leds = await startHallLeds(server, (windowId, text, error) =>
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

async function backup(): Promise<void> {
  const store = await sqliteStore();
  const file = resolve(
    values.out ??
      join(
        dataDir,
        'backups',
        `onewindow-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-cli.sqlite`,
      ),
  );
  mkdirSync(join(file, '..'), { recursive: true });
  await store.backup?.(file);
  await store.close();
  out(`backup written: ${file}`);
}

async function restore(): Promise<void> {
  if (values.from === undefined) exitOnUsageError(USAGE, 'restore needs --from FILE');
  const { restoreBackup } = await import('./admin/backup.js');
  out(
    `restored into ${restoreBackup(resolve(values.from), dataDir)}; start it with: onewindow serve --data ${dataDir}`,
  );
}

async function rekey(): Promise<void> {
  const target = values['new-key-file'];
  if (target === undefined) exitOnUsageError(USAGE, 'rekey needs --new-key-file FILE');
  const from = personalDataKeyFor(dataDir, values['key-file']);
  const to = personalDataKeyFor(dataDir, target);
  if (to.key === from.key) exitOnUsageError(USAGE, 'the new key file holds the same key as the old one');
  const { PersonalDataKeys, rekeyStore } = await import('./privacy.js');
  const store = await sqliteStore();
  const n = await rekeyStore(store, new PersonalDataKeys(from.key), new PersonalDataKeys(to.key));
  await store.close();
  out(`${n} tokens and sealed contacts re-encrypted under ${to.from}; start with --key-file ${to.from}`);
}

async function exportData(): Promise<void> {
  if (values.out === undefined) exitOnUsageError(USAGE, 'export needs --out FILE');
  const { store, where } = await storeOf(true);
  const { exportStore } = await import('./store/transfer.js');
  try {
    const counts = await exportStore(store, resolve(values.out), values.hall);
    out(`exported from ${where} to ${resolve(values.out)}: ${describe(counts)}`);
  } finally {
    await store.close();
  }
}

async function importData(): Promise<void> {
  if (values.from === undefined) exitOnUsageError(USAGE, 'import needs --from FILE');
  const { store, where } = await storeOf(false);
  const { importStore } = await import('./store/transfer.js');
  try {
    const counts = await importStore(store, resolve(values.from));
    out(`imported into ${where}: ${describe(counts)}`);
  } finally {
    await store.close();
  }
}

const describe = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ') || 'nothing';

const run: Record<string, () => Promise<void>> = {
  serve,
  backup,
  restore,
  rekey,
  export: exportData,
  import: importData,
};
const chosen = run[command.startsWith('-') ? 'serve' : command];
if (chosen === undefined) exitOnUsageError(USAGE, `unknown command "${command}"`);
Promise.resolve()
  .then(() => chosen())
  .catch(async (e: unknown) => {
    const { ConfigError } = await import('./config.js');
    process.stderr.write(
      `${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(1);
  });
