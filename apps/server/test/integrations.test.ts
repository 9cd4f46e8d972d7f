import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HallClient } from '@onewindow/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/store/postgres.js';
import {
  at,
  api as bookingApi,
  PHONE,
  person,
  postJson,
  setClock,
  startBookingHall,
} from './booking-support.js';
import { type Answer, ConsoleSession, data, firstAdmin } from './console-helpers.js';
import {
  FakeClock,
  KIOSK,
  MIN,
  okData,
  padToken,
  removeDir,
  startHall,
  type TestHall,
  useHalls,
  windowToken,
} from './helpers.js';
import { freshPgUrl, REDIS_URL } from './pg.js';

const halls = useHalls();

/** A real receiver on port 0: records every request, answers with the status `answer` gives. */
interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
const receivers: Server[] = [];
afterEach(async () => {
  for (const s of receivers.splice(0)) await new Promise((r) => s.close(r));
});
async function receiver(answer: (n: number) => number = () => 200) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = answer(got.length);
      res.end('{}');
    });
  });
  receivers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

/** An outside system calling the published API with its key. */
async function api<T = unknown>(hall: TestHall, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${hall.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}

async function keyWith(admin: ConsoleSession, scopes: string[]): Promise<string> {
  return data(
    await admin.post<{ token: string }>('/api/admin/integrations/keys', { name: '一窗受理系统', scopes }),
  ).token;
}

/** The clerk at w3 finishes the visit and the resident rates it on the window's pad. */
async function finishAndRate(
  hall: TestHall,
  w3: HallClient,
  ticketId: string,
  level: number,
  reasons: string[],
) {
  okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId }));
  const pad = await hall.connect(padToken('w3'));
  okData(
    await pad.command('evaluation:submit', { requestId: `rating-${ticketId}`, ticketId, level, reasons }),
  );
}

/** A webhook subscription made in the console. */
async function subscribe(admin: ConsoleSession, name: string, url: string, events: string[]) {
  data(await admin.post('/api/admin/integrations/targets', { kind: 'webhook', name, url, events }));
}

/** A ticket issued and called to window w3, as a visit being served. */
async function servedVisit(hall: TestHall) {
  const kiosk = await hall.connect(KIOSK);
  const w3 = await hall.connect(windowToken('w3'));
  okData(await w3.command('window:open', { windowId: 'w3' }));
  const ticket = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
  okData(await w3.callNext('w3'));
  return { kiosk, w3, ticket };
}

describe('integration keys', () => {
  it('are made by a center administrator with scopes, shown once, kept as a digest, and revoked for good', async () => {
    const hall = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall);
    const created = data(
      await admin.post<{ key: { id: string; scopes: string[] }; token: string }>(
        '/api/admin/integrations/keys',
        {
          name: '一窗受理系统',
          scopes: ['queue:read'],
        },
      ),
    );
    expect(created.token).toMatch(/^owk_[0-9a-f]{16}_/);
    const listed = JSON.stringify(data(await admin.get('/api/admin/integrations/keys')));
    expect(listed).not.toContain(created.token.slice('owk_0123456789abcdef_'.length));
    // The token works for its scope and nothing else.
    expect((await api(hall, created.token, 'GET', '/halls/h1/queue')).status).toBe(200);
    const { ticket } = await servedVisit(hall);
    const wrongScope = await api(hall, created.token, 'PUT', `/tickets/${ticket.id}/case`, {
      caseNumber: 'BJ-2026-0001',
    });
    expect(wrongScope.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await api(hall, 'owk_0000000000000000_nope', 'GET', '/halls/h1/queue')).body).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // Every use is in the audit log, as the key.
    const audit = data(
      await admin.get<{ action: string; actor: string }[]>(`/api/admin/audit?actor=key:${created.key.id}`),
    );
    expect(audit.map((a) => a.action)).toContain('api.getQueue');
    data(await admin.post(`/api/admin/integrations/keys/${created.key.id}/revoke`));
    expect((await api(hall, created.token, 'GET', '/halls/h1/queue')).body).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // Only a center administrator may make keys: a device token or no session is refused.
    const anon = new ConsoleSession(hall.url);
    expect(
      (await anon.post('/api/admin/integrations/keys', { name: 'x', scopes: ['queue:read'] })).status,
    ).toBe(401);
  });

  it('are rate limited each on its own', async () => {
    const hall = await halls.start({
      enforceHours: false,
      limits: { callsPerIntegrationKey: { perSec: 0.01, burst: 3 } },
    });
    const admin = await firstAdmin(hall);
    const a = await keyWith(admin, ['queue:read']);
    const b = await keyWith(admin, ['queue:read']);
    for (let i = 0; i < 3; i++) expect((await api(hall, a, 'GET', '/halls/h1/queue')).status).toBe(200);
    expect((await api(hall, a, 'GET', '/halls/h1/queue')).body).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect((await api(hall, b, 'GET', '/halls/h1/queue')).status).toBe(200);
  });
});

