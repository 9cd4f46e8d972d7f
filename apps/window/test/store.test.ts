import { type HallClientState, initialState } from '@onewindow/client';
import {
  emptyGuide,
  HallRules,
  type Matter,
  newTicket,
  type Ticket,
  type Window,
  weekdayHours,
} from '@onewindow/domain';
import type { Ack } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createWindowClientStore } from '../src/store.js';

const NOW = Date.parse('2026-11-23T09:00:00+08:00');

const ticket = (status: Ticket['status']): Ticket => ({
  ...newTicket({
    id: 't1',
    hallId: 'h1',
    serviceDay: '2026-11-23',
    prefix: 'A',
    seq: 1,
    number: 'A001',
    matterId: 'm1',
    priorityClass: 'normal',
    greenReason: null,
    issuedAt: NOW - 600_000,
    appointmentId: null,
    resident: null,
  }),
  status,
  windowId: 'w1',
});

const window = (current: string | null): Window => ({
  id: 'w1',
  hallId: 'h1',
  number: '1',
  name: '综合窗口',
  type: 'universal',
  primary: { all: true },
  secondary: {},
  state: current === null ? 'open' : 'serving',
  staffId: 's1',
  currentTicketId: current,
  pauseReason: null,
  autoCall: false,
  updatedAt: NOW,
  adjustedDay: null,
});

const guide: Matter = {
  id: 'm1',
  code: 'M-1',
  name: '事项一',
  categoryId: 'c1',
  department: '部门',
  kind: 'instant',
  promisedDays: null,
  targetWaitMin: 10,
  avgHandleMin: 5,
  ticketPrefix: 'A',
  dailyQuota: null,
  guide: emptyGuide({ materials: [{ name: '身份证', original: 1, copies: 0 }], fees: '免费' }),
};

function setup(answers: Record<string, Ack<unknown>> = {}) {
  let now = NOW;
  const hall = createStore<HallClientState>(() => ({
    ...initialState(),
    connection: 'connected',
    synced: true,
    hall: {
      id: 'h1',
      name: '大厅',
      level: 'county',
      hours: weekdayHours('08:30', '17:30'),
      rules: HallRules.parse({ undoNoShowMin: 5 }),
    },
    windows: { w1: window('t1') },
    tickets: { t1: ticket('called') },
  }));
  const sent: [string, unknown][] = [];
  const fetched: string[] = [];
  const win = createWindowClientStore({
    windowId: 'w1',
    now: () => now,
    client: {
      store: hall,
      command: async (name, payload) => {
        sent.push([name, payload]);
        return (answers[name] ?? {
          ok: true,
          data: { ticket: ticket('noShow'), window: window(null), next: null },
        }) as never;
      },
    },
    async fetchGuide(_hall, matterId) {
      fetched.push(matterId);
      return guide;
    },
  });
  return { hall, win, sent, fetched, advance: (ms: number) => (now += ms) };
}

describe('window client store', () => {
  it('takes a number on behalf of a resident and says which (村级代办)', async () => {
    const issued = { ok: true, data: { ticket: { ...ticket('waiting'), number: 'A007' } } };
    const { win, sent } = setup({ 'ticket:issue': issued as Ack<unknown> });
    win.getState().openDialog('onBehalf');
    expect(await win.getState().issueOnBehalf('m1')).toBe(true);
    expect(sent.at(-1)).toEqual(['ticket:issue', { matterId: 'm1' }]);
    expect(win.getState()).toMatchObject({
      dialog: null,
      message: { kind: 'info', key: 'onBehalfDone', vars: { number: 'A007' } },
    });
  });

  it('forwards a recorded case to the hall above only when asked to (多级联办)', async () => {
    const recorded = { ok: true, data: { case: { id: 'c1' } } };
    const form = { request: '诉求', reason: '原因', contactName: '', contactPhone: '' };
    const { hall, win, sent } = setup({ 'unresolved:record': recorded as Ack<unknown> });
    expect(await win.getState().recordUnresolved(form)).toBe(true);
    expect(sent.map(([n]) => n)).not.toContain('unresolved:forward');
    const above = hall.getState().hall;
    if (above === null) throw new Error('no hall');
    hall.setState({ hall: { ...above, parentId: 'county' } });
    expect(await win.getState().recordUnresolved({ ...form, forward: true })).toBe(true);
    expect(sent.at(-1)).toEqual(['unresolved:forward', { windowId: 'w1', caseId: 'c1', toHallId: 'county' }]);
    expect(win.getState().message).toEqual({
      kind: 'info',
      key: 'unresolvedForwarded',
      vars: { hall: 'county' },
    });
  });

  it('shows the checklist of a ticket already being served when the page is (re)loaded', async () => {
    const { win, fetched } = setup();
    await new Promise((r) => setTimeout(r, 0));
    expect(fetched).toEqual(['m1']);
    expect(win.getState().guide?.id).toBe('m1');
  });

  it('marks a no-show only when confirmed, then offers to take it back until the undo period ends', async () => {
    const { win, sent, advance } = setup();
    win.getState().openDialog('noShow');
    expect(sent.filter(([n]) => n === 'ticket:noShow')).toEqual([]);
    await win.getState().confirmNoShow();
    expect(sent.filter(([n]) => n === 'ticket:noShow')).toEqual([
      ['ticket:noShow', { windowId: 'w1', ticketId: 't1' }],
    ]);
    expect(win.getState()).toMatchObject({
      dialog: null,
      undo: { ticketId: 't1', number: 'A001', until: NOW + 300_000 },
    });
    advance(299_000);
    win.getState().tick();
    expect(win.getState().undo).not.toBeNull();
    await win.getState().undoNoShow();
    expect(sent.at(-1)).toEqual(['ticket:restore', { windowId: 'w1', ticketId: 't1' }]);
    expect(win.getState()).toMatchObject({
      undo: null,
      message: { kind: 'info', key: 'restored', vars: { number: 'A001' } },
    });
  });

  it('forgets the undo once its time is up', async () => {
    const { win, advance } = setup();
    await win.getState().confirmNoShow();
    advance(300_000);
    win.getState().tick();
    expect(win.getState().undo).toBeNull();
  });

  it('keeps a refusal by its code and details, for the screen to say in its language', async () => {
    const wrong = {
      ok: false,
      error: { code: 'WRONG_PIN', message: 'wrong PIN', details: { staffId: 's1', triesLeft: 3 } },
    };
    const { win } = setup({ 'window:open': wrong as Ack<unknown> });
    expect(await win.getState().login('s1', '0000')).toBe(false);
    expect(win.getState().message).toEqual({ kind: 'error', error: wrong.error });
  });

  it('remembers the language chosen on the screen', () => {
    const saved: string[] = [];
    const { hall } = setup();
    const win = createWindowClientStore({
      windowId: 'w1',
      client: { store: hall, command: async () => ({ ok: true, data: {} }) as never },
      fetchGuide: async () => guide,
      saveLocale: (l) => saved.push(l),
    });
    win.getState().toggleLocale();
    expect(win.getState().locale).toBe('en');
    expect(saved).toEqual(['en']);
  });
});
