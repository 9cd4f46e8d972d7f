import { describe, expect, it } from 'vitest';
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
    const display = await hall.connect(DISPLAY);
    const kiosk = await hall.connect(KIOSK);
    // Drop every event for a while, as a flaky network or a busy tab would.
    const socket = display.socket as unknown as { onevent: (packet: unknown) => void };
    const original = socket.onevent.bind(display.socket);
    socket.onevent = () => {};
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    socket.onevent = original;
    const last = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    const s = await display.waitFor((st) => st.tickets[last.id] !== undefined && st.resyncs > 0);
    expect(Object.keys(s.tickets)).toHaveLength(3);
    expect(s.stats?.totalWaiting).toBe(3);
  });
});
