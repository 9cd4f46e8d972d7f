import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallClient, type HallClient } from '@onewindow/client';
import type { Ticket } from '@onewindow/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISPLAY,
  EXTRA_KIOSKS,
  KIOSK,
  kioskToken,
  TEST_PERSONAL_DATA_KEY,
  testConfig,
  windowToken,
} from '../apps/server/test/helpers.js';
import { freshPgUrl, REDIS_URL } from '../apps/server/test/pg.js';
import { balancer, type Instance, startInstance } from './scale-support.js';
import { buildOnce, waitForExit } from './support.js';

/**
 * Three `onewindow serve` processes on one PostgreSQL and one Redis, as a county deployment runs
 * them, with clients spread over all three. `npm test` runs this file once the screens or the node
 * suites are done, beside the other, at sizes that prove the properties (numbers unique and gap-free,
 * no ticket called twice, none lost, fan-out across instances) in seconds; `npm run test:scale` runs the same assertions at full size
 * (10,000 issues, 100,000 call-next commands), which takes both cores for minutes.
 */
const WINDOWS = 30;
const ISSUES = Number(process.env.SCALE_ISSUES ?? 300);
const CALL_NEXTS = Number(process.env.SCALE_CALL_NEXTS ?? 900);

let dir: string;
let db: pg.Pool;
let dropDb: () => Promise<void>;
const instances: Instance[] = [];
const clients: HallClient[] = [];
const windowIds = Array.from({ length: WINDOWS }, (_, i) => `x${i + 1}`);
const kioskTokens = [KIOSK, ...Array.from({ length: EXTRA_KIOSKS }, (_, i) => kioskToken(i + 1))];

