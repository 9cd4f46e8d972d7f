import { createHallClient, type HallClient } from '@onewindow/client';
import type { ErrorCode } from '@onewindow/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  DISPLAY,
  dump,
  FakeClock,
  idNumberBornOn,
  KIOSK,
  okData,
  padToken,
  removeDir,
  startHall,
  type TestHall,
  windowToken,
} from './helpers.js';

let hall: TestHall;
let clients: Record<string, HallClient>;
let waitingTicketId: string;

beforeAll(async () => {
  hall = await startHall();
  clients = {
    kiosk: await hall.connect(KIOSK),
    display: await hall.connect(DISPLAY),
    admin: await hall.connect(ADMIN),
    w1: await hall.connect(windowToken('w1')),
    pad1: await hall.connect(padToken('w1')),
  };
  okData(await clients.kiosk!.issueTicket({ matterId: 'm-quota' }));
  okData(await clients.kiosk!.issueTicket({ matterId: 'm-quota' }));
  waitingTicketId = okData(await clients.kiosk!.issueTicket({ matterId: 'm-social' })).ticket.id;
});
afterAll(async () => {
  await hall.stop();
  removeDir(hall.dir);
});

type Case = [who: string, command: string, payload: unknown, code: ErrorCode];
const rid = (n: number) => ({ requestId: `bad-input-${String(n).padStart(4, '0')}` });
const badCheckDigit = (() => {
  const id = idNumberBornOn('19800101');
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
})();

const cases: Case[] = [
  ['kiosk', 'ticket:issue', {}, 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', { requestId: 'short', matterId: 'm-social' }, 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', { ...rid(1) }, 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', { ...rid(2), matterId: 'm-social', extra: 1 }, 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', { ...rid(3), matterId: 'nope' }, 'NOT_FOUND'],
  [
    'kiosk',
    'ticket:issue',
    { ...rid(4), matterId: 'm-social', resident: { idNumber: '12345', name: '张三' } },
    'VALIDATION_FAILED',
  ],
  [
    'kiosk',
    'ticket:issue',
    { ...rid(5), matterId: 'm-social', resident: { idNumber: badCheckDigit, name: '张三' } },
    'INVALID_ID_NUMBER',
  ],
  [
    'kiosk',
    'ticket:issue',
    { ...rid(6), matterId: 'm-social', resident: { idNumber: idNumberBornOn('19800101'), name: '' } },
    'VALIDATION_FAILED',
  ],
  ['kiosk', 'ticket:issue', { ...rid(7), appointmentCode: '99999999' }, 'NOT_FOUND'],
  [
    'kiosk',
    'ticket:issue',
    { ...rid(8), matterId: 'm-social', green: { reason: 'vip' } },
    'VALIDATION_FAILED',
  ],
  ['kiosk', 'ticket:issue', { ...rid(9), matterId: 'm-quota' }, 'QUOTA_REACHED'],
  ['kiosk', 'ticket:issue', 'not an object', 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', 42, 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', null, 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', [rid(10)], 'VALIDATION_FAILED'],
  ['kiosk', 'ticket:issue', { ...rid(11), matterId: { $ne: null } }, 'VALIDATION_FAILED'],
  ['display', 'ticket:issue', { ...rid(12), matterId: 'm-social' }, 'FORBIDDEN'],
  ['pad1', 'ticket:issue', { ...rid(13), matterId: 'm-social' }, 'FORBIDDEN'],
  ['display', 'ticket:callNext', { ...rid(14), windowId: 'w1' }, 'FORBIDDEN'],
  ['pad1', 'ticket:callNext', { ...rid(15), windowId: 'w1' }, 'FORBIDDEN'],
  ['kiosk', 'window:open', { ...rid(16), windowId: 'w1' }, 'FORBIDDEN'],
  ['w1', 'window:open', { ...rid(17), windowId: 'w2' }, 'FORBIDDEN'],
  ['w1', 'ticket:callNext', { ...rid(18), windowId: 'w2' }, 'FORBIDDEN'],
  ['w1', 'ticket:callNext', { ...rid(19), windowId: 'w1' }, 'WINDOW_NOT_OPEN'],
  ['w1', 'window:pause', { ...rid(20), windowId: 'w1', reason: 'break' }, 'WINDOW_NOT_OPEN'],
  ['w1', 'window:pause', { ...rid(21), windowId: 'w1', reason: 'nap' }, 'VALIDATION_FAILED'],
  ['w1', 'window:close', { ...rid(22), windowId: 'w1' }, 'WINDOW_NOT_OPEN'],
  ['w1', 'ticket:finish', { ...rid(23), windowId: 'w1', ticketId: 'WAITING' }, 'TICKET_NOT_AT_WINDOW'],
  ['w1', 'ticket:finish', { ...rid(24), windowId: 'w1', ticketId: 'no-such-ticket' }, 'NOT_FOUND'],
  ['w1', 'ticket:cancel', { ...rid(25), ticketId: 'WAITING', reason: 'x' }, 'FORBIDDEN'],
  [
    'w1',
    'ticket:transfer',
    { ...rid(26), windowId: 'w1', ticketId: 'WAITING', to: { nowhere: 1 } },
    'VALIDATION_FAILED',
  ],
  ['display', 'evaluation:submit', { ...rid(27), ticketId: 'WAITING', level: 5 }, 'FORBIDDEN'],
  ['pad1', 'evaluation:submit', { ...rid(28), ticketId: 'WAITING', level: 6 }, 'VALIDATION_FAILED'],
  ['pad1', 'evaluation:submit', { ...rid(29), ticketId: 'WAITING', level: 5 }, 'NOT_EVALUABLE'],
  ['admin', 'window:open', { ...rid(30), windowId: 'w99' }, 'NOT_FOUND'],
  ['admin', 'ticket:cancel', { ...rid(31), ticketId: 'no-such-ticket', reason: 'x' }, 'NOT_FOUND'],
  ['admin', 'window:open', { ...rid(32), windowId: 'w1', staffId: 's3' }, 'STAFF_NOT_ALLOWED'],
];

describe('bad input and wrong roles are refused with a code and change nothing', () => {
  it.each(cases)('%s sends %s %j → %s', async (who, command, payload, code) => {
    const client = clients[who]!;
    const before = dump(hall.dbFile);
    const body =
      typeof payload === 'object' &&
      payload !== null &&
      'ticketId' in payload &&
      payload.ticketId === 'WAITING'
        ? { ...payload, ticketId: waitingTicketId }
        : payload;
    const emit = client.socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> };
    };
    const ack = (await emit.timeout(5_000).emitWithAck(command, body)) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(ack.ok).toBe(false);
    expect(ack.error?.code).toBe(code);
    expect(ack.error?.message.length).toBeGreaterThan(5);
    expect(dump(hall.dbFile)).toBe(before);
  });

  it('ignores a command sent without an acknowledgement callback', async () => {
    const before = dump(hall.dbFile);
    (clients.kiosk!.socket as unknown as { emit(e: string, p: unknown): void }).emit('ticket:issue', {
      ...rid(90),
      matterId: 'm-social',
    });
    await clients.kiosk!.resync(); // a round trip after the emit
    expect(dump(hall.dbFile)).toBe(before);
  });

  it('refuses a connection without a valid token', async () => {
    for (const token of ['', 'wrong-token', 'x'.repeat(10_000)]) {
      const c = createHallClient({ url: hall.url, token, socket: { reconnection: false } });
      const s = await c.waitFor((st) => st.connection === 'unauthorized');
      expect(s.lastError).toMatch(/token/);
      expect(s.synced).toBe(false);
      expect(await c.issueTicket({ matterId: 'm-social' })).toMatchObject({
        ok: false,
        error: { code: 'DISCONNECTED' },
      });
      c.close();
    }
  });
});

