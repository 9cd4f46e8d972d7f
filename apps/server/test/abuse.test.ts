import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { HallEventBatch } from '@onewindow/protocol';
import Database from 'better-sqlite3';
import pino from 'pino';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  DISPLAY,
  idNumberBornOn,
  KIOSK,
  kioskToken,
  MIN,
  okData,
  padToken,
  testConfig,
  useHalls,
  windowToken,
} from './helpers.js';

const halls = useHalls();

/** The test hall with some of its rules changed. */
function withRules(rules: Record<string, unknown>) {
  const config = testConfig();
  const hall = config.halls[0]!.hall;
  config.halls[0]!.hall = { ...hall, rules: { ...hall.rules, ...rules } };
  return config;
}

/** A raw socket, as an attacker's script would open one. */
function rawSocket(url: string, auth: Record<string, unknown>, headers: Record<string, string> = {}) {
  return io(url, { transports: ['websocket'], reconnection: false, auth, extraHeaders: headers });
}

function connectError(
  socket: ReturnType<typeof rawSocket>,
): Promise<{ code?: string; details?: { reason?: string } }> {
  return new Promise((resolve) =>
    socket.on('connect_error', (e) => {
      socket.close();
      resolve((e as Error & { data?: { code?: string } }).data ?? {});
    }),
  );
}

