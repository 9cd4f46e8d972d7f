import type { HallClientState } from '@onewindow/client';
import { initialState } from '@onewindow/client';
import { HallRules, printedWait, weekdayHours } from '@onewindow/domain';
import { type Ack, type CommandResult, type KioskSettings, ticketStatusUrl } from '@onewindow/protocol';
import { Speaker, silentEngine } from '@onewindow/ui';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { memoryBridge } from '../src/renderer/bridge-testing.js';
import { createKioskStore, type KioskStore } from '../src/renderer/store.js';

const settings: KioskSettings = {
  serverUrl: 'http://hall.test',
  token: 't',
  idleSeconds: 30,
  locale: 'zh-CN',
  hasPrinter: true,
  hasIdCardReader: true,
};
const NOW = Date.parse('2026-11-23T09:00:00+08:00');

type IssueAck = Ack<CommandResult<'ticket:issue'>>;
const issued = (number: string, extra: Record<string, unknown> = {}): IssueAck => ({
  ok: true,
  data: {
    ticket: {
      id: `id-${number}`,
      hallId: 'h1',
      serviceDay: '2026-11-23',
      prefix: 'A',
      seq: 1,
      number,
      matterId: 'm1',
      priorityClass: 'normal',
      greenReason: null,
      status: 'waiting',
      issuedAt: NOW,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      recalls: 0,
      transferredFrom: null,
      appointmentId: null,
      slotStart: null,
      resident: null,
      note: null,
      endReason: null,
      ...extra,
    } as never,
    position: { peopleAhead: 2, estimatedWaitMin: 9, windowsServing: 1 },
    matterName: '社会保障卡申领',
    greenSuggested: false,
  },
});

let now = NOW;
let sent: Record<string, unknown>[] = [];
let answer: IssueAck;
let bridge: ReturnType<typeof memoryBridge>;
let kiosk: KioskStore;
let hall: StoreApi<HallClientState>;

beforeEach(() => {
  now = NOW;
  sent = [];
  answer = issued('A001');
  bridge = memoryBridge(settings);
  hall = createStore<HallClientState>(() => ({
    ...initialState(),
    connection: 'connected',
    synced: true,
    hall: {
      id: 'h1',
      name: '测试大厅',
      level: 'county',
      hours: weekdayHours('09:00', '17:00'),
      rules: HallRules.parse({}),
    },
  }));
  kiosk = createKioskStore({
    client: {
      store: hall,
      issueTicket: async (p) => {
        sent.push(p as Record<string, unknown>);
        return answer;
      },
    },
    bridge,
    settings,
    speaker: new Speaker(silentEngine()),
    now: () => now,
    fetchGuide: async () => {
      throw new Error('offline');
    },
    trackUrl: (id, locale) => ticketStatusUrl('http://hall.test', id, locale),
  });
});

const card = (birthDate: string, idNumber: string, validTo = '2040-01-01') => ({
  type: 'card' as const,
  card: {
    cardType: 'resident' as const,
    name: '王秀英',
    gender: 'female' as const,
    birthDate,
    idNumber,
    idNumberMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
    validTo,
  },
});
const ELDER_ID = '320102195605202461';
const YOUNG_ID = '320102199004121538';

