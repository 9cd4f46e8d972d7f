import { describe, expect, it } from 'vitest';
import { FakeClock, KIOSK, MIN, MONDAY_9AM, okData, testConfig, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

describe('live dispatch and estimates', () => {
  it('estimates from live handle times: slow services today make the told wait longer', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const w3 = await hall.connect(windowToken('w3'));
    okData(await w3.command('window:open', { windowId: 'w3' }));
    // The configured default is 10 minutes; today's tax visits take 40.
    for (let i = 0; i < 5; i++) {
      const t = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
      okData(await w3.callNext('w3'));
      hall.clock.advance(40 * MIN);
      okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: t.id }));
    }
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    okData(await w3.callNext('w3'));
    const waiting = okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    // The handle estimate is (10 × 5 + 40 × 5) / 10 = 25 minutes, and the service under way just began.
    expect(waiting.position).toMatchObject({ peopleAhead: 0, windowsServing: 1, estimatedWaitMin: 25 });
    // Statistics are sent at most every interval (20 ms here): wait for those after the last command.
    await new Promise((r) => setTimeout(r, 150));
    const stats = (await kiosk.waitFor((s) => s.stats?.totalWaiting === 1)).stats;
    expect(stats?.matters.find((m) => m.matterId === 'm-tax')?.estimatedWaitMin).toBeGreaterThanOrEqual(25);
    // The phone page and a screen that connects now tell the same as the ticket did.
    const phone = (await (await fetch(`${hall.url}/api/tickets/${waiting.ticket.id}`)).json()) as {
      position: { estimatedWaitMin: number };
    };
    expect(phone.position.estimatedWaitMin).toBe(25);
    const fresh = await hall.connect(KIOSK);
    expect(fresh.store.getState().stats).toEqual(stats);
  });

  it('a window free to take anything calls the ticket whose own windows stay busy longest', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const clients = new Map<string, Awaited<ReturnType<typeof hall.connect>>>();
    for (const id of ['w1', 'w2', 'w3']) {
      const c = await hall.connect(windowToken(id));
      okData(await c.command('window:open', { windowId: id }));
      clients.set(id, c);
    }
    const serve = async (windowId: string, matterId: string) => {
      okData(await kiosk.issueTicket({ matterId }));
      const c = clients.get(windowId)!;
      const t = okData(await c.callNext(windowId)).ticket;
      okData(await c.command('ticket:start', { windowId, ticketId: t.id }));
    };
    // w2 (social) has been in its visit for 9 of its 10 minutes; w3 (tax) has just begun one.
    await serve('w2', 'm-social');
    hall.clock.advance(9 * MIN);
    await serve('w3', 'm-tax');
    const social = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    hall.clock.advance(MIN);
    const tax = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    hall.clock.advance(MIN);
    // w1 serves both. The social resident came first, but w2 frees up for them in a minute or two; the
    // tax resident would wait the ten minutes of w3's visit: w1 calls the tax ticket.
    const w1 = clients.get('w1')!;
    expect(okData(await w1.callNext('w1')).ticket.id).toBe(tax.id);
    const seen = await w1.waitFor((st) => st.tickets[tax.id]?.status === 'called');
    expect(seen.tickets[social.id]?.status).toBe('waiting');
  });

  it('gives a new ticket to the narrowest idle auto-call window', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1')); // serves everything
    const w3 = await hall.connect(windowToken('w3')); // serves tax only
    for (const [c, id] of [
      [w1, 'w1'],
      [w3, 'w3'],
    ] as const) {
      okData(await c.command('window:open', { windowId: id }));
      okData(await c.command('window:autoCall', { windowId: id, autoCall: true }));
    }
    const tax = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    const s = await w1.waitFor((st) => st.tickets[tax.id]?.status === 'called');
    expect(s.tickets[tax.id]?.windowId).toBe('w3');
    const social = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    const s2 = await w1.waitFor((st) => st.tickets[social.id]?.status === 'called');
    expect(s2.tickets[social.id]?.windowId).toBe('w1');
  });
});

