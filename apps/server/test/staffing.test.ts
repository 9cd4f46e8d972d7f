import { initialWindow, type Matter, type Window } from '@onewindow/domain';
import type { StaffingAdvice } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import { liveAdvice } from '../src/stats/staffing-live.js';
import { data, firstAdmin } from './console-helpers.js';
import { KIOSK, MIN, okData, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

describe('live staffing advice and 动态调整', () => {
  it('a surge on one matter makes the advice propose a change; one click applies it, dispatch follows, the audit log records it', async () => {
    const hall = await halls.start();
    const admin = await firstAdmin(hall);
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    const w2 = await hall.connect(windowToken('w2'));
    const w3 = await hall.connect(windowToken('w3'));
    // 王丽 is at w1, so her backup 李强 at w2 serves social affairs only (no AB岗 cover).
    okData(await w1.command('window:open', { windowId: 'w1', staffId: 's1' }));
    okData(await w2.command('window:open', { windowId: 'w2', staffId: 's2' }));
    okData(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '2468' }));
    const calm = data(await admin.get<StaffingAdvice>('/api/admin/halls/h1/staffing'));
    expect(calm.proposals).toEqual([]);
    expect(calm.groups.every((g) => !g.short)).toBe(true);
    // 税务 surges: 24 residents in 48 minutes; w1 and w3 serve tax.
    for (let i = 0; i < 24; i++) {
      okData(await kiosk.command('ticket:issue', { matterId: 'm-tax' }));
      hall.clock.advance(2 * MIN);
    }
    const advice = data(await admin.get<StaffingAdvice>('/api/admin/halls/h1/staffing'));
    const tax = advice.groups.find((g) => g.categoryId === 'tax');
    expect(tax).toMatchObject({ windowsOpen: 2, waiting: 24, short: true });
    expect(tax?.windowsNeeded).toBeGreaterThan(1);
    // No closed window serves tax; the social window has capacity to spare.
    expect(advice.proposals).toEqual([
      {
        kind: 'widen',
        categoryId: 'tax',
        windowId: 'w2',
        staffId: 's2',
        fromWindowId: null,
        secondary: { categories: ['tax'] },
      },
    ]);
    // Before: the social window does not serve tax.
    expect(await w2.command('ticket:callNext', { windowId: 'w2' })).toMatchObject({
      error: { code: 'QUEUE_EMPTY' },
    });
    const widen = advice.proposals.find((p) => p.kind === 'widen');
    data(await admin.post('/api/admin/halls/h1/staffing/apply', { proposal: widen }));
    const called = okData(await w2.command('ticket:callNext', { windowId: 'w2' }));
    expect(called.ticket.matterId).toBe('m-tax');
    expect(called.window.adjustedDay).toBe('2026-11-23');
    const audit = data(await admin.get<{ action: string; target: string }[]>('/api/admin/audit?hallId=h1'));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['staffing.apply', 'window:setSkills']),
    );
    // The what-if of today's observed day, on the simulator.
    const whatIf = data(
      await admin.post<{ baselineMeanWaitMin: number; options: { change: string }[]; seeds: number }>(
        '/api/admin/halls/h1/staffing/whatif',
        { seeds: 4 },
      ),
    );
    expect(whatIf.seeds).toBe(4);
    expect(whatIf.baselineMeanWaitMin).toBeGreaterThanOrEqual(0);
    expect(whatIf.options.length).toBeGreaterThan(0);
    // It runs beside the hall, not in its way: the server answers meanwhile, and one runs at a time.
    let simulated = false;
    const long = admin.post('/api/admin/halls/h1/staffing/whatif', { seeds: 40 }).then((r) => {
      simulated = true;
      return r;
    });
    const second = await admin.post('/api/admin/halls/h1/staffing/whatif', { seeds: 2 });
    expect(second.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((await fetch(`${hall.url}/health`)).status).toBe(200);
    expect(okData(await kiosk.command('ticket:issue', { matterId: 'm-social' })).ticket.number).toMatch(/^A/);
    expect(simulated).toBe(false);
    expect((await long).body).toMatchObject({ ok: true, data: { seeds: 40 } });
    // A refused proposal changes nothing and says why.
    const bad = await admin.post('/api/admin/halls/h1/staffing/apply', {
      proposal: {
        kind: 'open',
        categoryId: 'tax',
        windowId: 'w3',
        staffId: null,
        fromWindowId: null,
        secondary: null,
      },
    });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'WINDOW_ALREADY_OPEN' } });
  });

  it('moves a clerk from an idle 专业窗口 of a quiet group to a closed window of a busy one', () => {
    const m = (id: string, categoryId: string): Matter =>
      ({ id, categoryId, avgHandleMin: 10, targetWaitMin: 15 }) as Matter;
    const def = (id: string, cat: string, type: 'category' | 'dedicated') => ({
      id,
      number: id,
      name: id,
      type,
      primary: { categories: [cat] },
      secondary: {},
    });
    const now = 10 * 3_600_000;
    const windows: Window[] = [
      { ...initialWindow(def('x1', 'ca', 'dedicated'), 'h', 0), state: 'open', staffId: 'p1' },
      {
        ...initialWindow(def('x2', 'ca', 'dedicated'), 'h', 0),
        state: 'serving',
        staffId: 'p2',
        currentTicketId: 't',
      },
      initialWindow(def('y1', 'cb', 'category'), 'h', 0),
    ];
    const advice = liveAdvice({
      now,
      categories: [
        { id: 'ca', name: 'A' },
        { id: 'cb', name: 'B' },
      ],
      matters: [m('a', 'ca'), m('b', 'cb')],
      windows,
      staff: [
        { id: 'p1', name: 'p1', windowIds: ['x1', 'y1'], backupOf: [] },
        { id: 'p2', name: 'p2', windowIds: ['x2'], backupOf: [] },
      ],
      visits: [],
      waiting: new Map([['b', 12]]),
    });
    expect(advice.groups.find((g) => g.categoryId === 'cb')).toMatchObject({ windowsOpen: 0, short: true });
    // No free clerk for y1 and no window to widen: p1 leaves the idle x1 for y1.
    expect(advice.proposals).toEqual([
      { kind: 'move', categoryId: 'cb', windowId: 'y1', staffId: 'p1', fromWindowId: 'x1', secondary: null },
    ]);
  });
});
