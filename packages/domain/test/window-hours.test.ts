import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onewindowPolicy, PlannedHours, queuePosition, type Window, WindowDef } from '../src/index.js';
import { matter, mattersMap, ticket, window } from './fixtures.js';

const MIN = 60_000;
/** 2026-11-23 at a Beijing clock time. */
const at = (clock: string) => Date.parse(`2026-11-23T${clock}:00+08:00`);
const LUNCH_IN_TURNS = [
  { open: '08:30', close: '12:00' },
  { open: '13:30', close: '17:30' },
];

describe('a window’s planned hours (错峰午休)', () => {
  it('starts a visit only inside an interval: at lunch it waits for the reopening, after the last close never', () => {
    const before = PlannedHours.of({ hours: LUNCH_IN_TURNS }, at('11:50'));
    expect(before?.openNow).toBe(true);
    expect(before?.startAt(5)).toBe(5);
    // 12:05 falls in the break: the window next starts at 13:30, 100 minutes after 11:50.
    expect(before?.startAt(15)).toBe(100);
    expect(before?.startAt(500)).toBe(Number.POSITIVE_INFINITY);
    const lunch = PlannedHours.of({ hours: LUNCH_IN_TURNS }, at('12:30'));
    expect(lunch?.openNow).toBe(false);
    expect(lunch?.opensLater).toBe(true);
    expect(lunch?.startAt(0)).toBe(60);
    expect(lunch?.onBreak).toBe(true);
    // Before the day begins the window opens later too, but that is no break.
    const early = PlannedHours.of({ hours: LUNCH_IN_TURNS }, at('07:30'));
    expect(early?.opensLater).toBe(true);
    expect(early?.onBreak).toBe(false);
    const evening = PlannedHours.of({ hours: LUNCH_IN_TURNS }, at('17:45'));
    expect(evening?.opensLater).toBe(false);
    expect(evening?.startAt(0)).toBe(Number.POSITIVE_INFINITY);
    // Seconds count: at 11:59:30 half a minute is left before the close.
    expect(PlannedHours.of({ hours: LUNCH_IN_TURNS }, at('11:59') + 30_000)?.startAt(0.6)).toBeCloseTo(90.5);
    expect(PlannedHours.of({}, at('12:30'))).toBeUndefined();
  });

  it('never starts a visit before the time asked nor outside the plan (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.double({ min: 0, max: 900, noNaN: true }), (m, t) => {
        const now = at('00:00') + m * MIN;
        const s = PlannedHours.of({ hours: LUNCH_IN_TURNS }, now)!.startAt(t);
        if (!Number.isFinite(s)) return;
        expect(s).toBeGreaterThanOrEqual(t);
        const clock = m + s;
        const inside = (clock >= 510 && clock < 720) || (clock >= 810 && clock < 1050);
        expect(inside).toBe(true);
      }),
    );
  });

  it('are refused when they overlap or run backwards, as the hall’s hours are', () => {
    const def = { id: 'w1', number: '1', name: 'w1', type: 'universal', primary: { all: true } };
    expect(WindowDef.safeParse({ ...def, hours: LUNCH_IN_TURNS }).success).toBe(true);
    expect(WindowDef.safeParse({ ...def, hours: [{ open: '12:00', close: '08:30' }] }).success).toBe(false);
    const overlap = [
      { open: '08:30', close: '12:30' },
      { open: '12:00', close: '17:30' },
    ];
    expect(WindowDef.safeParse({ ...def, hours: overlap }).success).toBe(false);
  });
});

describe('wait estimates count on the windows’ planned hours', () => {
  const matters = mattersMap(matter('m', 'c', { avgHandleMin: 10, targetWaitMin: 30 }));
  const planned = (w: Window): Window => ({ ...w, hours: LUNCH_IN_TURNS });
  const waitOf = (windows: Window[], now: number, ahead: number) => {
    const queued = Array.from({ length: ahead + 1 }, (_, k) => ticket('m', now - (ahead + 1 - k) * MIN));
    const mine = queued[ahead]!;
    const view = { tickets: queued, windows, matters, now };
    return {
      structure: queuePosition(mine, view).estimatedWaitMin!,
      played: queuePosition(mine, { ...view, policy: onewindowPolicy }).estimatedWaitMin!,
    };
  };

  it('a window going to lunch takes nobody after its close', () => {
    const now = at('11:50');
    const open = [window('w1', { all: true }), window('w2', { all: true })];
    const before = waitOf(open, now, 4);
    // Both windows all along: 4 × 10 minutes over two windows.
    expect(before.structure).toBe(20);
    expect(before.played).toBe(20);
    // w2 takes one more visit (11:50) and goes to lunch; w1 serves the rest: 11:50, 12:00, 12:10.
    const after = waitOf([open[0]!, planned(open[1]!)], now, 4);
    expect(after.structure).toBe(30);
    expect(after.played).toBe(30);
  });

  it('a window at lunch calls again when it reopens, though it is closed now', () => {
    const now = at('13:00');
    const w1 = window('w1', { all: true });
    // It went to lunch at 12:00.
    const w2 = { ...window('w2', { all: true }, {}, 'closed'), updatedAt: at('12:00') };
    // Closed without a plan: nothing says it comes back, so only w1 counts: 8 × 10 minutes.
    expect(waitOf([w1, w2], now, 8).played).toBe(80);
    // Back at 13:30: w1 takes 3 by then, the remaining 5 share both windows (13:30, 13:30, 13:40, 13:40,
    // 13:50), and the ticket is called at 13:50.
    expect(waitOf([w1, planned(w2)], now, 8).played).toBe(50);
    expect(waitOf([w1, planned(w2)], now, 8).structure).toBe(50);
    // Paused for lunch (the clerk still signed in) counts the same; paused outside the plan does not.
    const paused = { ...planned(w2), state: 'paused' as const, pauseReason: 'break' as const };
    expect(waitOf([w1, paused], now, 8).played).toBe(50);
    expect(waitOf([w1, { ...paused, hours: undefined }], now, 8).played).toBe(80);
    // One closed since before the day began (nobody opened it today) is not counted on, whatever its plan.
    const unstaffed = { ...planned(w2), updatedAt: at('08:00') };
    expect(waitOf([w1, unstaffed], now, 8).played).toBe(80);
    // Before the day begins a closed window is not counted on either: nobody knows yet who comes in.
    const dawn = at('08:00');
    const closed = { ...planned(window('w2', { all: true }, {}, 'closed')), updatedAt: at('07:59') };
    expect(waitOf([window('w1', { all: true }), closed], dawn, 8).played).toBe(80);
  });

  it('windows without hours of their own keep the hall’s: a lunch break of the whole hall counts', () => {
    const now = at('11:50');
    const open = [window('w1', { all: true }), window('w2', { all: true })];
    const queued = Array.from({ length: 5 }, (_, k) => ticket('m', now - (5 - k) * MIN));
    const view = { tickets: queued, windows: open, matters, now, policy: onewindowPolicy };
    expect(queuePosition(queued[4]!, view).estimatedWaitMin).toBe(20);
    // Both windows take one more visit each before 12:00, then the hall is shut until 13:30.
    expect(queuePosition(queued[4]!, { ...view, hallHours: LUNCH_IN_TURNS }).estimatedWaitMin).toBe(110);
  });

  it('is never endless: a ticket whose windows’ plans all end before its turn is told the plain estimate', () => {
    const now = at('17:20');
    const w1 = planned(window('w1', { all: true }));
    const told = waitOf([w1], now, 3);
    expect(told.structure).toBe(30);
    expect(told.played).toBe(30);
  });
});
