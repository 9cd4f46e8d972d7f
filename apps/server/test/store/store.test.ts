import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Evaluation } from '@onewindow/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres.js';
import { createSqliteStore } from '../../src/store/sqlite.js';
import type { HallStore, StoredAppointment, StoredTicket } from '../../src/store/types.js';
import { removeDir } from '../helpers.js';
import { freshPgUrl } from '../pg.js';

/**
 * One suite, two engines: whatever the hall server asks of its store behaves the same on the embedded
 * SQLite file and on a shared PostgreSQL.
 */
interface Backend {
  name: string;
  /** A new empty store, and a second handle on the same database (another server instance). */
  open(): Promise<{ store: HallStore; another: () => HallStore; cleanup: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'onewindow-store-'));
      const file = join(dir, 'hall.sqlite');
      return {
        store: createSqliteStore(file),
        another: () => createSqliteStore(file),
        cleanup: async () => removeDir(dir),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const { url, drop } = await freshPgUrl();
      return { store: createPostgresStore(url), another: () => createPostgresStore(url), cleanup: drop };
    },
  },
];

const DAY = '2026-11-30';
const T0 = Date.parse('2026-11-30T09:00:00+08:00');

function ticket(id: string, seq: number, over: Partial<StoredTicket> = {}): StoredTicket {
  return {
    id,
    hallId: 'h1',
    serviceDay: DAY,
    prefix: 'A',
    seq,
    number: `A${String(seq).padStart(3, '0')}`,
    matterId: 'm1',
    priorityClass: 'normal',
    greenReason: null,
    status: 'waiting',
    issuedAt: T0 + seq * 1_000,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    windowId: null,
    targetWindowId: null,
    staffId: null,
    recallCount: 0,
    transferCount: 0,
    appointmentId: null,
    slotStart: null,
    resident: null,
    note: null,
    endReason: null,
    estimatedWaitMin: 7,
    estimateBaseMin: 6.5,
    waitFromMin: 4,
    waitToMin: 10,
    residentIdHash: null,
    deviceId: 'k1',
    ...over,
  };
}

