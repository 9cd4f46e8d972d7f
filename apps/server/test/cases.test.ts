import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { shanghaiInstant } from '@onewindow/domain';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { httpNotifier } from '../src/notify.js';
import { ConsoleSession, data, firstAdmin, PASSWORD } from './console-helpers.js';
import { FakeClock, KIOSK, okData, padToken, type TestHall, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

/** A visit served at w1 and rated by its pad; returns the rating's answer. */
async function badVisit(hall: TestHall, level = 1) {
  const kiosk = await hall.connect(KIOSK);
  const w1 = await hall.connect(windowToken('w1'));
  const pad = await hall.connect(padToken('w1'));
  const opened = await w1.command('window:open', { windowId: 'w1', staffId: 's1' });
  if (!opened.ok) expect(opened.error.code).toBe('WINDOW_ALREADY_OPEN');
  const { ticket } = okData(await kiosk.command('ticket:issue', { matterId: 'm-social' }));
  okData(await w1.command('ticket:call', { windowId: 'w1', ticketId: ticket.id }));
  okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: ticket.id }));
  return okData(await pad.command('evaluation:submit', { ticketId: ticket.id, level, reasons: ['态度'] }));
}

/** A second person of the hall, signed in: the one cases are assigned to. */
async function colleague(hall: TestHall, admin: ConsoleSession) {
  const li = data(
    await admin.post<{ id: string; displayName: string }>('/api/admin/users', {
      username: 'likezhang',
      displayName: '李科长',
      role: 'hallManager',
      hallId: 'h1',
      password: PASSWORD,
    }),
  );
  const session = new ConsoleSession(hall.url);
  data(await session.post('/api/admin/login', { username: 'likezhang', password: PASSWORD }));
  return { session, assignee: { id: li.id, name: li.displayName } };
}

