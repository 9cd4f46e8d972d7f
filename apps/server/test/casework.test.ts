import { describe, expect, it } from 'vitest';
import { PersonalDataKeys } from '../src/privacy.js';
import { ConsoleSession, data, firstAdmin } from './console-helpers.js';
import {
  ADMIN,
  DISPLAY,
  FakeClock,
  KIOSK,
  MIN,
  okData,
  padToken,
  TEST_PERSONAL_DATA_KEY,
  useHalls,
  windowToken,
} from './helpers.js';

const halls = useHalls();

/** A visit at w3 by 张敏 (with PIN), finished: the ticket a pad can rate. */
async function finishedVisit(hall: Awaited<ReturnType<typeof halls.start>>) {
  const kiosk = await hall.connect(KIOSK);
  const w3 = await hall.connect(windowToken('w3'));
  okData(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '2468' }));
  const ticket = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
  okData(await w3.callNext('w3'));
  okData(await w3.command('ticket:start', { windowId: 'w3', ticketId: ticket.id }));
  hall.clock.advance(6 * MIN);
  okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: ticket.id }));
  return { ticket, w3, kiosk };
}

describe('staff login with PIN', () => {
  it('opens the window for the right PIN, names the clerk, and locks out after five wrong ones', async () => {
    const hall = await halls.start();
    const w3 = await hall.connect(windowToken('w3'));
    // A forgotten PIN is asked for and costs no try.
    for (let i = 0; i < 6; i++) {
      expect(await w3.command('window:open', { windowId: 'w3', staffId: 's3' })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PIN', message: 'a PIN is required', details: { pinRequired: true } },
      });
    }
    for (let i = 0; i < 5; i++) {
      expect(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '0000' })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PIN', details: { triesLeft: 4 - i } },
      });
    }
    // Five wrong in a row: even the right PIN is refused until the lock expires.
    expect(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '2468' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PIN', message: expect.stringContaining('too many') },
    });
    expect(hall.server.service.halls.get('h1')).toBeDefined();
    hall.clock.advance(6 * MIN);
    const opened = okData(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '2468' }));
    expect(opened).toMatchObject({
      window: { state: 'open', staffId: 's3' },
      staff: { id: 's3', name: '张敏' },
    });
  });

  it('refuses a PIN that is not 4–8 digits before checking anything', async () => {
    const hall = await halls.start();
    const w3 = await hall.connect(windowToken('w3'));
    expect(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '12ab' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('window casework', () => {
  it('counts the clerk’s visits, handle time and ratings of the day', async () => {
    const hall = await halls.start();
    const { ticket, w3 } = await finishedVisit(hall);
    const pad = await hall.connect(padToken('w3'));
    okData(await pad.command('evaluation:submit', { ticketId: ticket.id, level: 4 }));
    const figures = okData(await w3.command('window:today', { windowId: 'w3' }));
    expect(figures).toEqual({
      windowId: 'w3',
      staffId: 's3',
      served: 1,
      noShows: 0,
      averageHandleMin: 6,
      ratings: { count: 1, average: 4, byLevel: [0, 0, 0, 1, 0] },
    });
  });

  it('issues a one-time notice the resident opens on a phone, only for visits of this window', async () => {
    const hall = await halls.start();
    const { ticket, w3 } = await finishedVisit(hall);
    const notice = okData(
      await w3.command('notice:issue', {
        windowId: 'w3',
        ticketId: ticket.id,
        missing: ['营业执照副本', '法定代表人身份证复印件'],
        note: '复印件请加盖公章',
      }),
    ).notice;
    expect(notice).toMatchObject({
      ticketNumber: ticket.number,
      windowName: '3号窗口 税务窗口',
      staffId: 's3',
      staffName: '张敏',
    });
    const page = await fetch(`${hall.url}/n/${notice.id}`);
    const html = await page.text();
    expect(html).toContain('一次性告知单');
    expect(html).toContain('营业执照副本');
    expect(html).toContain('复印件请加盖公章');
    const english = await (await fetch(`${hall.url}/n/${notice.id}?lang=en`)).text();
    expect(english).toContain('Notice of missing materials');
    expect(english).toContain('To complete your application, please bring the following:');
    expect(english).toContain('营业执照副本');
    expect((await fetch(`${hall.url}/n/nope`)).status).toBe(404);

    const w1 = await hall.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    expect(
      await w1.command('notice:issue', { windowId: 'w1', ticketId: ticket.id, missing: ['x'] }),
    ).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_AT_WINDOW' } });
    expect(
      await w3.command('notice:issue', { windowId: 'w3', ticketId: ticket.id, missing: [] }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('records an unresolved case with a follow-up contact', async () => {
    const hall = await halls.start();
    const { ticket, w3 } = await finishedVisit(hall);
    const record = okData(
      await w3.command('unresolved:record', {
        windowId: 'w3',
        ticketId: ticket.id,
        request: '异地社保转移',
        reason: '系统暂不支持跨省转移',
        contactName: '赵先生',
        contactPhone: '138 0000 0000',
      }),
    ).case;
    expect(record).toMatchObject({
      status: 'open',
      ticketNumber: ticket.number,
      matterId: 'm-tax',
      staffId: 's3',
      // Masked wherever the record goes; whole only sealed under the personal-data key.
      contactName: '赵**',
      contactPhone: '*******0000',
    });
    // The number itself (not its last four, nor digits that happen to be in a generated id).
    expect(JSON.stringify(record)).not.toMatch(/138\s?0000\s?0000/);
    const keys = new PersonalDataKeys(TEST_PERSONAL_DATA_KEY);
    expect(JSON.parse(keys.open(record.contactSealed ?? '') ?? 'null')).toEqual({
      name: '赵先生',
      phone: '138 0000 0000',
    });
    expect(new PersonalDataKeys('another-key-0123456789').open(record.contactSealed ?? '')).toBeUndefined();
    // The person the case is assigned to sees the whole contact, and that look is in the audit log.
    const admin = await firstAdmin(hall);
    const path = `/api/admin/halls/h1/unresolved/${record.id}/contact`;
    expect((await admin.get(path)).body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const me = data(await admin.get<{ person: { id: string; displayName: string } }>('/api/admin/me')).person;
    data(
      await admin.post(`/api/admin/halls/h1/unresolved/${record.id}/assign`, {
        assignee: { id: me.id, name: me.displayName },
      }),
    );
    expect(data(await admin.get(path))).toEqual({ contact: { name: '赵先生', phone: '138 0000 0000' } });
    expect((await new ConsoleSession(hall.url).get(path)).status).toBe(401);
    expect((await admin.get('/api/admin/halls/h1/unresolved/no-such-case/contact')).status).toBe(404);
    const audit = data(await admin.get<{ entries: { action: string }[] }>('/api/admin/audit?hallId=h1'));
    expect(JSON.stringify(audit)).toContain('case.contactViewed');
    // A case goes only against a visit served at the window that records it.
    const w1 = await hall.connect(windowToken('w1'));
    expect(
      await w1.command('unresolved:record', {
        windowId: 'w1',
        ticketId: ticket.id,
        request: 'x',
        reason: 'y',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await w3.command('unresolved:record', {
        windowId: 'w3',
        request: 'x',
        reason: 'y',
        contactPhone: 'call me',
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('ratings and rectification', () => {
  it('opens a rectification for 非常不满意, due five working days later across National Day and 调休', async () => {
    // Wednesday 30 September 2026: 1–7 October are holidays, Saturday 10 October is a make-up workday.
    const hall = await halls.start({
      clock: new FakeClock(Date.parse('2026-09-30T10:00:00+08:00')),
      enforceHours: false,
    });
    const { ticket } = await finishedVisit(hall);
    const pad = await hall.connect(padToken('w3'));
    const rated = okData(
      await pad.command('evaluation:submit', {
        ticketId: ticket.id,
        level: 1,
        reasons: ['等待时间长', '服务态度差'],
        comment: '窗口人员态度冷淡',
      }),
    );
    expect(rated.evaluation).toMatchObject({ level: 1, windowId: 'w3', staffId: 's3', matterId: 'm-tax' });
    expect(rated.rectification).toMatchObject({
      ticketNumber: ticket.number,
      level: 1,
      reasons: ['等待时间长', '服务态度差'],
      openedDay: '2026-09-30',
      workingDays: 5,
      // 8, 9, 10 (Saturday, 调休), 12, 13 October.
      deadlineDay: '2026-10-13',
      status: 'open',
    });
    const list = await fetch(`${hall.url}/api/halls/h1/rectifications?day=2026-09-30`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(((await list.json()) as unknown[]).length).toBe(1);
    expect((await fetch(`${hall.url}/api/halls/h1/rectifications?day=2026-09-30`)).status).toBe(401);
  });

  it('opens none for 基本满意 and better', async () => {
    const hall = await halls.start();
    const { ticket } = await finishedVisit(hall);
    const pad = await hall.connect(padToken('w3'));
    expect(
      okData(await pad.command('evaluation:submit', { ticketId: ticket.id, level: 3 })).rectification,
    ).toBeNull();
  });
});

describe('who may do what', () => {
  it('a pad cannot call, a display cannot rate, a window cannot act for another window', async () => {
    const hall = await halls.start();
    const { ticket } = await finishedVisit(hall);
    const pad = await hall.connect(padToken('w3'));
    const display = await hall.connect(DISPLAY);
    const w1 = await hall.connect(windowToken('w1'));
    expect(await pad.callNext('w3')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await display.command('evaluation:submit', { ticketId: ticket.id, level: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await w1.callNext('w3')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await w1.command('window:today', { windowId: 'w3' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await w1.command('notice:issue', { windowId: 'w3', ticketId: ticket.id, missing: ['x'] }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherPad = await hall.connect(padToken('w1'));
    expect(await otherPad.command('evaluation:submit', { ticketId: ticket.id, level: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
