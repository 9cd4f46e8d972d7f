import { request } from 'node:http';
import { createHallClient } from '@onewindow/client';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limit.js';
import { ADMIN, DISPLAY, KIOSK, kioskToken, okData, useHalls } from './helpers.js';

const halls = useHalls();

/** A GET from a given local address: a second device on the hall LAN. */
function getFrom(
  url: string,
  localAddress: string,
): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('rate limits', () => {
  it('a token bucket allows its burst, then its rate, and a client that will not wait waits longer', () => {
    let t = 0;
    const limiter = new RateLimiter({ perSec: 2, burst: 3 }, () => t);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    // Each refusal is owed: asking again at once only pushes the retry further out, up to one burst.
    expect([1, 2, 3, 4, 5].map(() => limiter.take('a'))).toEqual([1_000, 1_500, 2_000, 2_000, 2_000]);
    expect(limiter.take('b')).toBe(0);
    t = 2_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('a device over its rate hears RATE_LIMITED with when to retry, changes nothing, and slows nobody else', async () => {
    const hall = await halls.start({
      enforceHours: false,
      limits: { commandsPerDevice: { perSec: 5, burst: 5 }, snapshotsPerDevice: { perSec: 1, burst: 2 } },
    });
    const flood = await hall.connect(KIOSK);
    const other = await hall.connect(kioskToken(1));
    const admin = await hall.connect(ADMIN);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => flood.issueTicket({ matterId: 'm-social' })),
    );
    const refused = answers.filter((a) => !a.ok);
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
    expect(refused).toHaveLength(7);
    let retryAt = 0;
    for (const r of refused) {
      expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      const at = r.ok ? 0 : ((r.error as { details?: { retryAt?: number } }).details?.retryAt ?? 0);
      expect(at).toBeGreaterThan(Date.now());
      retryAt = Math.max(retryAt, at);
    }
    // Only the five answered tickets exist; the other kiosk is served at once.
    expect(okData(await other.issueTicket({ matterId: 'm-tax' })).ticket.number).toBe('B001');
    await admin.waitFor((s) => Object.keys(s.tickets).length === 6);
    // Snapshots have their own, smaller allowance.
    const snaps = await Promise.all(
      Array.from({ length: 4 }, () => admin.socket.timeout(2_000).emitWithAck('hall:snapshot', {})),
    );
    expect(snaps.map((s) => (s as { ok: boolean }).ok)).toEqual([true, true, false, false]);
    // After waiting as told (the last refusal said when), the device is served again.
    await new Promise((r) => setTimeout(r, retryAt - Date.now() + 20));
    expect((await flood.issueTicket({ matterId: 'm-social' })).ok).toBe(true);
  });

  it('every HTTP route is limited per address: 429 with Retry-After, another address unaffected', async () => {
    const hall = await halls.start({ limits: { httpPerAddress: { perSec: 1, burst: 3 } } });
    const here = await Promise.all(
      Array.from({ length: 5 }, () => getFrom(`${hall.url}/health`, '127.0.0.1')),
    );
    expect(here.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(Number(here[3]?.retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await getFrom(`${hall.url}/api/halls`, '127.0.0.2')).status).toBe(200);
  });

  it('connections from one address beyond its allowance are refused with RATE_LIMITED', async () => {
    const hall = await halls.start({ limits: { connectionsPerAddress: { perSec: 0.5, burst: 2 } } });
    await hall.connect(DISPLAY);
    await hall.connect(DISPLAY);
    const third = createHallClient({ url: hall.url, token: DISPLAY, socket: { reconnection: false } });
    try {
      const err = await new Promise<{ code?: string; details?: { retryAt?: number } }>((resolve) =>
        third.socket.once('connect_error', (e) => resolve((e as Error & { data?: object }).data ?? {})),
      );
      expect(err.code).toBe('RATE_LIMITED');
      expect(err.details?.retryAt).toBeGreaterThan(Date.now());
    } finally {
      third.close();
    }
  });
});