describe('opening hours', () => {
  it('refuses tickets before opening and after closing, and closes the day at closing time', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T08:00:00+08:00'));
    const h = await startHall({ clock });
    try {
      const kiosk = await h.connect(KIOSK);
      const w1 = await h.connect(windowToken('w1'));
      const display = await h.connect(ADMIN); // the console sees every ticket; a board only called ones
      expect(await kiosk.issueTicket({ matterId: 'm-social' })).toMatchObject({
        ok: false,
        error: { code: 'HALL_CLOSED' },
      });
      clock.t = Date.parse('2026-11-23T17:00:00+08:00');
      const waiting = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
      const serving = okData(await kiosk.issueTicket({ matterId: 'm-tax' })).ticket;
      okData(await w1.command('window:open', { windowId: 'w1' }));
      // Tax before social? No: FIFO, so the social ticket is called first; serve it and leave the tax one waiting.
      expect(okData(await w1.callNext('w1')).ticket.id).toBe(waiting.id);
      okData(await w1.command('ticket:start', { windowId: 'w1', ticketId: waiting.id }));
      clock.t = Date.parse('2026-11-23T17:30:00+08:00');
      expect(await kiosk.issueTicket({ matterId: 'm-social' })).toMatchObject({
        ok: false,
        error: { code: 'HALL_CLOSED' },
      });
      await h.server.tick();
      const s = await display.waitFor((st) => st.tickets[serving.id]?.status === 'expired');
      expect(s.tickets[serving.id]).toMatchObject({ endReason: 'dayClosed' });
      // The service under way at closing time may still finish.
      expect(s.tickets[waiting.id]?.status).toBe('serving');
      okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: waiting.id }));
      await h.server.tick(); // idempotent: nothing left to close
      // Statistics follow within the coalescing interval.
      expect((await display.waitFor((st) => st.stats?.totalWaiting === 0)).stats?.totalWaiting).toBe(0);
    } finally {
      await h.stop();
      removeDir(h.dir);
    }
  });
});
