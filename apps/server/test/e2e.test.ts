import type { HallEvent, HallEventBatch } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import { DISPLAY, idNumberBornOn, KIOSK, MIN, okData, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

describe('a ticket from kiosk to window, seen by the display', () => {
  it('issues, calls, starts and finishes: one batch per command, every change in order, boards only what they show', async () => {
    const hall = await halls.start();
    const display = await hall.connect(DISPLAY);
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w2'));
    const toBoard: HallEventBatch[] = [];
    const toClerk: HallEventBatch[] = [];
    display.socket.on('hall:events', (b) => toBoard.push(b));
    win.socket.on('hall:events', (b) => toClerk.push(b));

    const issued = okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    expect(issued.ticket).toMatchObject({
      number: 'A001',
      status: 'waiting',
      priorityClass: 'normal',
      serviceDay: '2026-11-23',
    });
    expect(issued.position).toEqual({ peopleAhead: 0, estimatedWaitMin: null, windowsServing: 0 });
    expect(issued.matterName).toBe('事项m-social');

    okData(await win.command('window:open', { windowId: 'w2', staffId: 's2' }));
    hall.clock.advance(5 * MIN);
    const called = okData(await win.callNext('w2'));
    expect(called.ticket).toMatchObject({
      id: issued.ticket.id,
      status: 'called',
      windowId: 'w2',
      staffId: 's2',
    });
    expect(called.window).toMatchObject({ state: 'serving', currentTicketId: issued.ticket.id });

    okData(await win.command('ticket:start', { windowId: 'w2', ticketId: issued.ticket.id }));
    hall.clock.advance(8 * MIN);
    const finished = okData(
      await win.command('ticket:finish', { windowId: 'w2', ticketId: issued.ticket.id }),
    );
    expect(finished.ticket).toMatchObject({ status: 'done', finishedAt: hall.clock.t });
    expect(finished.window).toMatchObject({ state: 'open', currentTicketId: null });

    const state = await display.waitFor((s) => s.tickets[issued.ticket.id]?.status === 'done');
    expect(state.windows.w2).toMatchObject({ state: 'open', staffId: 's2' });
    expect(state.lastCall).toMatchObject({ number: 'A001', windowNumber: '2', recall: false });
    // The statistics follow within their interval.
    expect((await display.waitFor((s) => s.stats?.totalWaiting === 0)).stats?.totalWaiting).toBe(0);

    await win.waitFor((s) => s.seq === state.seq);
    // Five commands (issue, open, call, start, finish): five messages to the clerk, each chained to the last.
    expect(toClerk).toHaveLength(5);
    const received = toClerk.flatMap((b) => b.events);
    const seqs = received.map((e) => e.seq);
    expect(seqs[seqs.length - 1]! - seqs[0]! + 1).toBe(seqs.length); // in order, no gaps
    for (const [i, b] of toClerk.entries()) {
      expect(b.last).toBe(b.events.at(-1)?.seq);
      if (i > 0) expect(b.prev).toBe(toClerk[i - 1]!.last);
    }
    const changes = (events: HallEvent[]) =>
      events.flatMap((e) =>
        e.type === 'ticket:issued'
          ? ['issued']
          : e.type === 'ticket:called'
            ? ['called']
            : e.type === 'ticket:updated'
              ? [e.change]
              : [],
      );
    expect(changes(received)).toEqual(['issued', 'called', 'started', 'finished']);
    // The board never renders a waiting ticket: the issue is not sent to it, and its chain still holds.
    expect(changes(toBoard.flatMap((b) => b.events))).toEqual(['called', 'started', 'finished']);
    expect(toBoard).toHaveLength(4);
    for (const [i, b] of toBoard.entries()) if (i > 0) expect(b.prev).toBe(toBoard[i - 1]!.last);
    expect(state.seq).toBe(seqs[seqs.length - 1]);
  });

  it('recalls up to the limit, then marks a no-show and frees the window', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    const display = await hall.connect(DISPLAY);
    const t = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    okData(await win.command('window:open', { windowId: 'w1' }));
    okData(await win.callNext('w1'));
    const r1 = okData(await win.command('ticket:recall', { windowId: 'w1', ticketId: t.id }));
    expect(r1.ticket).toMatchObject({ status: 'called', recallCount: 1 });
    await display.waitFor((s) => s.lastCall?.recall === true);
    okData(await win.command('ticket:recall', { windowId: 'w1', ticketId: t.id }));
    const r3 = okData(await win.command('ticket:recall', { windowId: 'w1', ticketId: t.id }));
    expect(r3.ticket).toMatchObject({ status: 'noShow', endReason: 'recallLimit' });
    expect(r3.window).toMatchObject({ state: 'open', currentTicketId: null });
  });

  it('transfers a ticket to another matter and to a window, keeping its number', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    const w2 = await hall.connect(windowToken('w2'));
    const w3 = await hall.connect(windowToken('w3'));
    for (const [c, id] of [
      [w1, 'w1'],
      [w2, 'w2'],
      [w3, 'w3'],
    ] as const)
      okData(await c.command('window:open', { windowId: id }));
    const t = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    okData(await w2.callNext('w2'));
    const moved = okData(
      await w2.command('ticket:transfer', {
        windowId: 'w2',
        ticketId: t.id,
        to: { matterId: 'm-tax' },
        note: '需缴税',
      }),
    );
    expect(moved.ticket).toMatchObject({
      status: 'transferred',
      matterId: 'm-tax',
      number: t.number,
      note: '需缴税',
    });
    // Only the tax window (or the universal one) may call it now; w2 no longer serves it.
    expect((await w2.callNext('w2')).ok).toBe(false);
    const atTax = okData(await w3.callNext('w3'));
    expect(atTax.ticket.id).toBe(t.id);
    const toWindow = okData(
      await w3.command('ticket:transfer', { windowId: 'w3', ticketId: t.id, to: { windowId: 'w2' } }),
    );
    expect(toWindow.ticket).toMatchObject({ targetWindowId: 'w2', status: 'transferred' });
    expect(await w1.callNext('w1')).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    expect(okData(await w2.callNext('w2')).ticket.id).toBe(t.id);
    expect(
      await w3.command('ticket:transfer', { windowId: 'w3', ticketId: t.id, to: { windowId: 'w3' } }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('issues real-name tickets with masked data only and suggests the green channel to the elderly', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const display = await hall.connect(windowToken('w1')); // a clerk's screen holds every waiting ticket
    const idNumber = idNumberBornOn('19500101');
    const issued = okData(
      await kiosk.issueTicket({ matterId: 'm-social', resident: { idNumber, name: '王小明' } }),
    );
    expect(issued.ticket.resident).toEqual({
      idMasked: `**************${idNumber.slice(-4)}`,
      nameMasked: '王**',
    });
    expect(issued.greenSuggested).toBe(true);
    const young = okData(
      await kiosk.issueTicket({
        matterId: 'm-social',
        resident: { idNumber: idNumberBornOn('19900101'), name: '李四' },
      }),
    );
    expect(young.greenSuggested).toBe(false);
    const green = okData(await kiosk.issueTicket({ matterId: 'm-social', green: { reason: 'disabled' } }));
    expect(green.ticket).toMatchObject({ priorityClass: 'green', greenReason: 'disabled' });
    const bad = await kiosk.issueTicket({
      matterId: 'm-social',
      resident: { idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`, name: '王' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ID_NUMBER' } });
    const s = await display.waitFor((st) => st.tickets[green.ticket.id] !== undefined);
    expect(JSON.stringify(s)).not.toContain(idNumber);
  });

  it('runs auto-call: finishing calls the next ticket, and an idle window takes a new one at once', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    okData(await win.command('window:open', { windowId: 'w1' }));
    const auto = okData(await win.command('window:autoCall', { windowId: 'w1', autoCall: true }));
    expect(auto.window).toMatchObject({ autoCall: true, state: 'open' });
    const a = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    const b = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    const state = await win.waitFor((s) => s.tickets[a.id]?.status === 'called');
    expect(state.windows.w1?.currentTicketId).toBe(a.id);
    const done = okData(await win.command('ticket:finish', { windowId: 'w1', ticketId: a.id }));
    expect(done.next?.id).toBe(b.id);
    expect(done.window).toMatchObject({ state: 'serving', currentTicketId: b.id });
  });

  it('lets a clerk call a chosen ticket, but only one the window serves', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const w2 = await hall.connect(windowToken('w2'));
    okData(await w2.command('window:open', { windowId: 'w2' }));
    const first = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    const second = okData(await kiosk.issueTicket({ matterId: 'm-social2' })).ticket;
    const tax = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
    expect(await w2.command('ticket:call', { windowId: 'w2', ticketId: tax.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ELIGIBLE' },
    });
    expect(okData(await w2.command('ticket:call', { windowId: 'w2', ticketId: second.id })).ticket.id).toBe(
      second.id,
    );
    expect(await w2.command('ticket:call', { windowId: 'w2', ticketId: first.id })).toMatchObject({
      ok: false,
      error: { code: 'WINDOW_BUSY' },
    });
  });

  it('checks staff against the window, AB岗 backups included', async () => {
    const hall = await halls.start();
    const w1 = await hall.connect(windowToken('w1'));
    expect(await w1.command('window:open', { windowId: 'w1', staffId: 's3' })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_NOT_ALLOWED' },
    });
    expect(await w1.command('window:open', { windowId: 'w1', staffId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // s2 backs up s1, so s2 may work at w1.
    expect(okData(await w1.command('window:open', { windowId: 'w1', staffId: 's2' })).window.staffId).toBe(
      's2',
    );
  });

  it('rates a finished visit once, from the pad of that window', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    const pad1 = await hall.connect('pad-w1-token');
    const pad2 = await hall.connect('pad-w2-token');
    okData(await win.command('window:open', { windowId: 'w1', staffId: 's1' }));
    const t = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    okData(await win.callNext('w1'));
    expect(await pad1.command('evaluation:submit', { ticketId: t.id, level: 5 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_EVALUABLE' },
    });
    okData(await win.command('ticket:finish', { windowId: 'w1', ticketId: t.id }));
    expect(await pad2.command('evaluation:submit', { ticketId: t.id, level: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const e = okData(
      await pad1.command('evaluation:submit', {
        ticketId: t.id,
        level: 1,
        reasons: ['态度差'],
        comment: '等太久',
      }),
    );
    expect(e.evaluation).toMatchObject({
      level: 1,
      windowId: 'w1',
      staffId: 's1',
      matterId: 'm-social',
      channel: 'pad',
      reasons: ['态度差'],
    });
    expect(await pad1.command('evaluation:submit', { ticketId: t.id, level: 4 })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_EVALUATED' },
    });
  });
});