describe.each(backends)('store on $name', (backend) => {
  const opened: HallStore[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await cleanup?.();
    cleanup = undefined;
  });
  async function open() {
    const o = await backend.open();
    cleanup = o.cleanup;
    opened.push(o.store);
    await o.store.migrate();
    return {
      store: o.store,
      another: () => {
        const s = o.another();
        opened.push(s);
        return s;
      },
    };
  }

  it('migrates once, also when several instances start together on an empty database', async () => {
    const { store, another } = await open();
    const others = [another(), another()];
    await Promise.all(others.map((s) => s.migrate()));
    await store.migrate();
    const state = await store.transaction((tx) => tx.hallState('h1'));
    expect(state).toEqual({ hallId: 'h1', lastSeq: 0, closedDay: null, broadcast: null });
  });

  it('numbers tickets per hall, prefix and day without gaps, also from many transactions at once', async () => {
    const { store, another } = await open();
    // SQLite is one writing process per file; PostgreSQL takes transactions from several instances.
    const second = backend.name === 'PostgreSQL' ? another() : store;
    const all = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? store : second).transaction((tx) => tx.nextTicketSeq('h1', 'A', DAY)),
      ),
    );
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await store.transaction((tx) => tx.nextTicketSeq('h1', 'B', DAY))).toBe(1);
    expect(await store.transaction((tx) => tx.nextTicketSeq('h2', 'A', DAY))).toBe(1);
    expect(await store.transaction((tx) => tx.nextTicketSeq('h1', 'A', '2026-12-01'))).toBe(1);
  });

  it('appends events with gap-free sequence numbers and pages through them', async () => {
    const { store } = await open();
    const ev = (at: number) => ({ type: 'hall:configured' as const, hallId: 'h1', at, version: at });
    const a = await store.transaction((tx) =>
      tx.appendEvents('h1', [ev(1), ev(2)], { deviceId: 'd', actor: 'p' }),
    );
    const b = await store.transaction((tx) => tx.appendEvents('h1', [ev(3)]));
    expect([...a, ...b].map((e) => e.seq)).toEqual([1, 2, 3]);
    const since = await store.read((tx) => tx.eventsSince('h1', 1, 1));
    expect(since.map((e) => e.seq)).toEqual([2]);
    expect((await store.read((tx) => tx.hallState('h1'))).lastSeq).toBe(3);
  });

  it('stores, finds, changes and counts tickets, with handle totals and calls', async () => {
    const { store } = await open();
    await store.transaction(async (tx) => {
      await tx.insertTicket(
        ticket('t1', 1, { residentIdHash: 'tok', resident: { idMasked: '**1234', nameMasked: '王*' } }),
      );
      await tx.insertTicket(ticket('t2', 2));
      await tx.insertTicket(ticket('t3', 3, { matterId: 'm2' }));
    });
    const called = { ...ticket('t1', 1), status: 'serving' as const, calledAt: T0 + 60_000, windowId: 'w1' };
    await store.transaction(async (tx) => {
      await tx.updateTicket(called);
      await tx.updateTicket({
        ...ticket('t2', 2),
        status: 'done',
        calledAt: T0 + 10_000,
        finishedAt: T0 + 70_000,
      });
    });
    const got = await store.read((tx) => tx.getTicket('t1'));
    expect(got).toMatchObject({ status: 'serving', calledAt: T0 + 60_000, residentIdHash: 'tok' });
    expect(got?.resident).toEqual({ idMasked: '**1234', nameMasked: '王*' });
    const waiting = await store.read((tx) => tx.listTickets('h1', { statuses: ['waiting'] }));
    expect(waiting.map((t) => t.id)).toEqual(['t3']);
    expect(await store.read((tx) => tx.countTickets('h1', { serviceDay: DAY }))).toBe(3);
    expect(await store.read((tx) => tx.countTickets('h1', { residentIdHash: 'tok' }))).toBe(1);
    // Days bounded on both sides: from a day on (since), and before a day (before).
    const days = (q: { since?: string; before?: string }) => store.read((tx) => tx.countTickets('h1', q));
    expect(await days({ since: DAY, before: '2026-12-01' })).toBe(3);
    expect(await days({ since: '2026-12-01' })).toBe(0);
    expect(await days({ since: '2026-11-16', before: DAY })).toBe(0);
    const totals = await store.read((tx) => tx.handleTotals('h1', DAY));
    expect(totals.get('m1')).toEqual({ count: 1, totalMs: 60_000 });
    // The finished visits from a day on: t2, a minute from its call to its end.
    expect(await store.read((tx) => tx.visitLengths('h1', DAY, 10))).toEqual([
      { matterId: 'm1', minutes: 1 },
    ]);
    expect(await store.read((tx) => tx.visitLengths('h1', '2099-01-01', 10))).toEqual([]);
    expect(await store.read((tx) => tx.visitLengths('h1', DAY, 0))).toEqual([]);
    const calls = await store.read((tx) => tx.callsSince('h1', T0));
    expect(calls.map((c) => c.ticketId)).toEqual(['t2', 't1']);
    // t1: issued at T0 + 1 s, called at T0 + 60 s; t2 waited 8 s; t3 is not called yet.
    expect(await store.read((tx) => tx.longestWaitToCall('h1', DAY))).toBe(59_000);
    expect(await store.read((tx) => tx.longestWaitToCall('h1', '2026-11-29'))).toBe(0);
  });

  it('keeps a transaction all or nothing', async () => {
    const { store } = await open();
    await expect(
      store.transaction(async (tx) => {
        await tx.insertTicket(ticket('t1', 1));
        await tx.nextTicketSeq('h1', 'A', DAY);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.read((tx) => tx.getTicket('t1'))).toBeUndefined();
    expect(await store.transaction((tx) => tx.nextTicketSeq('h1', 'A', DAY))).toBe(1);
    // The database refuses a second ticket with the same number, whatever the code does.
    await store.transaction((tx) => tx.insertTicket(ticket('t1', 1)));
    await expect(store.transaction((tx) => tx.insertTicket(ticket('t9', 1)))).rejects.toThrow();
  });

  it('replays a request by device and id', async () => {
    const { store } = await open();
    const req = {
      deviceId: 'k1',
      requestId: 'r1',
      command: 'ticket:issue',
      payloadHash: 'h',
      result: { a: 1 },
      at: T0,
    };
    await store.transaction((tx) => tx.putRequest(req));
    expect(await store.read((tx) => tx.getRequest('k1', 'r1'))).toEqual(req);
    expect(await store.read((tx) => tx.getRequest('k2', 'r1'))).toBeUndefined();
    await expect(store.transaction((tx) => tx.putRequest(req))).rejects.toThrow();
  });

  it('keeps window states, appointments, evaluations and cases', async () => {
    const { store } = await open();
    const win = {
      id: 'w1',
      hallId: 'h1',
      state: 'open' as const,
      staffId: 's1',
      currentTicketId: null,
      pauseReason: null,
      autoCall: true,
      updatedAt: T0,
      adjustedDay: null,
      skillsDay: null,
      skills: null,
    };
    const evaluation: Evaluation = {
      id: 'e1',
      hallId: 'h1',
      ticketId: 't1',
      windowId: 'w1',
      staffId: 's1',
      matterId: 'm1',
      level: 2,
      reasons: ['态度'],
      comment: null,
      channel: 'pad',
      at: T0,
    };
    const appointment: StoredAppointment = {
      id: 'a1',
      hallId: 'h1',
      matterId: 'm1',
      code: '12345678',
      slotStart: T0,
      slotEnd: T0 + 1_800_000,
      resident: null,
      status: 'booked',
      ticketId: null,
      createdAt: T0 - 1,
      phoneMasked: null,
      residentIdHash: null,
      phoneSealed: null,
    };
    await store.transaction(async (tx) => {
      await tx.saveWindowState(win);
      await tx.saveWindowState({ ...win, state: 'paused', pauseReason: 'break' });
      await tx.insertAppointment(appointment);
      await tx.updateAppointment({ ...appointment, status: 'checkedIn', ticketId: 't1' });
      await tx.insertEvaluation(evaluation);
    });
    expect(await store.read((tx) => tx.listWindowStates('h1'))).toEqual([
      { ...win, state: 'paused', pauseReason: 'break' },
    ]);
    expect(await store.read((tx) => tx.getAppointmentByCode('h1', '12345678'))).toMatchObject({
      status: 'checkedIn',
      ticketId: 't1',
    });
    expect(await store.read((tx) => tx.listAppointments('h1', T0, T0 + 1))).toHaveLength(1);
    expect(await store.read((tx) => tx.getEvaluationByTicket('t1'))).toEqual(evaluation);
    expect(await store.read((tx) => tx.listEvaluations('h1', T0, T0 + 1))).toEqual([evaluation]);
  });

  it('gives the timers lease to one holder until it lapses', async () => {
    const { store } = await open();
    const take = (holder: string, now: number) =>
      store.transaction((tx) => tx.takeLease('timers', holder, now, 1_000));
    expect(await take('a', 0)).toBe(true);
    expect(await take('b', 500)).toBe(false);
    expect(await take('a', 900)).toBe(true); // renewed until 1,900
    expect(await take('b', 1_800)).toBe(false);
    expect(await take('b', 2_000)).toBe(true);
    expect(await take('a', 2_100)).toBe(false);
  });

  it('keeps the console records: configurations, devices, lockouts, settings', async () => {
    const { store } = await open();
    await store.transaction(async (tx) => {
      await tx.admin.putHallConfig('h1', 1, { hall: { id: 'h1' } }, T0);
      await tx.admin.putHallConfig('h1', 2, { hall: { id: 'h1', v: 2 } }, T0 + 1);
      await tx.admin.putLockout('pin:h1:s1', 3, T0 + 5);
      await tx.admin.putSetting('k', 'v');
    });
    expect(await store.read((tx) => tx.admin.getHallConfig('h1'))).toEqual({
      version: 2,
      doc: { hall: { id: 'h1', v: 2 } },
    });
    expect(await store.read((tx) => tx.admin.getLockout('pin:h1:s1'))).toEqual({
      failures: 3,
      until: T0 + 5,
    });
    expect(await store.read((tx) => tx.admin.getSetting('k'))).toBe('v');
  });

  it('purges personal data past its time and re-encrypts tokens', async () => {
    const { store } = await open();
    await store.transaction(async (tx) => {
      await tx.insertTicket(
        ticket('old', 1, { residentIdHash: 'tok-old', resident: { idMasked: '*1', nameMasked: '王*' } }),
      );
      await tx.insertTicket(ticket('new', 2, { issuedAt: T0 + 86_400_000, residentIdHash: 'tok-new' }));
    });
    const counts = await store.transaction((tx) => tx.privacy.purge('h1', T0 + 3_600_000));
    expect(counts.tickets).toBe(1);
    expect((await store.read((tx) => tx.getTicket('old')))?.residentIdHash).toBeNull();
    const n = await store.transaction((tx) =>
      tx.privacy.rekey(
        (t) => `re-${t}`,
        (s) => s,
      ),
    );
    expect(n).toBeGreaterThanOrEqual(1);
    expect((await store.read((tx) => tx.getTicket('new')))?.residentIdHash).toBe('re-tok-new');
  });
});