describe('kiosk store', () => {
  it('prints only after the server acknowledged the ticket, with the masked name and track URL', async () => {
    answer = { ok: false, error: { code: 'DISCONNECTED', message: 'not connected' } };
    await kiosk.getState().takeNumber('m1');
    expect(bridge.printed).toEqual([]);
    expect(kiosk.getState().screen).toMatchObject({ name: 'notice', kind: 'error' });

    answer = issued('A002', { resident: { nameMasked: '王*英', idMasked: '3201**********2461' } });
    await kiosk.getState().takeNumber('m1');
    expect(bridge.printed).toHaveLength(1);
    expect(bridge.printed[0]).toMatchObject({
      kind: 'ticket',
      ticket: {
        number: 'A002',
        hallName: '测试大厅',
        residentName: '王*英',
        peopleAhead: 2,
        waitText: printedWait(9),
        trackUrl: 'http://hall.test/t/id-A002',
      },
    });
    expect(kiosk.getState().screen).toMatchObject({ name: 'ticket', print: { state: 'printed' } });
  });

  it('prints a QR code that opens the phone page in English for a resident who chose English', async () => {
    kiosk.getState().toggleLocale();
    answer = issued('A003');
    await kiosk.getState().takeNumber('m1');
    expect(bridge.printed[0]).toMatchObject({ ticket: { trackUrl: 'http://hall.test/t/id-A003?lang=en' } });
  });

  it('keeps the ticket on screen when printing fails', async () => {
    bridge.failWith = { ok: false, error: { code: 'paperEnd', message: '打印纸已用完' } };
    await kiosk.getState().takeNumber('m1');
    expect(kiosk.getState().screen).toMatchObject({
      name: 'ticket',
      print: { state: 'failed', problem: 'paperEnd' },
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(kiosk.getState().printer).toMatchObject({ ready: false, problem: 'paperEnd' });
  });

  it('offers the green channel to a resident of 60 and sends a real-name green ticket', async () => {
    kiosk.getState().go({ name: 'card', purpose: 'ticket' });
    kiosk.getState().onCard(card('1956-05-20', ELDER_ID));
    expect(kiosk.getState()).toMatchObject({
      green: 'elderly',
      greenOfferedAge: 60,
      screen: { name: 'categories' },
    });
    await kiosk.getState().takeNumber('m1');
    expect(sent[0]).toEqual({
      matterId: 'm1',
      resident: { idNumber: ELDER_ID, name: '王秀英' },
      green: { reason: 'elderly' },
    });
  });

  it('does not offer it to a younger resident, and refuses expired cards for real-name tickets', async () => {
    kiosk.getState().onCard(card('1990-04-12', YOUNG_ID));
    expect(kiosk.getState()).toMatchObject({ green: null, greenOfferedAge: null });
    kiosk.getState().home();
    kiosk.getState().onCard(card('1990-04-12', YOUNG_ID, '2025-01-01'));
    expect(kiosk.getState()).toMatchObject({
      resident: null,
      cardProblem: 'expired',
      screen: { name: 'card' },
    });
    kiosk.getState().onCard({ type: 'cardError', code: 'readFailed', message: 'x' });
    expect(kiosk.getState().cardProblem).toBe('failed');
  });

  it('checks in with the card on the check-in screen', async () => {
    kiosk.getState().go({ name: 'card', purpose: 'checkIn' });
    kiosk.getState().onCard(card('1990-04-12', YOUNG_ID));
    await new Promise((r) => setTimeout(r, 0));
    expect(sent[0]).toEqual({ checkIn: true, resident: { idNumber: YOUNG_ID, name: '王秀英' } });
  });

  it('explains a too-late appointment and offers a normal ticket for its matter', async () => {
    answer = {
      ok: false,
      error: {
        code: 'APPOINTMENT_TOO_LATE',
        message: 'late',
        details: {
          matterId: 'm7',
          slotStart: NOW - 3_600_000,
          slotEnd: NOW - 1_800_000,
          closedAt: NOW - 900_000,
        },
      },
    };
    await kiosk.getState().checkInWithCode('12345678');
    expect(kiosk.getState().screen).toEqual({
      name: 'notice',
      kind: 'tooLate',
      vars: { slot: '08:00–08:30', closed: '08:45' },
      offerMatterId: 'm7',
      code: null,
    });
  });

  it('says "no appointment" only when the appointment is what was not found', async () => {
    answer = { ok: false, error: { code: 'NOT_FOUND', message: 'x', details: { appointment: '12345678' } } };
    await kiosk.getState().checkInWithCode('12345678');
    expect(kiosk.getState().screen).toMatchObject({ kind: 'noAppointment' });
    answer = { ok: false, error: { code: 'NOT_FOUND', message: 'x', details: { matter: 'm9' } } };
    await kiosk.getState().takeNumber('m9');
    expect(kiosk.getState().screen).toMatchObject({ kind: 'error', code: 'NOT_FOUND' });
  });

  it('marks a matter sold out when its quota is reached', async () => {
    answer = {
      ok: false,
      error: { code: 'QUOTA_REACHED', message: 'q', details: { matterId: 'm1', quota: 50 } },
    };
    await kiosk.getState().takeNumber('m1');
    expect(kiosk.getState().soldOut).toEqual(['m1']);
    expect(kiosk.getState().screen).toMatchObject({ kind: 'quota', vars: { quota: 50, matter: 'm1' } });
  });

  it('returns home and forgets the resident after the idle time, not before', () => {
    kiosk.getState().onCard(card('1956-05-20', ELDER_ID));
    now += 29_000;
    expect(kiosk.getState().checkIdle()).toBe(false);
    kiosk.getState().touch();
    now += 29_000;
    expect(kiosk.getState().checkIdle()).toBe(false);
    now += 2_000;
    expect(kiosk.getState().checkIdle()).toBe(true);
    expect(kiosk.getState()).toMatchObject({
      screen: { name: 'home' },
      resident: null,
      green: null,
      history: [],
    });
  });

  it('asks before issuing a number no open window serves, and issues it when the resident insists', async () => {
    hall.setState({
      stats: {
        at: NOW,
        totalWaiting: 0,
        windowsOpen: 1,
        longestWaitMin: 0,
        matters: [
          {
            matterId: 'm1',
            categoryId: 'c1',
            waiting: 0,
            longestWaitMin: 0,
            estimatedWaitMin: null,
            windowsServing: 0,
          },
        ],
      },
    });
    kiosk.getState().go({ name: 'matters', categoryId: 'c1' });
    await kiosk.getState().takeNumber('m1');
    expect(sent).toEqual([]);
    expect(kiosk.getState().screen).toEqual({ name: 'noWindow', matterId: 'm1' });
    kiosk.getState().back();
    expect(kiosk.getState().screen).toEqual({ name: 'matters', categoryId: 'c1' });
    await kiosk.getState().takeNumber('m1', true);
    expect(sent).toEqual([{ matterId: 'm1' }]);
  });

  it('reminds the resident to take the ID card back, also after returning home, until the reminder ends', () => {
    kiosk.getState().onCard(card('1990-04-12', YOUNG_ID));
    expect(kiosk.getState().cardReminderUntil).toBe(NOW + 12_000);
    kiosk.getState().home();
    now = NOW + 11_000;
    kiosk.getState().checkIdle();
    expect(kiosk.getState().cardReminderUntil).not.toBeNull();
    now = NOW + 12_000;
    kiosk.getState().checkIdle();
    expect(kiosk.getState().cardReminderUntil).toBeNull();
  });

  it('prints the class on green-channel and appointment tickets', async () => {
    answer = issued('A003', { priorityClass: 'green', greenReason: 'elderly' });
    await kiosk.getState().takeNumber('m1');
    answer = issued('A004', { priorityClass: 'appointment' });
    await kiosk.getState().takeNumber('m1');
    answer = issued('A005');
    await kiosk.getState().takeNumber('m1');
    const marks = bridge.printed.map((j) => (j.kind === 'ticket' ? j.ticket.mark : 'notice'));
    expect(marks).toEqual(['绿色通道', '预约', undefined]);
  });
});
