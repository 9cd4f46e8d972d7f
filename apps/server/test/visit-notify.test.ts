import { createServer } from 'node:http';
import type { BookingView, PhoneTicketUpdate } from '@onewindow/protocol';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from '../src/notifications/outbox.js';
import { httpNotifier, type Notice, type Notifier } from '../src/notify.js';
import { at, bookingConfig, postJson, setClock } from './booking-support.js';
import { FakeClock, idNumberBornOn, KIOSK, okData, type TestHall, useHalls, windowToken } from './helpers.js';

const halls = useHalls();
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** A notifier that keeps what it was given (a hall's gateway stands behind the same interface). */
function recorder(): Notifier & { sent: Notice[] } {
  const sent: Notice[] = [];
  return {
    sent,
    async send(n) {
      sent.push(n);
      return { delivered: true, channel: 'test', problem: null };
    },
  };
}

async function until<T>(get: () => Promise<T | undefined> | T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('not within time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const messages = (h: TestHall) =>
  h.server.service.ops.deps.store.read((tx) =>
    tx.booking.listNotifications('h1', 0, Number.MAX_SAFE_INTEGER),
  );

/** Five residents take numbers, then one checks in with a booking made at 08:00 for 09:30. */
async function bookedInQueue(h: TestHall): Promise<{ ticketId: string; view: BookingView }> {
  const view = (
    await postJson(`${h.url}/api/book/halls/h1/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-23', '09:30'),
      name: '陈一',
      idNumber: idNumberBornOn('19750505', '321'),
      phone: '13900001111',
    })
  ).body as unknown as BookingView;
  setClock(h.clock, '2026-11-23', '09:05');
  const kiosk = await h.connect(KIOSK);
  for (let i = 0; i < 5; i++)
    okData(await kiosk.command('ticket:issue', { requestId: `walk-in-${i}`, matterId: 'm-social' }));
  const issued = okData(
    await kiosk.command('ticket:issue', { requestId: 'check-in-1', appointmentCode: view.code }),
  );
  return { ticketId: issued.ticket.id, view };
}

describe('messages to booked residents', () => {
  it('confirms, reminds, says "3 ahead" and "window 1", each once, in the hall’s words', async () => {
    const clock = new FakeClock();
    setClock(clock, '2026-11-23', '08:00');
    const notifier = recorder();
    const h = await halls.start({ clock, config: bookingConfig(), notifier });
    const { ticketId, view } = await bookedInQueue(h);
    const w1 = await h.connect(windowToken('w1'));
    okData(await w1.command('window:open', { requestId: 'open-w1-1', windowId: 'w1' }));
    // Two called: three people ahead of the booked ticket now.
    for (let i = 0; i < 2; i++) {
      const t = okData(
        await w1.command('ticket:callNext', { requestId: `call-${i}-xx`, windowId: 'w1' }),
      ).ticket;
      okData(
        await w1.command('ticket:finish', { requestId: `finish-${i}-x`, windowId: 'w1', ticketId: t.id }),
      );
    }
    await until(async () => (await messages(h)).find((n) => n.kind === 'soon'));
    for (let i = 2; i < 6; i++) {
      const t = okData(
        await w1.command('ticket:callNext', { requestId: `call-${i}-xx`, windowId: 'w1' }),
      ).ticket;
      if (t.id === ticketId) break;
      okData(
        await w1.command('ticket:finish', { requestId: `finish-${i}-x`, windowId: 'w1', ticketId: t.id }),
      );
    }
    await until(async () => (await messages(h)).find((n) => n.kind === 'call'));
    await h.server.residents.outbox.drain();
    const texts = notifier.sent.map((n) => `${n.kind}|${n.text}`);
    expect(texts).toContain(
      `booked|您已预约“事项m-social”，时间11月23日 09:30–10:00，预约码${view.code}。请在预约时段到测试政务服务中心的自助取号机凭预约码签到取号。`,
    );
    expect(texts.filter((t) => t.startsWith('soon|'))).toEqual([
      expect.stringMatching(/^soon\|您的号码A\d+前面还有3人，即将叫号/),
    ]);
    expect(texts.filter((t) => t.startsWith('call|'))).toEqual([
      expect.stringMatching(/^call\|请A\d+号到1号窗口办理。$/),
    ]);
    expect(notifier.sent.every((n) => n.phone === '13900001111' && n.hallName === '测试政务服务中心')).toBe(
      true,
    );
    // The reminder was due at 07:30 (two hours before) but the booking came later: none.
    expect(notifier.sent.some((n) => n.kind === 'reminder')).toBe(false);
    // A second round sends nothing again.
    expect(await h.server.residents.outbox.drain()).toBe(0);
  });

  it('sends the reminder when it is due, two hours before the slot', async () => {
    const clock = new FakeClock();
    setClock(clock, '2026-11-23', '08:00');
    const notifier = recorder();
    const h = await halls.start({ clock, config: bookingConfig(), notifier });
    await postJson(`${h.url}/api/book/halls/h1/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-24', '10:00'),
      name: '陈四',
      idNumber: idNumberBornOn('19750505', '324'),
      phone: '13900004444',
    });
    await h.server.residents.outbox.drain();
    expect(notifier.sent.map((n) => n.kind)).toEqual(['booked']);
    setClock(h.clock, '2026-11-24', '07:59');
    expect(await h.server.residents.outbox.drain()).toBe(0);
    setClock(h.clock, '2026-11-24', '08:00');
    expect(await h.server.residents.outbox.drain()).toBe(1);
    expect(notifier.sent.at(-1)).toMatchObject({
      kind: 'reminder',
      text: expect.stringContaining('将于11月24日 10:00–10:30开始'),
    });
  });

  it('retries a failing gateway with back-off, and a hanging one never holds up the queue', async () => {
    let answer = 500;
    let hang = false;
    const bodies: string[] = [];
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += String(c);
      });
      req.on('end', () => {
        bodies.push(body);
        if (hang) return; // never answers
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const port = (gateway.address() as { port: number }).port;
    const clock = new FakeClock();
    setClock(clock, '2026-11-23', '08:00');
    const h = await halls.start({
      clock,
      config: bookingConfig(),
      notifier: httpNotifier({
        url: `http://127.0.0.1:${port}/sms`,
        headers: { 'x-api-key': 'k1' },
        template: '{"to":"{phone}","text":"{text}","kind":"{kind}"}',
        timeoutMs: 1_500,
      }),
    });
    await postJson(`${h.url}/api/book/halls/h1/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-24', '10:00'),
      name: '陈二',
      idNumber: idNumberBornOn('19750505', '322'),
      phone: '13900002222',
    });
    const row = async () => (await messages(h)).find((n) => n.kind === 'booked');
    expect(await h.server.residents.outbox.drain()).toBe(1);
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1, problem: 'gateway answered 500' });
    expect((await row())?.dueAt).toBe(h.clock.now() + retryDelayMs(1));
    expect(await h.server.residents.outbox.drain()).toBe(0); // not due yet
    h.clock.advance(retryDelayMs(1));
    answer = 200;
    expect(await h.server.residents.outbox.drain()).toBe(1);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 2, problem: null });
    expect(JSON.parse(bodies.at(-1) ?? '{}')).toMatchObject({ to: '13900002222', kind: 'booked' });

    // A gateway that never answers: the round waits on it, commands do not.
    await postJson(`${h.url}/api/book/halls/h1/bookings`, {
      matterId: 'm-social',
      slotStart: at('2026-11-24', '10:30'),
      name: '陈三',
      idNumber: idNumberBornOn('19750505', '323'),
      phone: '13900003333',
    });
    hang = true;
    let roundDone = false;
    const round = h.server.residents.outbox.drain().then(() => {
      roundDone = true;
    });
    await until(() => (bodies.length === 3 ? true : undefined));
    setClock(h.clock, '2026-11-23', '09:00');
    const kiosk = await h.connect(KIOSK);
    const w1 = await h.connect(windowToken('w1'));
    okData(await w1.command('window:open', { requestId: 'open-w1-2', windowId: 'w1' }));
    okData(await kiosk.command('ticket:issue', { requestId: 'hang-issue-1', matterId: 'm-social' }));
    okData(await w1.command('ticket:callNext', { requestId: 'hang-call-1', windowId: 'w1' }));
    expect(roundDone).toBe(false);
    await round;
    // Given up after the timeout, kept to be tried again later.
    const hung = (await messages(h)).find((n) => n.kind === 'booked' && n.text.includes('10:30–11:00'));
    expect(hung).toMatchObject({ status: 'pending', attempts: 1 });
    expect(hung?.problem).toMatch(/abort|timeout/i);
    // A message that keeps failing is given up after MAX_ATTEMPTS, with its last problem kept.
    answer = 503;
    hang = false;
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      h.clock.advance(retryDelayMs(i));
      await h.server.residents.outbox.drain();
    }
    expect((await messages(h)).find((n) => n.id === hung?.id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      problem: 'gateway answered 503',
    });
    await new Promise<void>((r) => gateway.close(() => r()));
    gateway.closeAllConnections();
  });
});

describe('the phone follows one ticket live', () => {
  const follow = (h: TestHall, ticketId: unknown): Socket => {
    const s = connectIo(`${h.url}/phone`, {
      transports: ['websocket'],
      auth: { ticketId },
      reconnection: false,
    });
    sockets.push(s);
    return s;
  };
  const refusal = (s: Socket) =>
    new Promise<{ code: string }>((resolve) =>
      s.on('connect_error', (e) => resolve((e as Error & { data: { code: string } }).data)),
    );

  it('hears its ticket move up and get called, and nothing else; it can send nothing', async () => {
    const clock = new FakeClock();
    setClock(clock, '2026-11-23', '09:00');
    const h = await halls.start({ clock, config: bookingConfig() });
    const kiosk = await h.connect(KIOSK);
    const first = okData(
      await kiosk.command('ticket:issue', { requestId: 'phone-issue-1', matterId: 'm-social' }),
    ).ticket;
    const mine = okData(
      await kiosk.command('ticket:issue', { requestId: 'phone-issue-2', matterId: 'm-social' }),
    ).ticket;
    const phone = follow(h, mine.id);
    const heard: [string, PhoneTicketUpdate][] = [];
    phone.onAny((name: string, u: PhoneTicketUpdate) => heard.push([name, u]));
    await until(() => heard.find(([, u]) => u.peopleAhead === 1));
    expect(heard[0]?.[1]).toMatchObject({ ticketId: mine.id, status: 'waiting', peopleAhead: 1 });
    expect(heard[0]?.[1].html).toContain('前面还有 <b>1</b> 人');

    // It may not ask for anything: not the hall's snapshot, not a command, not another ticket.
    for (const [name, payload] of [
      ['hall:snapshot', {}],
      ['ticket:issue', { requestId: 'phone-xxxx', matterId: 'm-social' }],
      ['subscribe', { ticketId: first.id }],
    ] as const) {
      const ack = (await phone.timeout(2_000).emitWithAck(name, payload)) as {
        ok: boolean;
        error: { code: string };
      };
      expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    const w1 = await h.connect(windowToken('w1'));
    okData(await w1.command('window:open', { requestId: 'phone-open-1', windowId: 'w1' }));
    okData(await w1.command('ticket:callNext', { requestId: 'phone-call-1', windowId: 'w1' }));
    await until(() => heard.find(([, u]) => u.peopleAhead === 0));
    okData(
      await w1.command('ticket:finish', { requestId: 'phone-finish-1', windowId: 'w1', ticketId: first.id }),
    );
    okData(await w1.command('ticket:callNext', { requestId: 'phone-call-2', windowId: 'w1' }));
    const called = await until(() => heard.find(([, u]) => u.status === 'called')?.[1]);
    expect(called).toMatchObject({ window: { number: '1' }, peopleAhead: null });
    expect(called.html).toContain('1 号窗口');
    // Only its own ticket, only this event.
    expect(heard.every(([name, u]) => name === 'ticket:status' && u.ticketId === mine.id)).toBe(true);
    expect(heard.some(([, u]) => u.html.includes(first.number))).toBe(false);
  });

  it('refuses a connection that names no ticket, an unknown one, or too many from one address', async () => {
    const h = await halls.start({ config: bookingConfig() });
    expect(await refusal(follow(h, undefined))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refusal(follow(h, '../../admin'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refusal(follow(h, 'no-such-ticket-id'))).toMatchObject({ code: 'NOT_FOUND' });
    const limited = await halls.start({
      config: bookingConfig(),
      limits: { phoneWatchersPerAddress: { perSec: 0.001, burst: 2 } },
    });
    await refusal(follow(limited, 'no-such-ticket-1'));
    await refusal(follow(limited, 'no-such-ticket-2'));
    expect(await refusal(follow(limited, 'no-such-ticket-3'))).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