describe('PostgreSQL with several instances', () => {
  it('holds a hall for one transaction at a time: the second waits for the first to commit', async () => {
    const { url, drop } = await freshPgUrl();
    const a = createPostgresStore(url);
    const b = createPostgresStore(url);
    try {
      await a.migrate();
      await a.transaction((tx) => tx.hallState('h1'));
      const order: string[] = [];
      let firstHolds = () => {};
      const held = new Promise<void>((r) => {
        firstHolds = r;
      });
      const first = a.transaction(async (tx) => {
        await tx.lockHall('h1');
        firstHolds();
        await new Promise((r) => setTimeout(r, 300));
        await tx.appendEvents('h1', [{ type: 'hall:configured', hallId: 'h1', at: 1, version: 1 }]);
        order.push('first commits');
      });
      await held;
      const second = b.transaction(async (tx) => {
        const state = await tx.lockHall('h1');
        order.push(`second sees seq ${state.lastSeq}`);
      });
      await Promise.all([first, second]);
      expect(order).toEqual(['first commits', 'second sees seq 1']);
    } finally {
      await a.close();
      await b.close();
      await drop();
    }
  });
});

describe('PostgreSQL shared with other deployments', () => {
  it('migrates in its own schema although another schema of the database holds migration tables', async () => {
    const other = await freshPgUrl();
    const mine = await freshPgUrl();
    const first = createPostgresStore(other.url);
    const second = createPostgresStore(mine.url);
    try {
      // Another deployment (or a test beside this one) migrated first, in its own schema.
      await first.migrate();
      await second.migrate();
      await second.transaction((tx) => tx.hallState('h1'));
      expect((await second.read((tx) => tx.hallState('h1'))).lastSeq).toBe(0);
    } finally {
      await first.close();
      await second.close();
      await other.drop();
      await mine.drop();
    }
  });
});