describe('AB岗 in the live hall', () => {
  it('lets the backup’s window call the matters of an absent colleague’s window', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const w2 = await hall.connect(windowToken('w2')); // social only; 李强 (s2) backs up 王丽 (s1) of w1
    okData(await w2.command('window:open', { windowId: 'w2', staffId: 's2' }));
    const tax = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    // w1 (everything) is closed, so 王丽 is absent: w2 takes over w1's skills and may call the tax ticket.
    expect(okData(await w2.callNext('w2')).ticket.id).toBe(tax.id);
    okData(await w2.command('ticket:finish', { windowId: 'w2', ticketId: tax.id }));
    // Once 王丽 opens w1, w2 is back to social affairs only.
    const w1 = await hall.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1', staffId: 's1' }));
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    expect(await w2.callNext('w2')).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
  });
});

describe('planned window hours (错峰午休) in the live estimates', () => {
  const LUNCH = [
    { open: '08:30', close: '12:00' },
    { open: '13:30', close: '17:30' },
  ];
  /**
   * 11:40 in a hall set up by `plan`: the tax window w3 open with one tax visit (10 minutes) under way
   * and one ticket ahead (11:50–12:00) of the ticket returned.
   */
  const ticketBeforeLunch = async (plan: (h: ReturnType<typeof testConfig>['halls'][number]) => void) => {
    const config = testConfig();
    plan(config.halls[0]!);
    const hall = await halls.start({ clock: new FakeClock(MONDAY_9AM + 160 * MIN), config });
    const kiosk = await hall.connect(KIOSK);
    const w3 = await hall.connect(windowToken('w3'));
    okData(await w3.command('window:open', { windowId: 'w3' }));
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    okData(await w3.callNext('w3'));
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    return { hall, waiting: okData(await kiosk.issueTicket({ matterId: 'm-tax' })) };
  };

  it('tells a ticket that its window goes to lunch at 12:00 and calls again at 13:30, on the ticket and the phone page', async () => {
    const { hall, waiting } = await ticketBeforeLunch((h) => {
      h.windows = h.windows.map((w) => (w.id === 'w3' ? { ...w, hours: LUNCH } : w));
    });
    // Without the plan: 20 minutes. With it: called at 13:30.
    expect(waiting.position).toMatchObject({ peopleAhead: 1, windowsServing: 1, estimatedWaitMin: 110 });
    const phone = (await (await fetch(`${hall.url}/api/tickets/${waiting.ticket.id}`)).json()) as {
      position: { estimatedWaitMin: number };
    };
    expect(phone.position.estimatedWaitMin).toBe(110);
  });

  it('counts the hall’s own lunch break for windows without hours of their own', async () => {
    const { waiting } = await ticketBeforeLunch((h) => {
      const weekly = { mon: LUNCH, tue: LUNCH, wed: LUNCH, thu: LUNCH, fri: LUNCH, sat: [], sun: [] };
      h.hall = { ...h.hall, hours: { weekly, publicHolidays: true, makeupDayAs: 'mon', special: [] } };
    });
    expect(waiting.position).toMatchObject({ peopleAhead: 1, estimatedWaitMin: 110 });
  });

  it('without a plan tells the same ticket 20 minutes, as if the window kept calling through lunch', async () => {
    const { waiting } = await ticketBeforeLunch(() => {});
    expect(waiting.position).toMatchObject({ peopleAhead: 1, estimatedWaitMin: 20 });
  });
});

describe('the record guard in the live hall', () => {
  it('keeps a long visit waiting for short ones only until it nears the day’s longest wait, across a restart', async () => {
    // Tax visits take 30 minutes, social ones 3: short visits first would hold the tax ticket back.
    const config = testConfig();
    const h1 = config.halls[0]!;
    h1.matters = h1.matters.map((m) => ({ ...m, avgHandleMin: m.id === 'm-tax' ? 30 : 3 }));
    const clock = new FakeClock();
    let hall = await halls.start({ clock, config });
    const kiosk = await hall.connect(KIOSK);
    let w1 = await hall.connect(windowToken('w1'));
    // The day's record: a resident called after 30 minutes.
    const first = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    clock.advance(30 * MIN);
    okData(await w1.command('window:open', { windowId: 'w1' }));
    expect(okData(await w1.callNext('w1')).ticket.id).toBe(first.id);
    clock.advance(3 * MIN);
    okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: first.id }));
    const tax = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    clock.advance(10 * MIN);
    for (let i = 0; i < 3; i++) okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    clock.advance(10 * MIN);
    // The record comes back from the store after a restart.
    const dir = hall.dir;
    await hall.stop();
    hall = await halls.start({ dir, clock, config });
    w1 = await hall.connect(windowToken('w1'));
    // The tax ticket has waited 20 minutes, past the 15-minute floor but short of 97 % of 30: social first.
    const social = okData(await w1.callNext('w1')).ticket;
    expect(social.matterId).toBe('m-social');
    clock.advance(3 * MIN);
    okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: social.id }));
    // At 29.5 minutes (under its 30-minute starvation bound) it would set a new record: it goes first.
    clock.advance(6.5 * MIN);
    expect(okData(await w1.callNext('w1')).ticket.id).toBe(tax.id);
  });
});

