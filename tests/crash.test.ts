import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallClient, type HallClient } from '@onewindow/client';
import type { Ticket } from '@onewindow/domain';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, EXTRA_KIOSKS, KIOSK, kioskToken, testConfig } from '../apps/server/test/helpers.js';
import { buildOnce, type ServerProcess, startServerProcess, waitForExit } from './support.js';

let dir: string;
const clients: HallClient[] = [];
const processes: ServerProcess[] = [];

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'onewindow-crash-'));
  writeFileSync(join(dir, 'hall.json'), JSON.stringify(testConfig()));
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const p of processes) {
    p.child.kill('SIGKILL');
    await waitForExit(p.child);
  }
  rmSync(dir, { recursive: true, force: true });
});

async function connect(url: string, token: string): Promise<HallClient> {
  const c = createHallClient({
    url,
    token,
    retries: 0,
    commandTimeoutMs: 3_000,
    socket: { reconnection: false },
  });
  clients.push(c);
  await c.waitFor((s) => s.synced, 10_000);
  return c;
}

const args = () => ['--config', join(dir, 'hall.json'), '--data', join(dir, 'data'), '--ignore-hours'];

describe('a crash of the server process', () => {
  it('loses no acknowledged ticket and never issues a number twice', async () => {
    const first = await startServerProcess(args());
    processes.push(first);
    // Ten kiosks, two issues in flight each (one kiosk alone would meet its rate limit).
    const kiosks = await Promise.all(
      [KIOSK, ...Array.from({ length: EXTRA_KIOSKS }, (_, i) => kioskToken(i + 1))].map((t) =>
        connect(first.url, t),
      ),
    );
    const acked: Ticket[] = [];
    let killed = false;
    // Keep 20 issues in flight and kill the process while they are being written.
    const worker = async (n: number) => {
      const kiosk = kiosks[n % kiosks.length]!;
      for (let i = 0; !killed; i++) {
        const r = await kiosk.issueTicket({ matterId: (n + i) % 2 === 0 ? 'm-social' : 'm-tax' });
        if (r.ok) acked.push(r.data.ticket);
        else break;
      }
    };
    const workers = Array.from({ length: 20 }, (_, n) => worker(n));
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    killed = true;
    await waitForExit(first.child);
    await Promise.all(workers);
    expect(acked.length).toBeGreaterThanOrEqual(150);

    const second = await startServerProcess(args());
    processes.push(second);
    const display = await connect(second.url, ADMIN);
    const tickets = display.store.getState().tickets;
    for (const t of acked) expect(tickets[t.id]).toMatchObject({ number: t.number, status: 'waiting' });

    const kiosk2 = await connect(second.url, KIOSK);
    const next = await kiosk2.issueTicket({ matterId: 'm-social' });
    expect(next.ok).toBe(true);
    const db = new Database(join(dir, 'data', 'onewindow.sqlite'), { readonly: true });
    const rows = db.prepare('select prefix, seq, number from tickets').all() as {
      prefix: string;
      seq: number;
      number: string;
    }[];
    db.close();
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    // Numbers continue after the highest number ever written, with no hole a crash could reuse.
    const socialSeqs = rows
      .filter((r) => r.prefix === 'A')
      .map((r) => r.seq)
      .sort((a, b) => a - b);
    expect(socialSeqs).toEqual(socialSeqs.map((_, i) => i + 1));
    if (next.ok) expect(next.data.ticket.seq).toBe(socialSeqs[socialSeqs.length - 1]);
  });
});
