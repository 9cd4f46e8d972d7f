import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ADMIN, DISPLAY, FakeClock, KIOSK, MIN, okData, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

describe('durability', () => {
  it('keeps every acknowledged ticket and call across a restart, and numbering continues', async () => {
    const clock = new FakeClock();
    let hall = await halls.start({ clock });
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    const tickets = [];
    for (let i = 0; i < 5; i++)
      tickets.push(okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket);
    okData(await win.command('window:open', { windowId: 'w1', staffId: 's1' }));
    const called = okData(await win.callNext('w1')).ticket;
    const seqBefore = (await (await hall.connect(DISPLAY)).waitFor((s) => s.synced)).seq;
    const dir = hall.dir;
    await hall.stop();

    hall = await halls.start({ dir, clock });
    const display = await hall.connect(ADMIN); // sees every ticket, waiting ones too
    const s = display.store.getState();
    expect(s.seq).toBe(seqBefore);
    expect(
      Object.values(s.tickets)
        .map((t) => t.number)
        .sort(),
    ).toEqual(['A001', 'A002', 'A003', 'A004', 'A005']);
    expect(s.tickets[called.id]).toMatchObject({ status: 'called', windowId: 'w1' });
    expect(s.windows.w1).toMatchObject({ state: 'serving', currentTicketId: called.id, staffId: 's1' });
    expect(s.lastCall).toMatchObject({ number: 'A001', windowNumber: '1' });

    const kiosk2 = await hall.connect(KIOSK);
    expect(okData(await kiosk2.issueTicket({ matterId: 'm-social2' })).ticket.number).toBe('A006');
    // The window carries on where it left off.
    const win2 = await hall.connect(windowToken('w1'));
    okData(await win2.command('ticket:finish', { windowId: 'w1', ticketId: called.id }));
    // Events continue the sequence without reuse.
    const db = new Database(hall.dbFile, { readonly: true });
    const seqs = (db.prepare('select seq from events order by seq').all() as { seq: number }[]).map(
      (r) => r.seq,
    );
    db.close();
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('restarts numbering on the next service day and expires what the last day left', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T17:00:00+08:00'));
    let hall = await halls.start({ clock });
    const kiosk = await hall.connect(KIOSK);
    const left = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    expect(left.number).toBe('A001');
    const dir = hall.dir;
    await hall.stop();

    clock.t = Date.parse('2026-11-24T08:45:00+08:00'); // the server was off over night
    hall = await halls.start({ dir, clock });
    const display = await hall.connect(DISPLAY);
    const kiosk2 = await hall.connect(KIOSK);
    const fresh = okData(await kiosk2.issueTicket({ matterId: 'm-social' })).ticket;
    expect(fresh).toMatchObject({ number: 'A001', serviceDay: '2026-11-24' });
    const db = new Database(hall.dbFile, { readonly: true });
    const old = db.prepare('select status, end_reason from tickets where id = ?').get(left.id);
    db.close();
    expect(old).toEqual({ status: 'expired', end_reason: 'dayRollover' });
    expect(display.store.getState().serviceDay).toBe('2026-11-24');
    clock.advance(MIN);
  });
});
