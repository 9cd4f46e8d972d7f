#!/usr/bin/env node
/** `npm start`: the demo hall (see hall.ts) with its URLs, devices and tokens printed. */
import { join, resolve } from 'node:path';
import { commandLine, exitOnUsageError } from '@onewindow/cli';
import type { ScreenRow } from '@onewindow/server';
import type { DemoHall } from './hall.js';

const USAGE = `usage: npm start [-- options]   (or node apps/demo/dist/main.js [options])
Starts the demo hall: the hall server with the demo county center, every screen in the browser and,
where socat is installed, virtual printers, ID card readers and LED screens on PTY pairs.

  --data DIR     data folder (default ./data, or ONEWINDOW_DATA)
  --port N       port (default 8080, or PORT; 0 picks a free one)
  --host ADDR    address (default 127.0.0.1, or HOST; 0.0.0.0 for a hall LAN)
  --tokens       also list every demo device token
  -h, --help     this help`;

const { values } = commandLine(USAGE, {
  data: { type: 'string', default: process.env.ONEWINDOW_DATA ?? './data' },
  port: { type: 'string', default: process.env.PORT ?? '8080' },
  host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  tokens: { type: 'boolean', default: false },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) exitOnUsageError(USAGE, '--port must be 0–65535');

const out = (s: string) => process.stdout.write(`${s}\n`);
let demo: DemoHall | undefined;

async function main(): Promise<void> {
  // Loaded once the options are good: `--help` and a wrong option answer without loading the server.
  const [{ DEMO_PASSWORD, formatRows, reachLines, reachOf, residentRows }, { startDemoHall }] =
    await Promise.all([import('@onewindow/server'), import('./hall.js')]);
  const dataDir = resolve(values.data);
  // Each LED screen's first text is its start-up state; only what changes afterwards is news.
  const ledsShown = new Set<string>();
  demo = await startDemoHall({
    dataDir,
    port,
    host: values.host,
    onLed: (windowId, text, error) => {
      if (error !== undefined) out(`[LED ${windowId}] not shown: ${error.message}`);
      else if (ledsShown.has(windowId)) out(`[LED ${windowId}] ${text}`);
      else ledsShown.add(windowId);
    },
  });
  const { config, tokens, kiosks } = demo;
  const reach = reachOf(demo.listening, { host: values.host });
  const url = reach.local;
  const hall = config.halls[0]!;
  const link = (path: string, deviceId: string, extra = '') =>
    `${url}${path}?token=${tokens[deviceId] ?? ''}${extra}`;
  const clerk = hall.staff.find((s) => s.windowIds.includes('w03'));
  const rows: ScreenRow[] = [
    ...hall.devices
      .filter((x) => x.role === 'kiosk')
      .map((d) => ({
        label: `kiosk ${d.id.replace('kiosk-', '')}`,
        url: link('/kiosk/', d.id),
        note: 'portrait 1080×1920',
      })),
    ...hall.devices
      .filter((x) => x.role === 'display')
      .flatMap((d) => [
        { label: 'hall display', url: link('/display/', d.id), note: '1920×1080, with voice' },
        {
          label: 'window screen',
          url: link('/display/', d.id, '&view=screen&window=w03'),
          note: 'any window id',
        },
      ]),
    {
      label: 'window client',
      url: link('/window/', 'window-w03'),
      note: `log in as ${clerk?.id ?? 's-zhang'}, PIN 1234`,
    },
    { label: 'rating pad', url: link('/display/', 'pad-w03', '&view=pad') },
    { label: 'console', url: `${url}/admin/`, note: `admin / manager / auditor, password ${DEMO_PASSWORD}` },
    { label: 'device panel', url: `${url}/demo/devices`, note: 'place ID cards, empty a printer' },
    ...residentRows(url),
  ];

  out('');
  out(`OneWindow demo hall ${hall.hall.name}: ${url}`);
  out('');
  out('Screens — open in a browser:');
  for (const line of formatRows(rows)) out(line);
  for (const line of await reachLines(reach)) out(line);
  out('');
  out(
    `Every window wNN has /window/?token=demo-window-wNN and a pad token demo-pad-wNN; every clerk's PIN is`,
  );
  out('1234 (staff in apps/server/demo/demo-hall.yaml). Opening hours are not enforced in the demo.');
  if (demo.devicesOn) {
    out(
      `Virtual devices on PTY pairs: ${kiosks.size} kiosk printers and ${demo.windowPrinters.size} window printers (${[...demo.windowPrinters.keys()].join(', ')}; previews in ${join(dataDir, 'tickets')}), ${kiosks.size} ID card readers, ${hall.windows.length} LED screens (changes print as [LED w03] …).`,
    );
  } else {
    out(
      'Virtual devices are off: install socat (apt-get install socat) for printers, card readers and LED screens.',
    );
  }
  out(`Database ${join(dataDir, 'onewindow.sqlite')} · options: npm start -- --help`);
  if (values.tokens) {
    out('');
    out('Demo device tokens (Socket.IO auth { token }; admin also as HTTP Bearer):');
    for (const [device, token] of Object.entries(tokens)) out(`  ${device.padEnd(12)} ${token}`);
  }
  out('');

  const stop = async () => {
    await demo?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch(async (e: unknown) => {
  const { ConfigError } = await import('@onewindow/server');
  process.stderr.write(
    `${e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  await demo?.close();
  process.exit(1);
});
