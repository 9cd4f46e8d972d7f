import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHallClient, type HallClient } from '@onewindow/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, repoRoot, type ServerProcess, startHallProcess, waitForExit } from './support.js';

const run = promisify(execFile);
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
});
afterAll(async () => {
  for (const c of clients) c.close();
  demo.child.kill('SIGTERM');
  await waitForExit(demo.child);
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
  it('serves the hall and shows each call on the window’s LED screen', async () => {
    const kiosk = await connect('demo-kiosk-1');
    const window = await connect('demo-window-w03');
    expect((await window.command('window:open', { windowId: 'w03' })).ok).toBe(true);
    const issued = await kiosk.issueTicket({ matterId: 'ms-sbk' });
    expect(issued.ok).toBe(true);
    const called = await window.callNext('w03');
    expect(called.ok).toBe(true);
    const number = called.ok ? called.data.ticket.number : '';
    await until(() => demo.output().includes(`[LED w03] 3号窗口 请${number}号`));
  });

  it('runs a printer and an ID card reader that answer on their ports', async () => {
    const cli = join(repoRoot, 'hardware/sim/dist/cli.js');
    const status = await run(
      process.execPath,
      [cli, 'printer-status', '--port', join(dir, 'devices', 'printer')],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(status.stdout)).toMatchObject({ online: true, paperEnd: false });
    expect(existsSync(join(dir, 'devices', 'idcard'))).toBe(true);
    expect(demo.output()).toContain('ID card reader');
  });
});