describe('SQLite backups', () => {
  it('copies the database while a transaction is open and tickets keep committing, every committed ticket in the copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-backup-'));
    const store = createSqliteStore(join(dir, 'hall.sqlite'));
    try {
      await store.migrate();
      for (let i = 1; i <= 200; i++) await store.transaction((tx) => tx.insertTicket(ticket(`t${i}`, i)));
      // A unit of work holds the group commit open across turns of the event loop, as commands do.
      let release = () => {};
      const held = store.transaction(async (tx) => {
        await tx.insertTicket(ticket('t-held', 1_000));
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      const copy = store.backup?.(join(dir, 'copy.sqlite'));
      let more = 0;
      const writes = (async () => {
        for (let i = 201; i <= 260; i++, more++)
          await store.transaction((tx) => tx.insertTicket(ticket(`t${i}`, i)));
      })();
      await new Promise((r) => setTimeout(r, 20));
      release();
      await Promise.all([copy, held, writes]);
      expect(more).toBe(60);
      const restored = createSqliteStore(join(dir, 'copy.sqlite'), { mustExist: true });
      try {
        const count = await restored.read((tx) => tx.countTickets('h1', { serviceDay: DAY }));
        expect(count).toBeGreaterThanOrEqual(200);
        expect(await restored.read((tx) => tx.getTicket('t200'))).toMatchObject({ number: 'A200' });
      } finally {
        await restored.close();
      }
    } finally {
      await store.close();
      removeDir(dir);
    }
  });
});
