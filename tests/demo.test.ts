import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallClient, type HallClient } from '@onewindow/client';
import {
  KIOSK_BRIDGE_PATH,
  type KioskBridgeClientEvents,
  type KioskBridgeServerEvents,
} from '@onewindow/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, type ServerProcess, startHallProcess, waitForExit } from './support.js';

let dir: string;
let demo: ServerProcess;
const clients: HallClient[] = [];

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'onewindow-demo-'));
  demo = await startHallProcess(
    'apps/demo/dist/main.js',
    ['--data', dir],
    /OneWindow demo hall \S+: (http:\/\/\S+)/,
  );
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  if (demo !== undefined) {
    demo.child.kill('SIGTERM');
    await waitForExit(demo.child);
  }
  rmSync(dir, { recursive: true, force: true });
});

async function connect(token: string): Promise<HallClient> {
  const c = createHallClient({ url: demo.url, token });
  clients.push(c);
  await c.waitFor((s) => s.synced);
  return c;
}
const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('npm start: the demo hall with its virtual devices', () => {
  it('prints a short start-up message: the screens to open, no token list, no start-up LED noise', async () => {
    await until(() => demo.output().includes('options: npm start -- --help'));
    const banner = demo.output().split('options: npm start -- --help')[0] ?? '';
    const lines = banner.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(banner).toContain(`${demo.url}/window/?token=demo-window-w03`);
    // Every screen a person opens, the residents' pages included.
    for (const path of ['/book/', '/t/<ticket id>', '/demo/devices', '/display/?token=demo-pad-w03&view=pad'])
      expect(banner).toContain(`${demo.url}${path}`);
    expect(banner).toMatch(new RegExp(`status page +${demo.url}/ `));
    expect(banner).toContain('PIN 1234');
    expect(demo.output()).not.toMatch(/^\[LED w\d+\]/m);
    expect(demo.output()).not.toContain('demo-pad-w17');
    expect(banner).toContain(`${demo.url}/admin/`);
  });

  it('lets a manager into the console with the printed demo account, and only into the demo hall', async () => {
    const login = await fetch(`${demo.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url },
      body: JSON.stringify({ username: 'manager', password: 'onewindow-demo' }),
    });
    expect(login.status).toBe(200);
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${demo.url}/api/admin/me`, { headers: { cookie: session } })).json()) as {
      data: { person: { role: string }; halls: { id: string }[] };
    };
    expect(me.data.person.role).toBe('hallManager');
    expect(me.data.halls.map((h) => h.id)).toEqual(['qingshan']);
  });

  it('serves the hall and shows each call on the window’s LED screen', async () => {
    const kiosk = await connect('demo-kiosk-1');
    const window = await connect('demo-window-w03');
    // A window token alone opens nothing: a clerk signs in.
    expect(await window.command('window:open', { windowId: 'w03' })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_REQUIRED' },
    });
    expect(
      (await window.command('window:open', { windowId: 'w03', staffId: 's-zhang', pin: '1234' })).ok,
    ).toBe(true);
    const issued = await kiosk.issueTicket({ matterId: 'ms-sbk' });
    expect(issued.ok).toBe(true);
    const called = await window.callNext('w03');
    expect(called.ok).toBe(true);
    const number = called.ok ? called.data.ticket.number : '';
    await until(() => demo.output().includes(`[LED w03] 3号窗口 请${number}号`));
  });

  it('serves the kiosk in the browser with its printer behind the device bridge', async () => {
    expect(demo.output()).toContain(`${demo.url}/kiosk/?token=demo-kiosk-1`);
    const page = await fetch(`${demo.url}/kiosk/`);
    expect(await page.text()).toContain('<div id="root">');
    const bridge = io(demo.url, {
      path: KIOSK_BRIDGE_PATH,
      auth: { token: 'demo-kiosk-2' },
      transports: ['websocket'],
    }) as Socket<KioskBridgeServerEvents, KioskBridgeClientEvents>;
    try {
      expect(await bridge.timeout(5_000).emitWithAck('printerStatus')).toMatchObject({ ready: true });
      const printed = await bridge.timeout(10_000).emitWithAck('print', {
        kind: 'ticket',
        ticket: {
          hallName: '青山县政务服务中心',
          number: 'A001',
          matterName: '社会保障卡申领',
          peopleAhead: 0,
          waitText: '请留意叫号',
          issuedAt: '2026-11-23 09:00',
          trackUrl: `${demo.url}/t/x`,
        },
      });
      expect(printed).toEqual({ ok: true, warnings: [] });
      await until(() => existsSync(join(dir, 'tickets', 'kiosk-2', 'ticket-0001.png')));
    } finally {
      bridge.close();
    }
    const stranger = io(demo.url, {
      path: KIOSK_BRIDGE_PATH,
      auth: { token: 'demo-display-1' },
      transports: ['websocket'],
    });
    const refused = await new Promise<string>((resolve) =>
      stranger.once('connect_error', (e) => resolve(e.message)),
    );
    stranger.close();
    expect(refused).toBe('UNAUTHENTICATED');
  });

  it('has a device panel that places virtual ID cards on a kiosk reader', async () => {
    const panel = await fetch(`${demo.url}/demo/devices`);
    expect(await panel.text()).toContain('kiosk-1');
    const bridge = io(demo.url, {
      path: KIOSK_BRIDGE_PATH,
      auth: { token: 'demo-kiosk-1' },
      transports: ['websocket'],
    }) as Socket<KioskBridgeServerEvents, KioskBridgeClientEvents>;
    try {
      await new Promise<void>((resolve) => bridge.once('connect', () => resolve()));
      const card = new Promise<unknown>((resolve) => bridge.once('card', resolve));
      const placed = await fetch(`${demo.url}/demo/devices/kiosk-1/card`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'card=elder',
        redirect: 'manual',
      });
      expect(placed.status).toBe(303);
      expect(await card).toMatchObject({ type: 'card', card: { name: '王秀英', birthDate: '1956-05-20' } });
      const bad = await fetch(`${demo.url}/demo/devices/kiosk-9/card`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'card=elder',
      });
      expect(bad.status).toBe(400);
    } finally {
      bridge.close();
    }
  });
});
