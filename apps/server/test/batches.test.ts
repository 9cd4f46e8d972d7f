import {
  applyBatch,
  applyEvent,
  classifyBatch,
  classifyEvent,
  type HallClient,
  type HallClientState,
} from '@onewindow/client';
import type { HallEventBatch, HallSnapshot } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import { DISPLAY, KIOSK, MIN, okData, padToken, type TestHall, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

/** A screen that only records: its first snapshot and every batch after it. */
async function recorder(hall: TestHall, token: string) {
  const client = await hall.connect(token);
  const snapshot = client.store.getState();
  const batches: HallEventBatch[] = [];
  client.socket.on('hall:events', (b) => batches.push(b));
  return { client, snapshot, batches };
}

/** What a screen shows of the hall, for comparing two ways of arriving at it. */
const view = (s: HallClientState) => ({
  seq: s.seq,
  tickets: s.tickets,
  windows: s.windows,
  lastCall: s.lastCall,
  recentCalls: s.recentCalls,
  broadcast: s.broadcast,
});

/** A morning at three windows: issues, calls, recalls, transfers, no-shows, finishes, a broadcast. */
async function morning(hall: TestHall, kiosk: HallClient, w: HallClient[]) {
  for (const [i, c] of w.entries()) okData(await c.command('window:open', { windowId: `w${i + 1}` }));
  const matters = ['m-social', 'm-tax', 'm-social2'];
  for (let round = 0; round < 6; round++) {
    for (const m of matters) okData(await kiosk.issueTicket({ matterId: m }));
    for (const [i, c] of w.entries()) {
      const windowId = `w${i + 1}`;
      const called = await c.callNext(windowId);
      if (!called.ok) continue;
      const ticketId = called.data.ticket.id;
      hall.clock.advance(MIN);
      if ((round + i) % 4 === 0) okData(await c.command('ticket:recall', { windowId, ticketId }));
      if ((round + i) % 5 === 1) {
        okData(await c.command('ticket:noShow', { windowId, ticketId }));
        continue;
      }
      if ((round + i) % 7 === 2) {
        okData(await c.command('ticket:transfer', { windowId, ticketId, to: { matterId: 'm-social' } }));
        continue;
      }
      okData(await c.command('ticket:start', { windowId, ticketId }));
      hall.clock.advance(3 * MIN);
      okData(await c.command('ticket:finish', { windowId, ticketId }));
    }
  }
  const admin = await hall.connect('admin-token');
  okData(await admin.command('hall:broadcast', { text: '午间不休', minutes: 30 }));
  okData(await w[2]!.command('window:pause', { windowId: 'w3', reason: 'break' }));
}

describe('one batch per command', () => {
  it('applying batches and applying their events one by one reach the same state, the server’s', async () => {
    const hall = await halls.start({ enforceHours: false });
    const clerk = await recorder(hall, windowToken('w1'));
    const board = await recorder(hall, DISPLAY);
    const pad = await recorder(hall, padToken('w2'));
    const kiosk = await hall.connect(KIOSK);
    const w = [clerk.client, await hall.connect(windowToken('w2')), await hall.connect(windowToken('w3'))];
    await morning(hall, kiosk, w);
    const final = (await hall.connect(windowToken('w1'))).store.getState();
    await clerk.client.waitFor((s) => s.seq === final.seq);
    await board.client.waitFor((s) => s.seq === final.seq);

    // The clerk's batches, applied whole and event by event, from the same first snapshot.
    const start = clerk.snapshot;
    const byBatch = clerk.batches.reduce((s, b) => {
      expect(classifyBatch(s, b)).toBe('applied');
      return applyBatch(s, b);
    }, start);
    const byEvent = clerk.batches
      .flatMap((b) => b.events)
      .reduce((s, e) => {
        expect(classifyEvent(s, e)).toBe('applied');
        return applyEvent(s, e);
      }, start);
    expect(view(byBatch)).toEqual(view(byEvent));
    expect(view(byBatch).tickets).toEqual(final.tickets);
    expect(view(byBatch).windows).toEqual(final.windows);
    expect(byBatch.seq).toBe(final.seq);

    // A board and a pad, sent only what they render, end where a fresh board snapshot starts.
    const fresh = await hall.connect(DISPLAY);
    for (const screen of [board, pad]) {
      const mine = screen.batches.reduce((s, b) => {
        expect(classifyBatch(s, b)).toBe('applied');
        return applyBatch(s, b);
      }, screen.snapshot);
      const shown = view(fresh.store.getState());
      // A fresh snapshot carries the 20 most recent finished tickets; a running screen may hold more.
      for (const [id, t] of Object.entries(shown.tickets)) expect(mine.tickets[id]).toEqual(t);
      expect(view(mine).windows).toEqual(shown.windows);
      expect(mine.lastCall).toEqual(shown.lastCall);
      expect(mine.broadcast).toEqual(shown.broadcast);
      expect(mine.seq).toBe(final.seq);
      // Never a waiting ticket: boards and pads are sent tickets from their first call on.
      expect(Object.values(mine.tickets).every((t) => t.calledAt !== null)).toBe(true);
    }
    expect(board.batches.length).toBeLessThan(clerk.batches.length);
  });

  it('a board that misses a batch sees the gap and resyncs to the server’s state', async () => {
    const hall = await halls.start({ enforceHours: false });
    const board = await hall.connect(DISPLAY);
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    const a = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    const b = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    okData(await w1.callNext('w1'));
    await board.waitFor((s) => s.lastCall?.ticketId === a.id);
    // Drop what arrives for a while, as a flaky network would.
    const socket = board.socket as unknown as { onevent: (packet: unknown) => void };
    const original = socket.onevent.bind(board.socket);
    socket.onevent = () => {};
    okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: a.id }));
    await new Promise((r) => setTimeout(r, 50));
    socket.onevent = original;
    hall.clock.advance(MIN);
    okData(await w1.callNext('w1'));
    const s = await board.waitFor((st) => st.lastCall?.ticketId === b.id && st.resyncs > 0);
    expect(s.tickets[a.id]?.status).toBe('done');
    const server: HallSnapshot = okData(
      (await board.socket.timeout(2_000).emitWithAck('hall:snapshot', {})) as {
        ok: true;
        data: HallSnapshot;
      },
    );
    expect(s.seq).toBe(server.seq);
    expect(s.windows).toEqual(Object.fromEntries(server.windows.map((w) => [w.id, w])));
  });

  it('the snapshot a kiosk gets holds no ticket, and a board’s only called ones', async () => {
    const hall = await halls.start({ enforceHours: false });
    const kiosk = await hall.connect(KIOSK);
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    const w1 = await hall.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    const called = okData(await w1.callNext('w1')).ticket;
    const fresh = (token: string) => hall.connect(token).then((c) => c.store.getState());
    expect(Object.keys((await fresh(KIOSK)).tickets)).toEqual([]);
    expect(Object.keys((await fresh(DISPLAY)).tickets)).toEqual([called.id]);
    expect(Object.keys((await fresh(windowToken('w2'))).tickets)).toHaveLength(2);
    expect((await fresh(KIOSK)).stats?.totalWaiting).toBe(1);
  });
});