describe('the business system’s calls', () => {
  it('attaches a 办件 to the visit being served, records its result, asks for the rating, and reads the ticket', async () => {
    const hall = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall);
    const token = await keyWith(admin, ['queue:read', 'case:attach', 'rating:request']);
    const kiosk = await hall.connect(KIOSK);
    const waiting = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    // Not at a window yet: refused, nothing stored.
    const early = await api(hall, token, 'PUT', `/tickets/${waiting.id}/case`, {
      caseNumber: 'BJ-2026-0001',
    });
    expect(early.body).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_AT_WINDOW' } });
    const w3 = await hall.connect(windowToken('w3'));
    okData(await w3.command('window:open', { windowId: 'w3' }));
    okData(await w3.callNext('w3'));
    // A malformed case number is refused with the field named, and changes nothing.
    const bad = await api(hall, token, 'PUT', `/tickets/${waiting.id}/case`, { caseNumber: 'x; drop table' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(bad.body)).toContain('body.caseNumber');
    expect(data(await api<{ case: unknown }>(hall, token, 'GET', `/tickets/${waiting.id}`)).case).toBeNull();
    const attached = await api(hall, token, 'PUT', `/tickets/${waiting.id}/case`, {
      caseNumber: 'BJ-2026-0001',
      matterCode: '11320100MB0000000X4000115001000',
    });
    expect(attached.body).toMatchObject({ ok: true, data: { caseNumber: 'BJ-2026-0001', result: null } });
    const result = await api(hall, token, 'POST', `/tickets/${waiting.id}/case/result`, { result: 'done' });
    expect(result.body).toMatchObject({ ok: true, data: { result: 'done' } });
    // Asking for the rating finishes the visit at its window: the pad asks.
    const pad = await hall.connect(padToken('w3'));
    const asked = await api<{ finished: boolean; ticket: { status: string } }>(
      hall,
      token,
      'POST',
      `/tickets/${waiting.id}/rating-request`,
    );
    expect(data(asked)).toMatchObject({ finished: true, ticket: { status: 'done' } });
    await pad.waitFor((s) => s.tickets[waiting.id]?.status === 'done');
    const state = data(
      await api<{ status: string; case: { caseNumber: string } }>(
        hall,
        token,
        'GET',
        `/tickets/${waiting.id}`,
      ),
    );
    expect(state).toMatchObject({ status: 'done', case: { caseNumber: 'BJ-2026-0001', result: 'done' } });
  });
});

