#!/usr/bin/env node
/** `npm start`: the demo hall (see hall.ts) with its URLs, devices and tokens printed. */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '@onewindow/server';
import { type DemoHall, startDemoHall } from './hall.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.ONEWINDOW_DATA ?? './data' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  },
});

const out = (s: string) => process.stdout.write(`${s}\n`);
let demo: DemoHall | undefined;

async function main(): Promise<void> {
  const dataDir = resolve(values.data);
  demo = await startDemoHall({
    dataDir,
    port: Number(values.port),
    host: values.host,
    onLed: (windowId, text, error) =>
      out(
        error === undefined ? `[LED ${windowId}] ${text}` : `[LED ${windowId}] not shown: ${error.message}`,
      ),
  });
  const { url, config, tokens, kiosks } = demo;
  const hall = config.halls[0]!;

  out('');
  out(`OneWindow demo hall ${hall.hall.name}: ${url}`);
  out(`  status page        ${url}/`);
  out(`  health             ${url}/health`);
  out(`  matters            ${url}/api/halls/${hall.hall.id}/matters`);
  out(`  database           ${join(dataDir, 'onewindow.sqlite')}`);
  out('');
  out('Screens (open in a browser; each URL carries its demo device token):');
  const link = (path: string, deviceId: string, extra = '') =>
    `${url}${path}?token=${tokens[deviceId] ?? ''}${extra}`;
  for (const d of hall.devices.filter((x) => x.role === 'kiosk'))
    out(`  kiosk          ${link('/kiosk/', d.id)}`);
  for (const d of hall.devices.filter((x) => x.role === 'display')) {
    out(`  hall display   ${link('/display/', d.id)}`);
    out(`  window screen  ${link('/display/', d.id, '&view=screen&window=w01')} (any window id)`);
  }
  for (const w of hall.windows.slice(0, 3)) {
    out(`  window ${w.id.padEnd(7)} ${link('/window/', `window-${w.id}`)}`);
    out(`  rating pad ${w.id} ${link('/display/', `pad-${w.id}`, '&view=pad')}`);
  }
  out(
    `  (every window wNN has /window/?token=demo-window-wNN and a pad with demo-pad-wNN; clerks' PIN is 1234,`,
  );
  out(`   staff ids s-wang at w01, s-li at w02, s-zhang at w03 … see apps/server/demo/demo-hall.yaml)`);
  out(`  device panel       ${url}/demo/devices (place virtual ID cards, empty a printer)`);
  out('');
  if (demo.devicesOn) {
    out('Virtual devices (real serial bytes on PTY pairs):');
    for (const k of kiosks.values()) {
      out(
        `  ${k.deviceId} printer      ${k.printerPort} (previews in ${join(dataDir, 'tickets', k.deviceId)})`,
      );
      out(`  ${k.deviceId} ID card      ${k.readerPort}`);
    }
    out(`  window LED screens ${join(dataDir, 'devices', 'led-<window>')} (${hall.windows.length})`);
  } else {
    out(
      'Virtual devices are off: install socat (apt-get install socat) to run the printers, ID card readers and LED screens.',
    );
  }
  out('');
  out('Demo device tokens (Socket.IO auth { token }; admin also as HTTP Bearer):');
  for (const [device, token] of Object.entries(tokens)) out(`  ${device.padEnd(12)} ${token}`);
  out('');
  out('Opening hours are not enforced in the demo.');
  out('');

  const stop = async () => {
    await demo?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch(async (e: unknown) => {
  process.stderr.write(
    `${e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  await demo?.close();
  process.exit(1);
});