describe('estimates that learn from the hall', () => {
  it('learns that its waits run longer than told, keeps what it told with each ticket, shows how it fares, and remembers across a restart', async () => {
    const clock = new FakeClock();
    let hall = await halls.start({ clock });
    const kiosk = await hall.connect(KIOSK);
    const w3 = await hall.connect(windowToken('w3'));
    okData(await w3.command('window:open', { windowId: 'w3' }));
    // The window is free, so the structure says no wait; but the clerk calls each resident ten minutes
    // later, every time. The hall learns it.
    const first = okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    expect(first.position.estimatedWaitMin).toBe(0);
    expect(first.ticket).toMatchObject({ estimatedWaitMin: 0, estimateBaseMin: 0 });
    expect(first.ticket.waitToMin).toBeGreaterThanOrEqual(1);
    let ticket = first.ticket;
    for (let i = 0; i < 30; i++) {
      clock.advance(10 * MIN);
      expect(okData(await w3.callNext('w3')).ticket.id).toBe(ticket.id);
      okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: ticket.id }));
      ticket = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    }
    // Told longer now, with the range reaching the ten minutes the waits really take.
    expect(ticket.estimateBaseMin).toBe(0);
    expect(ticket.estimatedWaitMin).toBeGreaterThanOrEqual(3);
    expect(ticket.waitToMin).toBeGreaterThanOrEqual(10);
    const told = ticket.estimatedWaitMin;
    // The console's live view: the told waits ran short (negative bias), few inside their range.
    await new Promise((r) => setTimeout(r, 150));
    const stats = (
      await kiosk.waitFor(
        (s) => (s.stats?.matters.find((m) => m.matterId === 'm-tax')?.accuracy?.outcomes ?? 0) > 25,
      )
    ).stats!;
    const accuracy = stats.matters.find((m) => m.matterId === 'm-tax')!.accuracy!;
    expect(accuracy.biasMin).toBeLessThan(-3);
    expect(accuracy.maeMin).toBeGreaterThan(3);
    expect(accuracy.coverage).toBeLessThan(0.8);
    // The phone page tells the learned range, not the structure's single figure.
    const page = await (await fetch(`${hall.url}/t/${ticket.id}`)).text();
    expect(page).toMatch(/预计等候 <b>(约 \d+～\d+ 分钟|\d+ 分钟内)<\/b>/);
    // After a restart the hall tells what it told before: nothing learned is lost.
    const dir = hall.dir;
    okData(await w3.callNext('w3'));
    okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: ticket.id }));
    await new Promise((r) => setTimeout(r, 150));
    const tax = (s: typeof stats | null | undefined) => s?.matters.find((m) => m.matterId === 'm-tax');
    const before = tax((await kiosk.waitFor((s) => s.stats?.totalWaiting === 0)).stats)!;
    await hall.stop();
    hall = await halls.start({ dir, clock });
    const again = await hall.connect(KIOSK);
    const after = tax(again.store.getState().stats)!;
    expect(after.estimatedWaitMin).toBe(before.estimatedWaitMin);
    expect(after.range).toEqual(before.range);
    expect(after.accuracy?.outcomes).toBe(before.accuracy?.outcomes);
    expect(after.accuracy?.biasMin).toBeCloseTo(before.accuracy?.biasMin ?? 0, 1);
    expect(after.accuracy?.coverage).toBeCloseTo(before.accuracy?.coverage ?? 0, 1);
    expect(told).toBeGreaterThan(0);
  });

  it('carries what it learned into the next morning: the first resident is told the longer wait, the day’s figures start afresh', async () => {
    const clock = new FakeClock();
    let hall = await halls.start({ clock });
    const kiosk = await hall.connect(KIOSK);
    const w3 = await hall.connect(windowToken('w3'));
    okData(await w3.command('window:open', { windowId: 'w3' }));
    // Monday: the window is free, yet the clerk calls each resident ten minutes after issue.
    for (let i = 0; i < 30; i++) {
      const t = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
      clock.advance(10 * MIN);
      expect(okData(await w3.callNext('w3')).ticket.id).toBe(t.id);
      okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: t.id }));
    }
    // Tuesday morning, the server running through the night: no outcome yet today, and the structure
    // again says no wait.
    clock.t = MONDAY_9AM + 24 * 60 * MIN;
    const tuesday = await hall.connect(KIOSK);
    // The window is still open from Monday and free.
    expect(tuesday.store.getState().windows.w3?.state).toBe('open');
    const first = okData(await tuesday.issueTicket({ matterId: 'm-tax' })).ticket;
    expect(first.estimateBaseMin).toBe(0);
    expect(first.estimatedWaitMin).toBeGreaterThanOrEqual(3);
    expect(first.waitToMin).toBeGreaterThanOrEqual(10);
    // The console's figures are today's: nothing measured yet.
    await new Promise((r) => setTimeout(r, 150));
    const stats = (await tuesday.waitFor((s) => s.stats?.totalWaiting === 1)).stats!;
    expect(stats.matters.find((m) => m.matterId === 'm-tax')?.accuracy ?? null).toBeNull();
    // A restart replays Monday, then Tuesday: the same wait for the same ticket.
    const before = (await hall.server.service.publicStatus(first.id)).position;
    const dir = hall.dir;
    await hall.stop();
    hall = await halls.start({ dir, clock });
    expect((await hall.server.service.publicStatus(first.id)).position).toEqual(before);
  });

  it('learns how long a visit under way has left from past days, and who leaves unserved, and keeps both across a restart', async () => {
    const clock = new FakeClock();
    let hall = await halls.start({ clock });
    let kiosk = await hall.connect(KIOSK);
    let w3 = await hall.connect(windowToken('w3'));
    okData(await w3.command('window:open', { windowId: 'w3' }));
    // Monday: most tax visits take 3 minutes, one in three takes 40.
    for (let i = 0; i < 24; i++) {
      const t = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
      expect(okData(await w3.callNext('w3')).ticket.id).toBe(t.id);
      clock.advance((i % 3 === 0 ? 40 : 3) * MIN);
      okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: t.id }));
    }
    // Tuesday, after a restart: a visit has gone on for ten minutes, past every short one.
    const dir = hall.dir;
    await hall.stop();
    clock.t = MONDAY_9AM + 24 * 60 * MIN;
    hall = await halls.start({ dir, clock });
    kiosk = await hall.connect(KIOSK);
    w3 = await hall.connect(windowToken('w3'));
    await w3.command('window:open', { windowId: 'w3' });
    const a = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    expect(okData(await w3.callNext('w3')).ticket.id).toBe(a.id);
    clock.advance(10 * MIN);
    // Today's mean handle time (the configured 10 minutes) would say it is over; the hall's visits say
    // it is a long one, with about thirty minutes to go.
    const b = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    expect(b.estimateBaseMin).toBeGreaterThanOrEqual(28);
    expect(b.estimateBaseMin).toBeLessThanOrEqual(32);
    clock.advance(30 * MIN);
    okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: a.id }));
    okData(await w3.callNext('w3'));
    clock.advance(3 * MIN);
    okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: b.id }));
    // Residents who waited fifty minutes were gone when called (过号): the hall learns patience runs out.
    const gone = [];
    for (let i = 0; i < 12; i++) gone.push(okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket);
    clock.advance(50 * MIN);
    for (const t of gone) {
      expect(okData(await w3.callNext('w3')).ticket.id).toBe(t.id);
      okData(await w3.command('ticket:noShow', { windowId: 'w3', ticketId: t.id }));
    }
    const ahead = [];
    for (let i = 0; i < 6; i++) ahead.push(okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket);
    clock.advance(50 * MIN);
    const e = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    const handle = (await kiosk.waitFor((s) => s.stats?.totalWaiting === 7)).dispatch!.handleMin['m-tax']!;
    // Six residents ahead, each of whom may be gone by their turn: less than six whole visits.
    expect(e.estimateBaseMin).toBeLessThan(0.9 * 6 * handle);
    expect(e.estimateBaseMin).toBeGreaterThan(0);
    // A restart replays what the hall learned: the same estimate for the same ticket at the same time.
    const before = (await hall.server.service.publicStatus(e.id)).position;
    await hall.stop();
    hall = await halls.start({ dir, clock });
    const after = (await hall.server.service.publicStatus(e.id)).position;
    expect(after).toEqual(before);
  });
});