describe('好差评 closed loop (评价 → 反馈 → 整改 → 回访 → 监督)', () => {
  it('counts the deadline in working days across National Day and its 调休 Saturday', async () => {
    const hall = await halls.start({ clock: new FakeClock(shanghaiInstant('2026-09-30', '10:00')) });
    const { rectification } = await badVisit(hall);
    // 10-01…10-07 off; 10-08, 10-09, Saturday 10-10 (调休 workday), 10-12, 10-13.
    expect(rectification).toMatchObject({
      openedDay: '2026-09-30',
      workingDays: 5,
      deadlineDay: '2026-10-13',
      status: 'open',
    });
  });

  it('assign → rectify → 回访 unsatisfied → reopened → rectify → 回访 satisfied → closed, audited', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const { session: li, assignee } = await colleague(hall, admin);
    const { rectification } = await badVisit(hall);
    const id = rectification?.id ?? '';
    const base = `/api/admin/halls/h1/rectifications/${id}`;
    // Not yet assigned: nothing to rectify; a stranger is not an assignee.
    expect((await li.post(`${base}/rectify`, { cause: 'x', measures: 'y' })).body).toMatchObject({
      error: { code: 'ILLEGAL_TRANSITION' },
    });
    expect(
      (await admin.post(`${base}/assign`, { assignee: { id: 'nobody', name: 'x' } })).body,
    ).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(data(await admin.post<{ status: string }>(`${base}/assign`, { assignee })).status).toBe(
      'assigned',
    );
    // Only the responsible person records the rectification.
    expect((await admin.post(`${base}/rectify`, { cause: '解释不清', measures: '培训' })).body).toMatchObject(
      {
        error: { code: 'FORBIDDEN' },
      },
    );
    expect(
      data(
        await li.post<{ status: string }>(`${base}/rectify`, { cause: '解释不清', measures: '已培训并致歉' }),
      ).status,
    ).toBe('rectified');
    hall.clock.advance(3_600_000);
    const reopened = data(
      await li.post<{ status: string; reopened: number; deadlineDay: string }>(`${base}/visit`, {
        satisfied: false,
        answer: '仍不满意',
      }),
    );
    expect(reopened).toMatchObject({ status: 'assigned', reopened: 1, deadlineDay: '2026-11-30' });
    data(await li.post(`${base}/rectify`, { cause: '流程不熟', measures: '主任当面解释并补办' }));
    const closed = data(
      await li.post<{ status: string; history: { action: string }[] }>(`${base}/visit`, {
        satisfied: true,
        answer: '满意',
      }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h) => h.action)).toEqual([
      'opened',
      'assigned',
      'rectified',
      'visited',
      'reopened',
      'rectified',
      'visited',
      'closed',
    ]);
    expect((await li.post(`${base}/visit`, { satisfied: true, answer: 'again' })).body).toMatchObject({
      error: { code: 'ILLEGAL_TRANSITION' },
    });
    const audit = data(await admin.get<{ action: string }[]>('/api/admin/audit?hallId=h1'));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['rectification.assign', 'rectification.rectify', 'rectification.visit']),
    );
    // Supervision: the list shows it with its whole history.
    const all = data(
      await admin.get<{ id: string; history: unknown[] }[]>(
        '/api/admin/halls/h1/rectifications?status=closed',
      ),
    );
    expect(all.find((r) => r.id === id)?.history).toHaveLength(8);
  });

  it('raises an overdue alert at the deadline and drops it when the case closes', async () => {
    const hall = await halls.start();
    await firstAdmin(hall);
    const { rectification } = await badVisit(hall, 2);
    // Sessions end after hours; the manager signs in again each morning.
    const signIn = async () => {
      const s = new ConsoleSession(hall.url);
      data(await s.post('/api/admin/login', { username: 'admin', password: PASSWORD }));
      return s;
    };
    let admin = await signIn();
    const alerts = () => admin.get<{ overdueRectifications: { id: string }[] }>('/api/admin/halls/h1/alerts');
    expect(rectification?.deadlineDay).toBe('2026-11-30');
    hall.clock.t = shanghaiInstant('2026-11-30', '17:00');
    admin = await signIn();
    expect(data(await alerts()).overdueRectifications).toEqual([]);
    hall.clock.t = shanghaiInstant('2026-12-01', '08:00');
    admin = await signIn();
    expect(data(await alerts()).overdueRectifications.map((r) => r.id)).toEqual([rectification?.id]);
    const me = data(await admin.get<{ person: { id: string; displayName: string } }>('/api/admin/me')).person;
    const base = `/api/admin/halls/h1/rectifications/${rectification?.id}`;
    data(await admin.post(`${base}/assign`, { assignee: { id: me.id, name: me.displayName } }));
    data(await admin.post(`${base}/rectify`, { cause: '等候过长', measures: '增开窗口' }));
    data(await admin.post(`${base}/visit`, { satisfied: true, answer: '认可' }));
    expect(data(await alerts()).overdueRectifications).toEqual([]);
  });

  it('takes ratings from the phone page (channel mobile), one per visit', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    const { ticket } = okData(await kiosk.command('ticket:issue', { matterId: 'm-social' }));
    const rate = (body: unknown) =>
      fetch(`${hall.url}/api/tickets/${ticket.id}/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await (await rate({ level: 5 })).json()) as unknown).toMatchObject({
      error: { code: 'NOT_EVALUABLE' },
    });
    okData(await w1.command('ticket:call', { windowId: 'w1', ticketId: ticket.id }));
    okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: ticket.id }));
    expect((await (await rate({ level: 9 })).json()) as unknown).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    const form = await fetch(`${hall.url}/t/${ticket.id}/rate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'level=2',
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(await (await fetch(`${hall.url}${form.headers.get('location')}`)).text()).toContain(
      '感谢您的评价',
    );
    expect((await (await rate({ level: 5 })).json()) as unknown).toMatchObject({
      error: { code: 'ALREADY_EVALUATED' },
    });
    const admin = await firstAdmin(hall);
    const open = data(
      await admin.get<{ ticketId: string; level: number }[]>(
        '/api/admin/halls/h1/rectifications?status=active',
      ),
    );
    expect(open).toMatchObject([{ ticketId: ticket.id, level: 2 }]);
    const day = '2026-11-23';
    const s = data(
      await admin.get<{ ratings: { byChannel: Record<string, number> } }>(
        `/api/admin/halls/h1/stats?from=${day}&to=${day}`,
      ),
    );
    expect(s.ratings.byChannel).toEqual({ mobile: 1 });
  });
});

