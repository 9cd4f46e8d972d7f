import { createHallClient, type HallClient } from '@onewindow/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAY, KIOSK, okData, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

/** The parts of a screen's state that must match the server's. */
const view = (s: {
  seq: number;
  tickets: object;
  windows: object;
  stats: object | null;
  lastCall: object | null;
}) => ({
  seq: s.seq,
  tickets: s.tickets,
  windows: s.windows,
  stats: s.stats,
  lastCall: s.lastCall,
});

describe('reconnect and resync', () => {
  it('a display that misses events while disconnected converges to the server state', async () => {
    const hall = await halls.start();
    const display = await hall.connect(DISPLAY);
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    okData(await win.command('window:open', { windowId: 'w1' }));
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    await display.waitFor((s) => s.stats?.totalWaiting === 1);

    display.socket.disconnect();
    await display.waitFor((s) => s.connection === 'disconnected');
    const t2 = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    okData(await win.callNext('w1'));
    okData(await kiosk.issueTicket({ matterId: 'm-social2', green: { reason: 'elderly' } }));
    expect(display.store.getState().tickets[t2.id]).toBeUndefined();

    display.socket.connect();
    const fresh = await hall.connect(DISPLAY);
    const synced = await display.waitFor(
      (s) => s.connection === 'connected' && s.seq === fresh.store.getState().seq,
    );
    expect(view(synced)).toEqual(view(fresh.store.getState()));
    expect(synced.lastCall?.number).toBe('A001');
  });

  it('resyncs from a snapshot when it sees a gap in the sequence', async () => {
    const hall = await halls.start();
    const display = await hall.connect(windowToken('w2')); // a clerk's screen: it shows waiting tickets
    const kiosk = await hall.connect(KIOSK);
    // Drop every event for a while, as a flaky network or a busy tab would: until the batch with the
    // second ticket has come and gone (the kiosk's answer can come before the display's batch).
    const socket = display.socket as unknown as { onevent: (packet: unknown) => void };
    const original = socket.onevent.bind(display.socket);
    const dropped = new Set<string>();
    socket.onevent = (packet) => {
      const [name, batch] =
        (packet as { data?: [string, { events?: { ticket?: { id: string } }[] }] }).data ?? [];
      if (name === 'hall:events') for (const e of batch?.events ?? []) if (e.ticket) dropped.add(e.ticket.id);
    };
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    const second = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    for (let i = 0; !dropped.has(second.id); i++) {
      if (i > 500) throw new Error('the display never received the batch it should miss');
      await new Promise((r) => setTimeout(r, 10));
    }
    socket.onevent = original;
    const last = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    // Generous waits: under a loaded machine a snapshot can take seconds; the property is that it comes.
    const s = await display.waitFor((st) => st.tickets[last.id] !== undefined && st.resyncs > 0, 20_000);
    expect(Object.keys(s.tickets)).toHaveLength(3);
    // The statistics follow within their interval.
    expect((await display.waitFor((st) => st.stats?.totalWaiting === 3, 20_000)).stats?.totalWaiting).toBe(3);
  });

  it('never takes a screen back to older statistics: a snapshot carries the figures of its own events', async () => {
    const hall = await halls.start();
    const display = await hall.connect(windowToken('w2'));
    const kiosk = await hall.connect(KIOSK);
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    await display.waitFor((st) => st.stats?.totalWaiting === 1);
    // The next figures are held for the statistics interval (a second): a snapshot asked for now, as a
    // screen that saw a gap would ask, must already count the new ticket. Carrying the figures last
    // sent, it once took a screen that had heard the newer ones back to the old, for half a minute.
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    await display.resync();
    const s = display.store.getState();
    expect(Object.keys(s.tickets)).toHaveLength(2);
    expect(s.stats?.totalWaiting).toBe(2);
  });

  it('asks for the snapshot again when the first request goes unanswered, without waiting for an event', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const display = createHallClient({ url: hall.url, token: windowToken('w2'), commandTimeoutMs: 300 });
    try {
      await display.waitFor((st) => st.synced, 20_000);
      // Lose the next snapshot request on its way out, as a dropped packet would.
      const socket = display.socket as unknown as { packet: (p: { data?: unknown[] }) => void };
      const send = socket.packet.bind(display.socket);
      let lost = 0;
      socket.packet = (p) => {
        if (lost === 0 && p.data?.[0] === 'hall:snapshot') {
          lost += 1;
          return;
        }
        send(p);
      };
      const t = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
      const before = display.store.getState().resyncs;
      await display.resync();
      expect(lost).toBe(1);
      expect(display.store.getState().resyncs).toBe(before);
      // The hall is quiet from here on: the retry alone brings the state up to date.
      const s = await display.waitFor((st) => st.resyncs > before, 20_000);
      expect(s.tickets[t.id]?.number).toBe(t.number);
    } finally {
      display.close();
    }
  });
});

describe('screens come back by themselves', () => {
  const unmanaged: HallClient[] = [];
  afterEach(() => {
    for (const c of unmanaged.splice(0)) c.close();
  });
  /** A client the hall's stop() does not close, as a screen in the hall outlives a server restart. */
  const screen = async (url: string, token: string) => {
    const c = createHallClient({
      url,
      token,
      socket: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
      reconnectDelayMs: { min: 100, max: 500 },
    });
    unmanaged.push(c);
    await c.waitFor((s) => s.synced);
    return c;
  };

  it('reconnects and resyncs after the server is stopped and started again on the same address', async () => {
    const first = await halls.start();
    const port = Number(new URL(first.url).port);
    const display = await screen(first.url, DISPLAY);
    const win = await screen(first.url, windowToken('w1'));
    okData(await win.command('window:open', { windowId: 'w1' }));
    await first.server.close();
    await display.waitFor((s) => s.connection === 'disconnected');

    const second = await halls.start({ dir: first.dir, port });
    const kiosk = await second.connect(KIOSK);
    const t = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    // A board hears of waiting tickets through the statistics; the tickets themselves once called.
    await display.waitFor((s) => s.connection === 'connected' && s.stats?.totalWaiting === 1, 10_000);
    // The window client works again without a reload: its next command is served by the new server.
    await win.waitFor((s) => s.connection === 'connected', 10_000);
    expect(okData(await win.callNext('w1')).ticket.id).toBe(t.id);
    await display.waitFor((s) => s.lastCall?.ticketId === t.id);
  });

  it('reconnects even when the server ends the session itself (io server disconnect)', async () => {
    const hall = await halls.start();
    const display = await screen(hall.url, DISPLAY);
    hall.server.io.disconnectSockets(true);
    await display.waitFor((s) => s.connection === 'disconnected');
    expect(display.store.getState().lastError).toBe('io server disconnect');
    await display.waitFor((s) => s.connection === 'connected', 5_000);
    const kiosk = await hall.connect(KIOSK);
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    await display.waitFor((s) => s.stats?.totalWaiting === 1);
  });

  it('stops trying once the client is closed', async () => {
    const hall = await halls.start();
    const display = await screen(hall.url, DISPLAY);
    hall.server.io.disconnectSockets(true);
    display.close();
    await new Promise((r) => setTimeout(r, 800));
    expect(display.socket.connected).toBe(false);
    expect(hall.server.io.sockets.sockets.size).toBe(0);
  });
});