async function connect(url: string, token: string, reconnect = false): Promise<HallClient> {
  const c = createHallClient({
    url,
    token,
    // Correctness is asserted here, not speed: while the screens' suite shares the machine a command can
    // take seconds, and a client that gave up waiting would not know whether its call-next won. The
    // clients that follow a killed instance keep the short timeout that notices it.
    commandTimeoutMs: reconnect ? 5_000 : 20_000,
    retries: reconnect ? 3 : 0,
    socket: reconnect ? { reconnectionDelay: 100, reconnectionDelayMax: 300 } : { reconnection: false },
  });
  clients.push(c);
  await c.waitFor((s) => s.synced, 15_000);
  return c;
}

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  Number(((await db.query(sql, params)).rows[0] as { n: string }).n);

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'onewindow-scale-'));
  writeFileSync(join(dir, 'hall.json'), JSON.stringify(testConfig(WINDOWS)));
  const fresh = await freshPgUrl();
  dropDb = fresh.drop;
  db = new pg.Pool({ connectionString: fresh.url, max: 2 });
  const env = {
    ONEWINDOW_DATABASE_URL: fresh.url,
    ONEWINDOW_REDIS_URL: REDIS_URL,
    ONEWINDOW_REDIS_PREFIX: `test-${process.pid}-${Date.now()}`,
    ONEWINDOW_KEY: TEST_PERSONAL_DATA_KEY,
    ONEWINDOW_TIMER_MS: '300',
    ONEWINDOW_LIMITS: JSON.stringify({
      commandsPerDevice: { perSec: 100_000, burst: 100_000 },
      snapshotsPerDevice: { perSec: 1_000, burst: 1_000 },
      connectionsPerAddress: { perSec: 1_000, burst: 5_000 },
      connectionsPerDevice: 100,
    }),
  };
  // All three at the same moment on an empty database: it is migrated and seeded once.
  instances.push(
    ...(await Promise.all(
      [0, 1, 2].map((i) =>
        startInstance(
          ['--config', join(dir, 'hall.json'), '--data', join(dir, `data-${i}`), '--ignore-hours'],
          env,
        ),
      ),
    )),
  );
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const i of instances) {
    i.child.kill('SIGKILL');
    await waitForExit(i.child);
  }
  await db?.end();
  await dropDb?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('three instances on one PostgreSQL and Redis', () => {
  it('were migrated and seeded exactly once although they started together', async () => {
    expect(await count('select count(*) n from hall_configs')).toBe(1);
    expect(
      await count("select count(*) n from audit_log where action like 'hall.%' or action like 'seed%'"),
    ).toBeLessThanOrEqual(1);
    expect(await count('select count(*) n from kysely_migration')).toBeGreaterThanOrEqual(6);
    expect(await count('select count(*) n from devices')).toBe(testConfig(WINDOWS).halls[0]?.devices.length);
  });

  it('a display on instance A sees within a second a call made on instance C', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const display = await connect(a.url, DISPLAY);
    const kiosk = await connect(b.url, KIOSK);
    const window = await connect(c.url, windowToken('x1'));
    expect((await window.command('window:open', { windowId: 'x1' })).ok).toBe(true);
    const issued = await kiosk.issueTicket({ matterId: 'm-social' });
    expect(issued.ok).toBe(true);
    const started = performance.now();
    const called = await window.callNext('x1');
    if (!called.ok) throw new Error(called.error.code);
    const id = called.data.ticket.id;
    await display.waitFor((s) => s.tickets[id]?.status === 'called', 1_000);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(1_000);
    expect((await window.command('ticket:finish', { windowId: 'x1', ticketId: id })).ok).toBe(true);
    await display.waitFor((s) => s.tickets[id]?.status === 'done' || s.tickets[id] === undefined, 1_000);
    // The display's state, built from batches of all three instances, is the hall's state.
    const replay = await connect(a.url, DISPLAY);
    expect(replay.store.getState().seq).toBe(display.store.getState().seq);
    console.log(`call on C → display on A: ${ms.toFixed(0)} ms`);
  });

  it(`${ISSUES.toLocaleString('en')} concurrent issues over all three: numbers unique and gap-free per prefix and day`, {
    timeout: 600_000,
  }, async () => {
    const kiosks = await Promise.all(kioskTokens.map((t, i) => connect(instances[i % 3]!.url, t)));
    const before = await count('select count(*) n from tickets');
    let next = 0;
    const started = performance.now();
    const worker = async (n: number) => {
      const kiosk = kiosks[n % kiosks.length]!;
      while (next < ISSUES) {
        next++;
        const r = await kiosk.issueTicket({ matterId: next % 3 === 0 ? 'm-tax' : 'm-social' });
        if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      }
    };
    await Promise.all(Array.from({ length: 60 }, (_, n) => worker(n)));
    const seconds = (performance.now() - started) / 1_000;
    expect(await count('select count(*) n from tickets')).toBe(before + ISSUES);
    const rows = (
      await db.query<{ prefix: string; service_day: string; n: string; lo: number; hi: number }>(
        'select prefix, service_day, count(*) n, min(seq) lo, max(seq) hi, count(distinct seq) d from tickets group by prefix, service_day',
      )
    ).rows;
    for (const r of rows) {
      expect(Number(r.lo)).toBe(1);
      expect(Number(r.hi)).toBe(Number(r.n));
    }
    expect(
      await count(
        'select count(*) n from (select number from tickets group by service_day, number having count(*) > 1) d',
      ),
    ).toBe(0);
    console.log(`${ISSUES} issues over 3 instances: ${(ISSUES / seconds).toFixed(0)} tickets/s`);
  });

  it(`${CALL_NEXTS.toLocaleString('en')} call-next commands racing from windows on all three: no ticket called twice, none lost`, {
    timeout: 900_000,
  }, async () => {
    const windows = await Promise.all(
      windowIds.map((id, i) => connect(instances[i % 3]!.url, windowToken(id))),
    );
    await Promise.all(windows.map((w, i) => w.command('window:open', { windowId: windowIds[i]! })));
    const waiting = await count("select count(*) n from tickets where status = 'waiting'");
    // Each window presses call-next several times at once (a clerk's double click, a retry) and
    // competes with 29 others for the same queue.
    const burst = Math.max(2, Math.ceil(CALL_NEXTS / Math.max(waiting, 1)));
    let sent = 0;
    const codes: Record<string, number> = {};
    const servedBy = new Map<string, string>();
    const started = performance.now();
    await Promise.all(
      windows.map(async (w, i) => {
        const id = windowIds[i]!;
        for (;;) {
          sent += burst;
          const answers = await Promise.all(Array.from({ length: burst }, () => w.callNext(id)));
          const won = answers.flatMap((a) => (a.ok ? [a.data.ticket as Ticket] : []));
          for (const a of answers) if (!a.ok) codes[a.error.code] = (codes[a.error.code] ?? 0) + 1;
          expect(won.length).toBeLessThanOrEqual(1);
          const t = won[0];
          if (t === undefined) {
            if (answers.every((a) => !a.ok && a.error.code === 'QUEUE_EMPTY')) return;
            continue;
          }
          expect(servedBy.has(t.id)).toBe(false);
          servedBy.set(t.id, id);
          const done = await w.command('ticket:finish', { windowId: id, ticketId: t.id });
          expect(done.ok).toBe(true);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1_000;
    expect(servedBy.size).toBe(waiting);
    expect(await count("select count(*) n from tickets where status = 'waiting'")).toBe(0);
    expect(
      await count(
        "select count(*) n from (select payload::json->'ticket'->>'id' id from events where type = 'ticket:called' group by 1 having count(*) > 1) d",
      ),
    ).toBe(0);
    expect(
      Object.keys(codes).filter((c) => c !== 'WINDOW_BUSY' && c !== 'QUEUE_EMPTY'),
      `refusals ${JSON.stringify(codes)}`,
    ).toEqual([]);
    console.log(
      `${sent} call-next over 3 instances in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s); ${servedBy.size} served; refusals ${JSON.stringify(codes)}`,
    );
  });

  it('kill -9 of one instance under load: its clients go on through the others, no acknowledged ticket is lost, the timers run on', {
    timeout: 120_000,
  }, async () => {
    const lb = await balancer(() => instances);
    try {
      const kiosks = await Promise.all(kioskTokens.map((t) => connect(lb.url, t, true)));
      const acked: Ticket[] = [];
      const failed: string[] = [];
      let stop = false;
      const worker = async (n: number) => {
        const kiosk = kiosks[n % kiosks.length]!;
        while (!stop) {
          const r = await kiosk.issueTicket({ matterId: n % 2 === 0 ? 'm-social' : 'm-tax' });
          if (r.ok) acked.push(r.data.ticket);
          else {
            failed.push(r.error.code);
            await new Promise((res) => setTimeout(res, 100));
          }
        }
      };
      const running = Promise.all(Array.from({ length: 20 }, (_, n) => worker(n)));
      await new Promise((r) => setTimeout(r, 1_500));
      const lease = async () =>
        (
          await db.query<{ holder: string; until: string }>(
            "select holder, until from leases where name = 'timers'",
          )
        ).rows[0];
      const holder = (await lease())?.holder ?? '';
      const victim = instances.find((i) => holder.includes(`:${i.child.pid}:`)) ?? instances[1]!;
      const ackedBefore = acked.length;
      victim.child.kill('SIGKILL');
      await waitForExit(victim.child);
      // Load goes on through the two that are left.
      await new Promise((r) => setTimeout(r, 3_000));
      stop = true;
      await running;
      expect(acked.length).toBeGreaterThan(ackedBefore);
      const ids = acked.map((t) => t.id);
      const stored = await count('select count(*) n from tickets where id = any($1)', [ids]);
      expect(stored).toBe(acked.length);
      expect(new Set(acked.map((t) => `${t.serviceDay}/${t.number}`)).size).toBe(acked.length);
      // Every kiosk is connected again (to an instance that lives) and in step with the hall.
      for (const k of kiosks) await k.waitFor((s) => s.synced && s.connection === 'connected', 10_000);
      // The timers' lease passes to a living instance within its time, and is renewed there.
      const alive = instances.filter((i) => i.alive);
      let now = await lease();
      const deadline = Date.now() + 15_000;
      while (!alive.some((i) => now?.holder.includes(`:${i.child.pid}:`)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        now = await lease();
      }
      expect(alive.some((i) => now?.holder.includes(`:${i.child.pid}:`))).toBe(true);
      const until = Number(now?.until);
      await new Promise((r) => setTimeout(r, 1_000));
      const later = await lease();
      expect(later?.holder).toBe(now?.holder);
      expect(Number(later?.until)).toBeGreaterThan(until);
      console.log(
        `kill -9 under load: ${acked.length} acknowledged (${acked.length - ackedBefore} after the kill), all stored; refusals ${JSON.stringify(
          Object.fromEntries([...new Set(failed)].map((c) => [c, failed.filter((f) => f === c).length])),
        )}`,
      );
    } finally {
      lb.close();
    }
  });
});