describe('好差评 upward and webhooks, through the outbox', () => {
  it('reports every rating to the provincial platform, signed, with the case, without personal data, retried until it lands', async () => {
    const hall = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall);
    const platform = await receiver((n) => (n === 1 ? 503 : 200));
    const target = data(
      await admin.post<{ target: { id: string; personal: string[] }; secret: string }>(
        '/api/admin/integrations/targets',
        {
          kind: 'goodbad',
          name: '省好差评系统',
          url: platform.url,
          fieldNames: { levelName: 'pjdj', caseNumber: 'bjbh' },
        },
      ),
    );
    expect(target.secret.length).toBeGreaterThan(20);
    expect(target.target.personal).toEqual([]);
    const token = await keyWith(admin, ['case:attach']);
    const { w3, ticket } = await servedVisit(hall);
    data(await api(hall, token, 'PUT', `/tickets/${ticket.id}/case`, { caseNumber: 'BJ-2026-0002' }));
    await finishAndRate(hall, w3, ticket.id, 5, []);
    // Queued with the rating; the first try meets a 503, the second lands after the back-off.
    expect(await hall.server.deliveries.drain()).toBe(1);
    expect(platform.got).toHaveLength(1);
    expect(await hall.server.deliveries.drain()).toBe(0);
    hall.clock.advance(MIN);
    expect(await hall.server.deliveries.drain()).toBe(1);
    expect(platform.got).toHaveLength(2);
    const [first, second] = platform.got;
    // The same delivery: the same idempotency key on every try.
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    const sig = String(second!.headers['x-onewindow-signature']);
    const t = /t=(\d+)/.exec(sig)![1]!;
    const expected = createHmac('sha256', target.secret).update(`${t}.${second!.body}`).digest('hex');
    expect(sig).toBe(`t=${t},v1=${expected}`);
    const report = JSON.parse(second!.body) as Record<string, unknown>;
    expect(report).toMatchObject({
      pjdj: '非常满意',
      level: 5,
      channel: 'pad',
      bjbh: 'BJ-2026-0002',
      matterCode: 'm-tax',
      hallId: 'h1',
      windowNumber: '3',
      kind: 'evaluation',
    });
    expect(report).not.toHaveProperty('residentNameMasked');
    expect(second!.body).not.toMatch(/\d{17}[\dX]/);
    const log = data(
      await admin.get<{ status: string; attempts: number }[]>(
        `/api/admin/integrations/deliveries?targetId=${target.target.id}`,
      ),
    );
    expect(log).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('keeps what could not be delivered as a dead letter the console lists and sends again', async () => {
    const hall = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall);
    let up = false;
    const hook = await receiver(() => (up ? 200 : 500));
    data(
      await admin.post('/api/admin/integrations/targets', {
        kind: 'webhook',
        name: '预约平台',
        url: hook.url,
        secret: 'a-shared-secret-of-the-subscriber',
        events: ['ticket.called'],
      }),
    );
    await servedVisit(hall);
    for (let i = 0; i < 8; i++) {
      await hall.server.deliveries.drain();
      hall.clock.advance(15 * MIN);
    }
    expect(hook.got).toHaveLength(8);
    const dead = data(
      await admin.get<{ id: string; event: string }[]>('/api/admin/integrations/deliveries?status=dead'),
    );
    expect(dead).toMatchObject([{ event: 'ticket.called' }]);
    up = true;
    data(await admin.post(`/api/admin/integrations/deliveries/${dead[0]!.id}/resend`));
    expect(await hall.server.deliveries.drain()).toBe(1);
    expect(hook.got).toHaveLength(9);
    expect(JSON.parse(hook.got[8]!.body)).toMatchObject({
      event: 'ticket.called',
      data: { windowNumber: '3' },
    });
    expect(data(await admin.get('/api/admin/integrations/deliveries?status=dead'))).toEqual([]);
  });

  it('loses no queued report across a restart, and a command that fails queues nothing', async () => {
    const hall0 = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall0);
    const hook = await receiver();
    await subscribe(admin, 'sub', hook.url, ['ticket.issued', 'ticket.called']);
    const kiosk = await hall0.connect(KIOSK);
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    // Refused (no such matter): nothing queued for it.
    expect((await kiosk.issueTicket({ matterId: 'm-none' })).ok).toBe(false);
    const dir = hall0.dir;
    await hall0.stop();
    const hall = await halls.start({ dir, enforceHours: false });
    expect(await hall.server.deliveries.drain()).toBe(1);
    expect(JSON.parse(hook.got[0]!.body)).toMatchObject({
      event: 'ticket.issued',
      data: { matterId: 'm-tax' },
    });
  });
});

describe('bad reviews overdue', () => {
  it('tells subscribers once when a 差评整改 passes its deadline', async () => {
    const hall = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall);
    const hook = await receiver();
    await subscribe(admin, '督查平台', hook.url, ['rectification.overdue']);
    const { w3, ticket } = await servedVisit(hall);
    await finishAndRate(hall, w3, ticket.id, 1, ['等候太久']);
    await hall.server.tick();
    expect(await hall.server.deliveries.drain()).toBe(0);
    hall.clock.advance(30 * 24 * 60 * MIN);
    await hall.server.tick();
    await hall.server.tick();
    expect(await hall.server.deliveries.drain()).toBe(1);
    expect(JSON.parse(hook.got[0]!.body)).toMatchObject({
      event: 'rectification.overdue',
      data: { ticketNumber: ticket.number, level: 1 },
    });
    await hall.server.tick();
    expect(await hall.server.deliveries.drain()).toBe(0);
  });
});

