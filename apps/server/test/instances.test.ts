import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/index.js';
import { connectRedis, SharedRateLimiter } from '../src/scale/redis.js';
import { createPostgresStore } from '../src/store/postgres.js';
import { KIOSK, okData, removeDir, startHall, type TestHall, windowToken } from './helpers.js';
import { freshPgUrl, REDIS_URL } from './pg.js';

/** Two instances of one deployment in this process: one PostgreSQL schema, one Redis prefix. */
describe('instances of one deployment follow each other', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function pair(): Promise<[TestHall, TestHall]> {
    const { url, drop } = await freshPgUrl();
    cleanups.push(drop);
    const redisPrefix = `test-${randomBytes(6).toString('hex')}`;
    const start = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'onewindow-inst-'));
      const h = await startHall({ dir, store: createPostgresStore(url), redisUrl: REDIS_URL, redisPrefix });
      cleanups.push(async () => {
        await h.stop();
        removeDir(dir);
      });
      return h;
    };
    const a = await start();
    return [a, await start()];
  }

  const until = async (ok: () => boolean, ms = 3_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error('not within time');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('a configuration change, a new hall and a revoked device on one reach the other at once', async () => {
    const [a, b] = await pair();
    const hall = a.server.config.current('h1').config.hall;
    await a.server.config.change('h1', { type: 'hall.put', hall: { ...hall, name: '改名后的中心' } }, SYSTEM);
    await until(() => b.server.config.current('h1').config.hall.name === '改名后的中心');

    await a.server.config.createHall(
      {
        hall: { ...hall, id: 'h2', name: '新建镇中心', level: 'township', parentId: 'h1' },
        categories: [],
        matters: [],
        windows: [],
        staff: [],
      },
      SYSTEM,
    );
    await until(() => b.server.service.halls.has('h2'));

    const w1 = await b.connect(windowToken('w1'));
    await a.server.devices.revoke('h1', 'window-w1', SYSTEM);
    await w1.waitFor((s) => s.connection !== 'connected', 3_000);
    // Its token is now refused by the other instance too.
    await w1.waitFor((s) => s.connection === 'unauthorized', 5_000);
  });

  it('a command on one instance reaches the state and screens of the other without a command there', async () => {
    const [a, b] = await pair();
    const kiosk = await a.connect(KIOSK);
    const board = await b.connect(windowToken('w2'));
    const t = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    await board.waitFor((s) => s.tickets[t.id] !== undefined, 2_000);
    await until(() => b.server.service.live.peek('h1')?.ticket(t.id) !== undefined);
  });

  it('rate limits are one bucket for every instance, and each instance limits alone while Redis is away', async () => {
    const client = await connectRedis(REDIS_URL, pino({ level: 'silent' }));
    const name = `test-${randomBytes(6).toString('hex')}:limit:commands`;
    const one = new SharedRateLimiter(client, name, { perSec: 0.001, burst: 3 });
    const two = new SharedRateLimiter(client, name, { perSec: 0.001, burst: 3 });
    const waits = [await one.take('d1'), await two.take('d1'), await one.take('d1'), await two.take('d1')];
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);
    expect(await two.take('d2')).toBe(0);
    await client.quit();
    expect(await one.take('d3')).toBe(0);
    expect([await one.take('d3'), await one.take('d3'), await one.take('d3')].at(-1)).toBeGreaterThan(0);
  });
});
