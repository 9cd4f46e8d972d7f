import { describe, expect, it } from 'vitest';
import { DISPLAY, KIOSK, MIN, okData, testConfig, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

async function calledAt(hall: Awaited<ReturnType<typeof halls.start>>, windowId: string) {
  const kiosk = await hall.connect(KIOSK);
  const win = await hall.connect(windowToken(windowId));
  okData(await win.command('window:open', { windowId }));
  const ticket = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
  okData(await win.callNext(windowId));
  return { kiosk, win, ticket };
}

describe('taking back a no-show (the resident arrived just after)', () => {
  it('calls the ticket again at the same window, with its first call time kept', async () => {
    const hall = await halls.start();
    const { win, ticket } = await calledAt(hall, 'w1');
    const display = await hall.connect(DISPLAY);
    const called = display.store.getState().tickets[ticket.id];
    hall.clock.advance(MIN);
    okData(await win.command('ticket:noShow', { windowId: 'w1', ticketId: ticket.id }));
    hall.clock.advance(2 * MIN);
    const back = okData(await win.command('ticket:restore', { windowId: 'w1', ticketId: ticket.id }));
    expect(back.ticket).toMatchObject({ status: 'called', finishedAt: null, endReason: null });
    expect(back.ticket.calledAt).toBe(called?.calledAt);
    expect(back.window).toMatchObject({ state: 'serving', currentTicketId: ticket.id });
    await display.waitFor((s) => s.tickets[ticket.id]?.status === 'called');
    // It is served and finished as any other visit.
    okData(await win.command('ticket:finish', { windowId: 'w1', ticketId: ticket.id }));
  });

  it('refuses after the undo period, at another window, or while the window serves someone else', async () => {
    const hall = await halls.start();
    const { kiosk, win, ticket } = await calledAt(hall, 'w1');
    okData(await win.command('ticket:noShow', { windowId: 'w1', ticketId: ticket.id }));
    const w2 = await hall.connect(windowToken('w2'));
    okData(await w2.command('window:open', { windowId: 'w2' }));
    expect(await w2.command('ticket:restore', { windowId: 'w2', ticketId: ticket.id })).toMatchObject({
      ok: false,
      error: { code: 'TICKET_NOT_AT_WINDOW' },
    });
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    okData(await win.callNext('w1'));
    expect(await win.command('ticket:restore', { windowId: 'w1', ticketId: ticket.id })).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_BUSY' },
    });
    const display = await hall.connect(DISPLAY);
    const other = display.store.getState().windows.w1?.currentTicketId ?? '';
    okData(await win.command('ticket:finish', { windowId: 'w1', ticketId: other }));
    hall.clock.advance(6 * MIN);
    const late = await win.command('ticket:restore', { windowId: 'w1', ticketId: ticket.id });
    expect(late).toMatchObject({ ok: false, error: { code: 'UNDO_TOO_LATE' } });
    expect(display.store.getState().tickets[ticket.id]?.status).toBe('noShow');
  });

  it('only takes back a no-show, nothing else', async () => {
    const hall = await halls.start();
    const { win, ticket } = await calledAt(hall, 'w1');
    okData(await win.command('ticket:finish', { windowId: 'w1', ticketId: ticket.id }));
    expect(await win.command('ticket:restore', { windowId: 'w1', ticketId: ticket.id })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    });
  });
});

describe('transfers', () => {
  it('refuses a transfer to a window nobody has opened and changes nothing', async () => {
    const hall = await halls.start();
    const { win, ticket } = await calledAt(hall, 'w1');
    const refused = await win.command('ticket:transfer', {
      windowId: 'w1',
      ticketId: ticket.id,
      to: { windowId: 'w2' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_NOT_OPEN', details: { windowId: 'w2' } },
    });
    const display = await hall.connect(DISPLAY);
    expect(display.store.getState().tickets[ticket.id]?.status).toBe('called');
    // A paused window comes back: a transfer there is accepted.
    const w2 = await hall.connect(windowToken('w2'));
    okData(await w2.command('window:open', { windowId: 'w2' }));
    okData(await w2.command('window:pause', { windowId: 'w2', reason: 'break' }));
    const moved = okData(
      await win.command('ticket:transfer', { windowId: 'w1', ticketId: ticket.id, to: { windowId: 'w2' } }),
    );
    expect(moved.ticket).toMatchObject({ status: 'transferred', targetWindowId: 'w2' });
  });
});

describe('the staff directory in snapshots', () => {
  it('names every clerk with their staff number, and nothing more', async () => {
    const config = testConfig();
    const hall0 = config.halls[0];
    if (hall0 === undefined) throw new Error('no hall');
    hall0.staff = hall0.staff.map((s) => (s.id === 's1' ? { ...s, staffNo: 'QS0001' } : s));
    const hall = await halls.start({ config });
    const display = await hall.connect(DISPLAY);
    expect(display.store.getState().staff).toEqual({
      s1: { id: 's1', name: '王丽', staffNo: 'QS0001' },
      s2: { id: 's2', name: '李强', staffNo: null },
      s3: { id: 's3', name: '张敏', staffNo: null },
    });
  });
});