describe('abuse a hall LAN could see', () => {
  it('a kiosk past its tickets a minute is refused, managers see it once in the audit log, others are served', async () => {
    const hall = await halls.start({ enforceHours: false, config: withRules({ kioskTicketsPerMinute: 3 }) });
    const kiosk = await hall.connect(KIOSK);
    const other = await hall.connect(kioskToken(1));
    for (let i = 0; i < 3; i++) okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    for (let i = 0; i < 2; i++) {
      expect(await kiosk.issueTicket({ matterId: 'm-social' })).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED', details: { retryAfterMs: 60_000 } },
      });
    }
    okData(await other.issueTicket({ matterId: 'm-social' }));
    const db = new Database(hall.dbFile, { readonly: true });
    const audit = db.prepare(`select hall_id, target from audit_log where action = 'kiosk:throttled'`).all();
    db.close();
    expect(audit).toEqual([{ hall_id: 'h1', target: 'device:kiosk' }]);
    hall.clock.advance(MIN);
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
  });

  it('one resident takes at most the hall’s real-name tickets a matter a day (黄牛)', async () => {
    const hall = await halls.start({ enforceHours: false, config: withRules({ realNameTicketsPerDay: 2 }) });
    const kiosk = await hall.connect(KIOSK);
    const resident = { idNumber: idNumberBornOn('19900101'), name: '张三' };
    okData(await kiosk.issueTicket({ matterId: 'm-social', resident }));
    okData(await kiosk.issueTicket({ matterId: 'm-social', resident }));
    expect(await kiosk.issueTicket({ matterId: 'm-social', resident })).toMatchObject({
      ok: false,
      error: { code: 'RESIDENT_LIMIT_REACHED', details: { limit: 2 } },
    });
    // Another matter, or another resident, is not affected.
    okData(await kiosk.issueTicket({ matterId: 'm-tax', resident }));
    okData(
      await kiosk.issueTicket({
        matterId: 'm-social',
        resident: { ...resident, idNumber: idNumberBornOn('19900102') },
      }),
    );
  });

  it('a window opens only with a clerk unless the hall says otherwise', async () => {
    const hall = await halls.start({
      enforceHours: false,
      config: withRules({ windowsWithoutStaff: false }),
    });
    const w1 = await hall.connect(windowToken('w1'));
    expect(await w1.command('window:open', { windowId: 'w1' })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_REQUIRED' },
    });
    expect(await w1.callNext('w1')).toMatchObject({ ok: false, error: { code: 'WINDOW_NOT_OPEN' } });
  });

  it('a kiosk rates only visits of tickets it issued', async () => {
    const hall = await halls.start({ enforceHours: false });
    const kiosk = await hall.connect(KIOSK);
    const other = await hall.connect(kioskToken(1));
    const w1 = await hall.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    const ticket = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    okData(await w1.callNext('w1'));
    okData(await w1.command('ticket:start', { windowId: 'w1', ticketId: ticket.id }));
    okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: ticket.id }));
    expect(await other.command('evaluation:submit', { ticketId: ticket.id, level: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    okData(await kiosk.command('evaluation:submit', { ticketId: ticket.id, level: 5 }));
    const pad = await hall.connect(padToken('w1'));
    expect(await pad.command('evaluation:submit', { ticketId: ticket.id, level: 1 })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EVALUATED' },
    });
  });

  it('screens other than clerks’ never receive residents or green-channel reasons', async () => {
    const hall = await halls.start({ enforceHours: false });
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    const board = rawSocket(hall.url, { token: DISPLAY });
    const heard: string[] = [];
    board.on('hall:events', (b: HallEventBatch) => heard.push(JSON.stringify(b)));
    board.on('hall:snapshot', (s: unknown) => heard.push(JSON.stringify(s)));
    await new Promise((r) => board.on('connect', () => r(undefined)));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    const resident = { idNumber: idNumberBornOn('19600101'), name: '李四' };
    okData(await kiosk.issueTicket({ matterId: 'm-social', resident, green: { reason: 'pregnant' } }));
    const called = okData(await w1.callNext('w1'));
    expect(called.ticket.resident).not.toBeNull(); // the clerk sees the masked resident
    await w1.waitFor((s) => s.tickets[called.ticket.id]?.status === 'called');
    await new Promise((r) => setTimeout(r, 200));
    board.emit('hall:snapshot', {}, (r: unknown) => heard.push(JSON.stringify(r)));
    await new Promise((r) => setTimeout(r, 200));
    board.close();
    const all = heard.join('\n');
    expect(all).toContain(called.ticket.number);
    expect(all).toContain('"greenReason":null');
    expect(all).not.toContain('"greenReason":"pregnant"');
    expect(all).not.toContain('"resident":{');
    expect(all).not.toContain('李*');
    expect(all).not.toContain(resident.idNumber.slice(-4));
  });

  it('answers unknown commands with UNKNOWN_COMMAND and logs commands without an ack once, not each time', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const hall = await halls.start({ enforceHours: false, logger: pino({ level: 'warn' }, sink) });
    const s = rawSocket(hall.url, { token: KIOSK });
    await new Promise((r) => s.on('connect', () => r(undefined)));
    const answer = await s.timeout(2_000).emitWithAck('ticket:steal', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    for (let i = 0; i < 200; i++) s.emit('ticket:issue', { requestId: `n${i}`, matterId: 'm-social' });
    await s.timeout(2_000).emitWithAck('hall:snapshot', {});
    s.close();
    expect(lines.filter((l) => l.includes('without acknowledgement'))).toHaveLength(1);
    // And none of them issued anything.
    const admin = await hall.server.service.snapshot({
      deviceId: 'a',
      hallId: 'h1',
      role: 'admin',
      windowId: null,
    });
    expect(admin.tickets).toHaveLength(0);
  });

  it('refuses pages of other sites and slows down token guessing per address', async () => {
    const hall = await halls.start({
      enforceHours: false,
      limits: { failedLoginsPerAddress: { perSec: 0.1, burst: 3 } },
    });
    const foreign = connectError(rawSocket(hall.url, { token: DISPLAY }, { origin: 'https://evil.example' }));
    expect(await foreign).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'origin' } });
    const own = rawSocket(hall.url, { token: DISPLAY }, { origin: hall.url });
    await new Promise((r) => own.on('connect', () => r(undefined)));
    own.close();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await connectError(rawSocket(hall.url, { token: `guess-${i}` }))).code);
    expect(codes.slice(0, 3)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codes.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('holds one device token to a few connections, and frees the place when one closes', async () => {
    const hall = await halls.start({ enforceHours: false, limits: { connectionsPerDevice: 2 } });
    const first = await hall.connect(DISPLAY);
    await hall.connect(DISPLAY);
    expect(await connectError(rawSocket(hall.url, { token: DISPLAY }))).toMatchObject({
      code: 'RATE_LIMITED',
    });
    first.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = rawSocket(hall.url, { token: DISPLAY });
    await new Promise((r) => again.on('connect', () => r(undefined)));
    again.close();
  });

  it('serves HTTPS with a configured certificate and tells browsers to keep to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const hall = await halls.start({
        enforceHours: false,
        tls: { cert, key: readFileSync(join(dir, 'key.pem'), 'utf8') },
      });
      expect(hall.url).toMatch(/^https:\/\//);
      const res = await new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) =>
        httpsGet(`${hall.url}/health`, { ca: cert }, (r) => {
          r.resume();
          resolve({
            status: r.statusCode ?? 0,
            hsts: r.headers['strict-transport-security'] as string | undefined,
          });
        }).on('error', reject),
      );
      expect(res.hsts).toBe('max-age=31536000');
      expect(res.status).toBe(200);
      // Devices connect over WSS to the same address.
      const s = io(hall.url, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: DISPLAY },
        ca: cert,
      });
      await new Promise((r, j) => {
        s.on('connect', () => r(undefined));
        s.on('connect_error', j);
      });
      s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers every HTTP error in the documented body with its status, with security headers', async () => {
    const hall = await halls.start({ enforceHours: false });
    const missing = await fetch(`${hall.url}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const big = await fetch(`${hall.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const bad = await fetch(`${hall.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false });
    const page = await fetch(`${hall.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
