import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallClient, type HallClient } from '@onewindow/client';
import type { Ticket } from '@onewindow/domain';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../src/index.js';
import { ConsoleSession, data, firstAdmin } from './console-helpers.js';
import { ADMIN, DISPLAY, FakeClock, KIOSK, okData, testConfig, useHalls, windowToken } from './helpers.js';

const halls = useHalls();
const extra: HallClient[] = [];
afterEach(() => {
  for (const c of extra.splice(0)) c.close();
});

/** A person's live connection to a hall, as the console's board makes it (session cookie). */
function consoleClient(url: string, cookie: string, hallId: string): HallClient {
  const c = createHallClient({ url, hallId, socket: { extraHeaders: { cookie }, reconnection: false } });
  extra.push(c);
  return c;
}

describe('devices', () => {
  it('enrolls a device with a one-time code, lists it online, and revokes it: disconnected at once, told why', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const enrolled = data(
      await admin.post<{ code: string; device: { id: string } }>('/api/admin/halls/h1/devices', {
        id: 'kiosk-east',
        role: 'kiosk',
        windowId: null,
        name: '东侧自助机',
        locale: 'en',
      }),
    );
    expect(enrolled.code).toMatch(/^\d{8}$/);
    const pair = (code: string) =>
      fetch(`${hall.url}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, clientVersion: 'test-1' }),
      });
    expect((await (await pair('00000000')).json()) as object).toMatchObject({
      ok: false,
      error: { code: 'PAIRING_INVALID' },
    });
    const paired = (await (await pair(enrolled.code)).json()) as {
      ok: true;
      data: { token: string; device: object };
    };
    expect(paired.data.device).toMatchObject({ deviceId: 'kiosk-east', role: 'kiosk', locale: 'en' });
    expect(((await (await pair(enrolled.code)).json()) as { ok: boolean }).ok).toBe(false);
    const kiosk = createHallClient({
      url: hall.url,
      token: paired.data.token,
      clientVersion: 'kiosk-2.1',
      reconnectDelayMs: { min: 50, max: 100 },
    });
    extra.push(kiosk);
    await kiosk.waitFor((s) => s.synced);
    expect(kiosk.store.getState().you).toMatchObject({ deviceId: 'kiosk-east', locale: 'en' });
    const listed = data(
      await admin.get<{ id: string; online: boolean; clientVersion: string | null }[]>(
        '/api/admin/halls/h1/devices',
      ),
    );
    expect(listed.find((d) => d.id === 'kiosk-east')).toMatchObject({
      online: true,
      clientVersion: 'kiosk-2.1',
    });

    data(await admin.post('/api/admin/halls/h1/devices/kiosk-east/revoke'));
    const refused = await kiosk.waitFor((s) => s.connection === 'unauthorized');
    expect(refused.authFailure).toBe('revoked');
    expect(
      data(await admin.get<{ id: string; revokedAt: number | null }[]>('/api/admin/halls/h1/devices')).find(
        (d) => d.id === 'kiosk-east',
      )?.revokedAt,
    ).not.toBeNull();
    const actions = data(await admin.get<{ action: string }[]>('/api/admin/audit?action=device.')).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['device.revoke', 'device.pair', 'device.enroll']);
  });

  it('sets a PIN in the console (never shown again); the clerk then needs it', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    expect((await admin.post('/api/admin/halls/h1/staff/s1/pin', { pin: '12' })).body).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: 'pin' }] } },
    });
    data(await admin.post('/api/admin/halls/h1/staff/s1/pin', { pin: '8642' }));
    expect(
      data(await admin.get<{ staffWithPin: string[] }>('/api/admin/halls/h1/config')).staffWithPin.sort(),
    ).toEqual(['s1', 's3']);
    const w1 = await hall.connect(windowToken('w1'));
    expect(await w1.command('window:open', { windowId: 'w1', staffId: 's1', pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PIN' },
    });
    okData(await w1.command('window:open', { windowId: 'w1', staffId: 's1', pin: '8642' }));
    const db = new Database(hall.dbFile, { readonly: true });
    const stored = db.prepare('select pin_hash from staff_pins where staff_id = ?').get('s1') as {
      pin_hash: string;
    };
    db.close();
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
    expect(stored.pin_hash).not.toContain('8642');
  });
});

describe('the live hall from the console', () => {
  it('changes what a window serves today: the next call-next follows it, and the audit log names who', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const board = consoleClient(hall.url, admin.cookie, 'h1');
    await board.waitFor((s) => s.synced);
    expect(board.store.getState().you).toMatchObject({ role: 'admin', person: { name: '周主任' } });
    const kiosk = await hall.connect(KIOSK);
    const w2 = await hall.connect(windowToken('w2'));
    okData(await w2.command('window:open', { windowId: 'w2' }));
    const tax = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    expect(await w2.callNext('w2')).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    const adjusted = okData(
      await board.command('window:setSkills', {
        windowId: 'w2',
        primary: { categories: ['social', 'tax'] },
        secondary: {},
      }),
    );
    expect(adjusted.window).toMatchObject({
      adjustedDay: '2026-11-23',
      primary: { categories: ['social', 'tax'] },
    });
    expect(okData(await w2.callNext('w2')).ticket.id).toBe(tax.id);
    const audit = data(
      await admin.get<{ action: string; actorName: string; target: string }[]>(
        '/api/admin/audit?action=window:setSkills',
      ),
    );
    expect(audit[0]).toMatchObject({ actorName: '周主任', target: 'window:w2' });
    // Tomorrow the window serves what its configuration says again.
    hall.clock.advance(24 * 3_600_000);
    const display = await hall.connect(DISPLAY);
    expect(display.store.getState().windows.w2).toMatchObject({
      adjustedDay: null,
      primary: { categories: ['social'] },
    });
  });

  it('broadcasts a line to every display until it ends; an auditor can look but not act', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    data(
      await admin.post('/api/admin/users', {
        username: 'auditor1',
        displayName: '审计员',
        role: 'auditor',
        hallId: null,
        password: 'correct horse battery',
      }),
    );
    const board = consoleClient(hall.url, admin.cookie, 'h1');
    await board.waitFor((s) => s.synced);
    const display = await hall.connect(DISPLAY);
    okData(await board.command('hall:broadcast', { text: '社保系统维护，暂停 30 分钟', minutes: 30 }));
    await display.waitFor((s) => s.broadcast?.text === '社保系统维护，暂停 30 分钟');
    const auditor = new ConsoleSession(hall.url);
    data(await auditor.post('/api/admin/login', { username: 'auditor1', password: 'correct horse battery' }));
    const readOnly = consoleClient(hall.url, auditor.cookie, 'h1');
    await readOnly.waitFor((s) => s.synced);
    expect(readOnly.store.getState()).toMatchObject({
      you: { role: 'auditor' },
      broadcast: { text: '社保系统维护，暂停 30 分钟' },
    });
    expect(await readOnly.command('hall:broadcast', { text: '', minutes: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await readOnly.command('window:open', { windowId: 'w1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    hall.clock.advance(31 * 60_000);
    const fresh = await hall.connect(DISPLAY);
    expect(fresh.store.getState().broadcast).toBeNull();
  });

  it('needs a session: no cookie, no console connection', async () => {
    const hall = await halls.start();
    const stranger = createHallClient({ url: hall.url, hallId: 'h1', socket: { reconnection: false } });
    extra.push(stranger);
    expect((await stranger.waitFor((s) => s.connection === 'unauthorized')).authFailure).toBe('session');
  });
});

describe('opening hours', () => {
  const hoursConfig = () => {
    const c = testConfig();
    const h = c.halls[0];
    if (h === undefined) throw new Error('no hall');
    const day = [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' },
    ];
    h.hall.hours = {
      weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
      publicHolidays: true,
      makeupDayAs: 'mon',
      special: [{ date: '2026-11-28', intervals: [{ open: '09:00', close: '12:00' }], note: '周末服务日' }],
    };
    return c;
  };
  const at = (iso: string) => new FakeClock(Date.parse(iso));

  it('issues in the morning and afternoon, not over lunch (saying when it opens), nor on a plain Sunday', async () => {
    const clock = at('2026-11-23T12:10:00+08:00');
    const hall = await halls.start({ config: hoursConfig(), clock });
    const kiosk = await hall.connect(KIOSK);
    expect(await kiosk.issueTicket({ matterId: 'm-social' })).toMatchObject({
      ok: false,
      error: {
        code: 'HALL_CLOSED',
        details: { opensAt: '13:30', intervals: ['08:30–12:00', '13:30–17:30'] },
      },
    });
    clock.t = Date.parse('2026-11-23T13:30:00+08:00');
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    clock.t = Date.parse('2026-11-29T10:00:00+08:00'); // Sunday
    expect(await kiosk.issueTicket({ matterId: 'm-social' })).toMatchObject({
      ok: false,
      error: { code: 'HALL_CLOSED', details: { intervals: [] } },
    });
  });

  it('opens on a weekend service day, closes on National Day and opens on its make-up Saturday', async () => {
    const clock = at('2026-11-28T10:00:00+08:00'); // Saturday, special service day
    const hall = await halls.start({ config: hoursConfig(), clock });
    const kiosk = await hall.connect(KIOSK);
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    clock.t = Date.parse('2026-10-02T10:00:00+08:00'); // a Friday in the National Day holiday
    expect(await kiosk.issueTicket({ matterId: 'm-social' })).toMatchObject({
      ok: false,
      error: { code: 'HALL_CLOSED' },
    });
    clock.t = Date.parse('2026-10-10T10:00:00+08:00'); // Saturday, 调休 workday
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
  });

  it('closes the day after its last interval, and refuses appointments outside the hours', async () => {
    const clock = at('2026-11-23T17:20:00+08:00');
    const hall = await halls.start({ config: hoursConfig(), clock });
    const admin = await firstAdmin(hall);
    const kiosk = await hall.connect(KIOSK);
    const late = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    await hall.server.tick();
    const display = await hall.connect(ADMIN); // the hall's own view: waiting tickets too
    expect(display.store.getState().tickets[late.id]?.status).toBe('waiting');
    clock.t = Date.parse('2026-11-23T17:30:00+08:00');
    await hall.server.tick();
    await display.waitFor((s) => s.tickets[late.id]?.status === 'expired');
    expect(display.store.getState().tickets[late.id]?.endReason).toBe('dayClosed');
    const lunch = await admin.post('/api/halls/h1/appointments', {
      matterId: 'm-social',
      slotStart: Date.parse('2026-11-24T12:00:00+08:00'),
      slotEnd: Date.parse('2026-11-24T12:30:00+08:00'),
    });
    expect(lunch.body).toMatchObject({
      ok: false,
      error: { code: 'HALL_CLOSED', details: { day: '2026-11-24' } },
    });
    const morning = await admin.post<{ code: string }>('/api/halls/h1/appointments', {
      matterId: 'm-social',
      slotStart: Date.parse('2026-11-24T09:00:00+08:00'),
      slotEnd: Date.parse('2026-11-24T09:30:00+08:00'),
    });
    expect(morning.status).toBe(201);
  });
});

describe('backups', () => {
  it('a backup taken while tickets are issued restores to a database with every ticket acknowledged before it', async () => {
    const hall = await halls.start({ enforceHours: false });
    const admin = await firstAdmin(hall);
    const kiosk = await hall.connect(KIOSK);
    const acked: Ticket[] = [];
    for (let i = 0; i < 40; i++)
      acked.push(okData(await kiosk.issueTicket({ matterId: i % 2 === 0 ? 'm-social' : 'm-tax' })).ticket);
    let running = true;
    const during: Promise<void> = (async () => {
      while (running) {
        const r = await kiosk.issueTicket({ matterId: 'm-social' });
        if (r.ok) acked.push(r.data.ticket);
        // A refusal can come back without a turn of the event loop (the client refuses while it is
        // reconnecting); without this the loop would starve the backup's request and the test's timer.
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const before = acked.length;
    const backup = data(await admin.post<{ file: string; bytes: number }>('/api/admin/backups'));
    const afterBackup = acked.length;
    running = false;
    await during;
    expect(backup.bytes).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-restore-'));
    try {
      restoreBackup(backup.file, dir);
      expect(() => restoreBackup(backup.file, dir)).toThrow(/exists already/);
      expect(() => restoreBackup(join(dir, 'nothing.sqlite'), mkdtempSync(join(tmpdir(), 'x-')))).toThrow();
      // The test halls keep their database as hall.sqlite.
      renameSync(join(dir, 'onewindow.sqlite'), join(dir, 'hall.sqlite'));
      const db = new Database(join(dir, 'hall.sqlite'), { readonly: true });
      const ids = new Set((db.prepare('select id from tickets').all() as { id: string }[]).map((r) => r.id));
      const numbers = db.prepare('select count(*) as n, count(distinct number) as d from tickets').get() as {
        n: number;
        d: number;
      };
      db.close();
      for (const t of acked.slice(0, before)) expect(ids.has(t.id)).toBe(true);
      expect(ids.size).toBeGreaterThanOrEqual(before);
      expect(ids.size).toBeLessThanOrEqual(afterBackup + 1);
      expect(numbers.n).toBe(numbers.d);
      // The restored folder starts as a hall server and numbering carries on without a repeat.
      const restored = await halls.start({ dir, enforceHours: false });
      const k2 = await restored.connect(KIOSK);
      const next = okData(await k2.issueTicket({ matterId: 'm-tax' })).ticket;
      const taxNumbers = acked.filter((t) => t.matterId === 'm-tax' && ids.has(t.id)).map((t) => t.number);
      expect(taxNumbers).not.toContain(next.number);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