describe('booking events', () => {
  it('tells subscribers of a booking made, checked in and missed, without who made it', async () => {
    const hall = await startBookingHall(halls, '2026-11-23', '08:00');
    const admin = await firstAdmin(hall);
    const hook = await receiver();
    await subscribe(admin, '预约平台', hook.url, ['booking.made', 'booking.checkedIn', 'booking.missed']);
    const book = async (n: number, time: string) =>
      (
        await postJson(`${bookingApi(hall.url)}/bookings`, {
          matterId: 'm-social',
          slotStart: at('2026-11-23', time),
          ...person(n),
        })
      ).body as { code: string };
    const comes = await book(1, '09:30');
    await book(2, '11:00');
    setClock(hall.clock, '2026-11-23', '09:20');
    const kiosk = await hall.connect(KIOSK);
    const issued = okData(
      await kiosk.command('ticket:issue', { requestId: 'issue-0001', appointmentCode: comes.code }),
    );
    setClock(hall.clock, '2026-11-23', '12:00');
    await hall.server.tick();
    await hall.server.deliveries.drain();
    const events = hook.got.map(
      (g) => JSON.parse(g.body) as { event: string; data: Record<string, unknown> },
    );
    expect(events.map((e) => e.event).sort()).toEqual([
      'booking.checkedIn',
      'booking.made',
      'booking.made',
      'booking.missed',
    ]);
    expect(events.find((e) => e.event === 'booking.checkedIn')!.data).toMatchObject({
      matterId: 'm-social',
      slotStart: at('2026-11-23', '09:30'),
      ticketId: issued.ticket.id,
    });
    expect(events.find((e) => e.event === 'booking.missed')!.data).toMatchObject({
      slotStart: at('2026-11-23', '11:00'),
    });
    for (const g of hook.got) {
      expect(g.body).not.toContain(PHONE);
      expect(g.body).not.toMatch(/居民\d/);
    }
  });
});

describe('several instances on one PostgreSQL', () => {
  it('send each queued message exactly once, however many drain at the same time', async () => {
    const { url, drop } = await freshPgUrl();
    const redisPrefix = `test-${randomBytes(6).toString('hex')}`;
    const clock = new FakeClock();
    const started: TestHall[] = [];
    try {
      const start = async () => {
        const h = await startHall({
          dir: mkdtempSync(join(tmpdir(), 'onewindow-deliv-')),
          clock,
          enforceHours: false,
          store: createPostgresStore(url),
          redisUrl: REDIS_URL,
          redisPrefix,
        });
        started.push(h);
        return h;
      };
      const a = await start();
      const b = await start();
      const hook = await receiver();
      const admin = await firstAdmin(a);
      data(
        await admin.post('/api/admin/integrations/targets', {
          kind: 'webhook',
          name: 'sub',
          url: hook.url,
          events: ['ticket.issued'],
        }),
      );
      const kiosk = await a.connect(KIOSK);
      for (let i = 0; i < 12; i++) okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
      // B learns of the target on its next round (its list is older than a few seconds by then).
      clock.advance(11_000);
      for (let round = 0; round < 3; round++)
        await Promise.all([a.server.deliveries.drain(), b.server.deliveries.drain()]);
      const keys = hook.got.map((g) => String(g.headers['idempotency-key']));
      expect(keys).toHaveLength(12);
      expect(new Set(keys).size).toBe(12);
    } finally {
      for (const h of started) {
        await h.stop();
        removeDir(h.dir);
      }
      await drop();
    }
  });
});

describe('the published contract', () => {
  it('documents every /api/v1 route from the schemas it validates with, and serves a reference page', async () => {
    const hall = await halls.start({ enforceHours: false });
    const doc = (await (await fetch(`${hall.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { required?: string[]; properties?: Record<string, { pattern?: string }> } }
              >;
            };
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ms]) =>
        Object.keys(ms).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const registered = hall.server.contract.registeredRoutes();
    expect(registered.length).toBeGreaterThanOrEqual(6);
    for (const r of registered) expect(documented, r).toContain(r);
    // The document says what the route checks: the case number is required and its pattern is there.
    const attach =
      doc.paths['/api/v1/tickets/{ticketId}/case']!.put!.requestBody!.content['application/json']!.schema;
    expect(attach.required).toContain('caseNumber');
    expect(attach.properties?.caseNumber?.pattern).toBeDefined();
    const page = await fetch(`${hall.url}/api/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const op of [
      'getTicket',
      'attachCase',
      'setCaseResult',
      'requestRating',
      'getQueue',
      'getDayFigures',
    ])
      expect(html).toContain(`id="${op}"`);
    expect(html).toContain('ticket:callNext');
    const sockets = (await (await fetch(`${hall.url}/api/socket-events.json`)).json()) as {
      commands: Record<string, unknown>;
    };
    expect(Object.keys(sockets.commands)).toContain('evaluation:submit');
  });
});
