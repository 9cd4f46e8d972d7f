import { type HallClientState, initialState } from '@onewindow/client';
import { HallRules, newTicket, type Ticket, weekdayHours } from '@onewindow/domain';
import type { Ack, CallRecord } from '@onewindow/protocol';
import { Speaker, silentEngine } from '@onewindow/ui';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { startAnnouncer } from '../src/announcer.js';
import { boardCalls } from '../src/board-view.js';
import { createPadStore } from '../src/pad-store.js';

const call = (number: string, windowNumber: string, at: number, recall = false): CallRecord => ({
  ticketId: `t-${number}`,
  number,
  windowId: `w${windowNumber}`,
  windowNumber,
  at,
  recall,
});

const hallStore = () =>
  createStore<HallClientState>(() => ({
    ...initialState(),
    connection: 'connected',
    synced: true,
    hall: {
      id: 'h1',
      name: '大厅',
      level: 'county',
      hours: weekdayHours('08:30', '17:30'),
      rules: HallRules.parse({ ratingTimeoutSec: 30 }),
    },
  }));
const texts = (speaker: Speaker) => {
  const s = speaker.store.getState();
  return [...s.spoken, ...(s.current === null ? [] : [s.current]), ...s.queue].map((u) => u.text);
};

describe('announcer', () => {
  it('stays silent about history, announces each new call once in order, and a recall again', () => {
    const hall = hallStore();
    hall.setState({ recentCalls: [call('A001', '1', 100)] });
    const speaker = new Speaker(silentEngine(1_000));
    startAnnouncer(hall, speaker);
    expect(texts(speaker)).toEqual([]);
    hall.setState((s) => ({ recentCalls: [call('A002', '3', 200), ...s.recentCalls] }));
    hall.setState((s) => ({ recentCalls: [...s.recentCalls] })); // an unrelated update
    expect(texts(speaker)).toEqual(['请 A002 号 到 3 号窗口 办理']);
    hall.setState((s) => ({ recentCalls: [call('A002', '3', 300, true), ...s.recentCalls] }));
    expect(texts(speaker)).toEqual(['请 A002 号 到 3 号窗口 办理', '请 A002 号 到 3 号窗口 办理']);
  });

  it('announces calls missed while offline when a resync brings them, oldest first', () => {
    const hall = hallStore();
    const speaker = new Speaker(silentEngine(1_000));
    startAnnouncer(hall, speaker);
    hall.setState({ connection: 'disconnected' });
    hall.setState({
      connection: 'connected',
      recentCalls: [call('B002', '12', 500), call('B001', '2', 400)],
    });
    expect(texts(speaker)).toEqual(['请 B001 号 到 2 号窗口 办理', '请 B002 号 到 12 号窗口 办理']);
  });
});

const finished = (id: string, windowId: string, at: number): Ticket => ({
  ...newTicket({
    id,
    hallId: 'h1',
    serviceDay: '2026-11-23',
    prefix: 'A',
    seq: 1,
    number: id.toUpperCase(),
    matterId: 'm1',
    priorityClass: 'normal',
    greenReason: null,
    issuedAt: at - 600_000,
    appointmentId: null,
    resident: null,
  }),
  status: 'done',
  calledAt: at - 300_000,
  startedAt: at - 300_000,
  finishedAt: at,
  windowId,
  staffId: 's1',
});