describe('办不成事 follow-up', () => {
  it('assign → steps → notify (log driver) → close; the contact whole only to the assignee, never in clear on disk', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const hall = await halls.start({ logger });
    const admin = await firstAdmin(hall);
    const { session: li, assignee } = await colleague(hall, admin);
    const w2 = await hall.connect(windowToken('w2'));
    okData(await w2.command('window:open', { windowId: 'w2' }));
    const { case: recorded } = okData(
      await w2.command('unresolved:record', {
        windowId: 'w2',
        request: '异地社保转移',
        reason: '系统不支持',
        contactName: '赵六一',
        contactPhone: '13912345678',
      }),
    );
    const base = `/api/admin/halls/h1/unresolved/${recorded.id}`;
    const listed = data(
      await admin.get<{ id: string; contactPhone: string; hasContact: boolean }[]>(
        '/api/admin/halls/h1/unresolved',
      ),
    );
    expect(listed).toMatchObject([{ id: recorded.id, contactPhone: '*******5678', hasContact: true }]);
    expect(JSON.stringify(listed)).not.toContain('13912345678');
    expect((await li.post(`${base}/step`, { note: '联系社保局' })).body).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    data(await admin.post(`${base}/assign`, { assignee }));
    expect((await admin.get(`${base}/contact`)).body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(data(await li.get<{ contact: unknown }>(`${base}/contact`)).contact).toEqual({
      name: '赵六一',
      phone: '13912345678',
    });
    data(await li.post(`${base}/step`, { note: '已协调市社保局开通转移接口' }));
    const notified = data(
      await li.post<{ notifications: { delivered: boolean; channel: string }[] }>(`${base}/notify`, {
        text: '您的社保转移已可办理，请携带身份证到2号窗口。',
      }),
    );
    expect(notified.notifications).toMatchObject([{ delivered: true, channel: 'log' }]);
    const logged = lines.filter((l) => l.includes('resident notification'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('*******5678');
    expect(lines.join('')).not.toContain('13912345678');
    const closed = data(
      await li.post<{ status: string; outcome: string; steps: unknown[] }>(`${base}/close`, {
        outcome: '已办结',
      }),
    );
    expect(closed).toMatchObject({ status: 'closed', outcome: '已办结' });
    expect(closed.steps).toHaveLength(3);
    expect((await li.post(`${base}/step`, { note: 'late' })).body).toMatchObject({
      error: { code: 'ILLEGAL_TRANSITION' },
    });
    expect((await li.post(`${base}/close`, { outcome: '' })).body).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    await hall.stop();
    for (const file of [hall.dbFile, `${hall.dbFile}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file).toString('utf8');
      } catch {
        continue;
      }
      expect(bytes).not.toContain('13912345678');
      expect(bytes).not.toContain('赵六一');
    }
  });

  it('sends through an HTTP gateway with the configured template, and records a failed delivery', async () => {
    const bodies: string[] = [];
    let status = 200;
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const port = (gateway.address() as { port: number }).port;
    const sms = httpNotifier({
      url: `http://127.0.0.1:${port}/sms`,
      template: '{"to":"{phone}","text":"【{hall}】{text}"}',
    });
    const notice = {
      phone: '13912345678',
      name: '赵六一',
      text: '请带"身份证"来办理',
      hallName: '测试中心',
      ref: 'c1',
      kind: 'case' as const,
    };
    expect(await sms.send(notice)).toEqual({ delivered: true, channel: 'http', problem: null });
    expect(JSON.parse(bodies[0] ?? '')).toEqual({
      to: '13912345678',
      text: '【测试中心】请带"身份证"来办理',
    });
    status = 500;
    expect(await sms.send(notice)).toEqual({
      delivered: false,
      channel: 'http',
      problem: 'gateway answered 500',
    });
    await new Promise((r) => gateway.close(r));
  });
});