describe('rating pad', () => {
  const setup = () => {
    let now = 1_000_000;
    const hall = hallStore();
    hall.setState({ tickets: { old: finished('old', 'w3', 1) } });
    const sent: unknown[] = [];
    const pad = createPadStore({
      hall,
      windowId: 'w3',
      now: () => now,
      client: {
        command: async (_name, payload) => {
          sent.push(payload);
          return { ok: true, data: {} } as Ack<never>;
        },
      },
    });
    return { hall, pad, sent, advance: (ms: number) => (now += ms) };
  };

  it('asks after a visit finishes at its own window, never for old or other windows’ visits', () => {
    const { hall, pad } = setup();
    expect(pad.getState().phase).toBe('idle');
    hall.setState((s) => ({ tickets: { ...s.tickets, other: finished('other', 'w1', 2) } }));
    expect(pad.getState().phase).toBe('idle');
    hall.setState((s) => ({ tickets: { ...s.tickets, a1: finished('a1', 'w3', 3) } }));
    expect(pad.getState()).toMatchObject({ phase: 'rate', ticket: { id: 'a1' } });
  });

  it('records nothing when nobody answers in the configured time', () => {
    const { hall, pad, sent, advance } = setup();
    hall.setState((s) => ({ tickets: { ...s.tickets, a1: finished('a1', 'w3', 3) } }));
    advance(29_000);
    pad.getState().tick();
    expect(pad.getState().phase).toBe('rate');
    advance(2_000);
    pad.getState().tick();
    expect(pad.getState().phase).toBe('idle');
    expect(sent).toEqual([]);
  });

  it('sends a good rating at once and asks reasons for a bad one', async () => {
    const { hall, pad, sent } = setup();
    hall.setState((s) => ({ tickets: { ...s.tickets, a1: finished('a1', 'w3', 3) } }));
    await pad.getState().choose(5);
    expect(pad.getState().phase).toBe('thanks');
    hall.setState((s) => ({ tickets: { ...s.tickets, a2: finished('a2', 'w3', 4) } }));
    await pad.getState().choose(1);
    expect(pad.getState().phase).toBe('reasons');
    pad.getState().toggleReason('wait');
    pad.getState().toggleReason('attitude');
    pad.getState().toggleReason('attitude');
    pad.getState().setComment('  排队太久  ');
    await pad.getState().submit();
    expect(sent).toEqual([
      { ticketId: 'a1', level: 5, reasons: [] },
      { ticketId: 'a2', level: 1, reasons: ['等待时间长'], comment: '排队太久' },
    ]);
  });

  it('goes back from the reasons to the five levels, forgetting the low rating', async () => {
    const { hall, pad, sent } = setup();
    hall.setState((s) => ({ tickets: { ...s.tickets, a1: finished('a1', 'w3', 3) } }));
    await pad.getState().choose(2);
    pad.getState().toggleReason('wait');
    pad.getState().back();
    expect(pad.getState()).toMatchObject({ phase: 'rate', level: null, reasons: [], ticket: { id: 'a1' } });
    await pad.getState().choose(4);
    expect(sent).toEqual([{ ticketId: 'a1', level: 4, reasons: [] }]);
  });
});

describe('the board’s calls', () => {
  const at = (id: string, status: Ticket['status'], windowId: string): Ticket => ({
    ...finished(id, windowId, 1),
    number: id,
    status,
  });
  const state = (tickets: Ticket[], calls: CallRecord[]): HallClientState => ({
    ...hallStore().getState(),
    tickets: Object.fromEntries(tickets.map((t) => [t.id, t])),
    recentCalls: calls,
  });
  const c = (number: string, windowNumber: string, time: number, recall = false): CallRecord => ({
    ...call(number, windowNumber, time, recall),
    ticketId: number,
  });

  it('shows the newest call large while its ticket is still called or served at that window', () => {
    const s = state(
      [at('C001', 'called', 'w3'), at('A001', 'done', 'w1')],
      [c('C001', '3', 2), c('A001', '1', 1)],
    );
    expect(boardCalls(s, 5)).toEqual({ current: c('C001', '3', 2), recent: [c('A001', '1', 1)] });
    const served = state([at('C001', 'serving', 'w3')], [c('C001', '3', 2)]);
    expect(boardCalls(served, 5).current?.number).toBe('C001');
  });

  it('drops the large call once the ticket was transferred away or marked no-show, and lists it no more', () => {
    for (const status of ['transferred', 'noShow', 'cancelled', 'expired'] as const) {
      const s = state(
        [at('C001', status, 'w3'), at('A001', 'done', 'w1')],
        [c('C001', '3', 2), c('A001', '1', 1)],
      );
      expect(boardCalls(s, 5), status).toEqual({ current: null, recent: [c('A001', '1', 1)] });
    }
  });

  it('lists a recalled ticket once and keeps the list within its limit', () => {
    const calls = [
      c('A003', '1', 9),
      c('A002', '2', 8, true),
      c('A002', '2', 7),
      c('A001', '1', 6),
      c('B001', '4', 5),
    ];
    const s = state(
      [
        at('A003', 'called', 'w1'),
        at('A002', 'serving', 'w2'),
        at('A001', 'done', 'w1'),
        at('B001', 'done', 'w4'),
      ],
      calls,
    );
    expect(boardCalls(s, 2).recent.map((x) => x.number)).toEqual(['A002', 'A001']);
    expect(boardCalls(s, 5).recent.map((x) => x.number)).toEqual(['A002', 'A001', 'B001']);
  });
});
