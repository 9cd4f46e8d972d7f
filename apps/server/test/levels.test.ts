import { createHash } from 'node:crypto';
import type { DeviceIdentity } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import type { Rollup } from '../src/service/rollup.js';
import { ConsoleSession, data, firstAdmin, PASSWORD } from './console-helpers.js';
import { okData, type TestHall, testConfig, useHalls } from './helpers.js';

const halls = useHalls();
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const DAY = '2026-11-23';

/**
 * A county center (c1) with two township centers (t1, t2) and a village station (v1) under t1. The
 * village has one window and no kiosk; every other hall has a kiosk and windows.
 */
function county() {
  const base = testConfig().halls[0];
  if (base === undefined) throw new Error('no test hall');
  const hall = (id: string, level: 'county' | 'township' | 'village', parentId?: string, kiosk = true) => ({
    ...base,
    hall: {
      ...base.hall,
      id,
      name: `${id} 便民服务中心`,
      level,
      ...(parentId === undefined ? {} : { parentId }),
    },
    windows: level === 'village' ? base.windows.filter((w) => w.id === 'w1') : base.windows,
    staff: base.staff.filter((s) => s.windowIds.every((w) => level !== 'village' || w === 'w1')),
    devices: [
      ...(kiosk ? [{ id: `${id}-kiosk`, role: 'kiosk' as const, tokenSha256: sha(`${id}-kiosk`) }] : []),
      { id: `${id}-w1`, role: 'window' as const, windowId: 'w1', tokenSha256: sha(`${id}-w1`) },
    ],
  });
  return {
    halls: [
      hall('c1', 'county'),
      hall('t1', 'township', 'c1'),
      hall('t2', 'township', 'c1'),
      hall('v1', 'village', 't1', false),
    ],
  };
}

async function issue(hall: TestHall, hallId: string, n: number): Promise<void> {
  const kiosk = await hall.connect(`${hallId}-kiosk`);
  for (let i = 0; i < n; i++)
    okData(await kiosk.issueTicket({ matterId: i % 2 === 0 ? 'm-social' : 'm-tax' }));
}

describe('county → township → village', () => {
  it('a village clerk issues on behalf and forwards a case to the county; the county rolls its halls up', {
    timeout: 60_000,
  }, async () => {
    const hall = await halls.start({ config: county() });
    // The village station: one clerk, no kiosk. The clerk takes a number for the resident (村级代办).
    const clerk = await hall.connect('v1-w1');
    okData(await clerk.command('window:open', { windowId: 'w1' }));
    const onBehalf = okData(await clerk.issueTicket({ matterId: 'm-social' })).ticket;
    expect(onBehalf).toMatchObject({ hallId: 'v1', number: 'A001', status: 'waiting' });
    const served = okData(await clerk.callNext('w1')).ticket;
    expect(served.id).toBe(onBehalf.id);
    okData(await clerk.command('ticket:finish', { windowId: 'w1', ticketId: served.id }));
    const recorded = okData(
      await clerk.command('unresolved:record', {
        windowId: 'w1',
        ticketId: served.id,
        request: '宅基地审批',
        reason: '需县自然资源局审批',
      }),
    ).case;

    // Only a hall above may receive it: a township beside this one may not.
    const sideways = await clerk.command('unresolved:forward', {
      windowId: 'w1',
      caseId: recorded.id,
      toHallId: 't2',
    });
    expect(sideways.ok ? 'ok' : sideways.error.code).toBe('FORBIDDEN');
    const up = okData(
      await clerk.command('unresolved:forward', {
        windowId: 'w1',
        caseId: recorded.id,
        toHallId: 'c1',
        note: '请县中心协调',
      }),
    );
    expect(up.case).toMatchObject({ id: recorded.id, hallId: 'v1', status: 'followedUp' });
    expect(up.forwarded).toMatchObject({
      hallId: 'c1',
      status: 'open',
      forwardedFrom: { hallId: 'v1', caseId: recorded.id },
      request: '宅基地审批',
    });
    expect(up.forwarded.history).toEqual([
      { at: expect.any(Number), hallId: 'c1', action: 'received', otherHallId: 'v1', note: '请县中心协调' },
    ]);
    const again = await clerk.command('unresolved:forward', {
      windowId: 'w1',
      caseId: 'no-such-case',
      toHallId: 'c1',
    });
    expect(again.ok ? 'ok' : again.error.code).toBe('NOT_FOUND');

    // A working day in the other halls.
    await issue(hall, 'c1', 5);
    await issue(hall, 't1', 3);
    await issue(hall, 't2', 2);

    // The county's center administrator sees and configures its townships and villages.
    const admin = await firstAdmin(hall);
    data(
      await admin.post('/api/admin/users', {
        username: 'county',
        displayName: '县中心',
        role: 'centerAdmin',
        hallId: 'c1',
        password: PASSWORD,
      }),
    );
    data(
      await admin.post('/api/admin/users', {
        username: 'town2',
        displayName: '二镇',
        role: 'hallManager',
        hallId: 't2',
        password: PASSWORD,
      }),
    );
    const countyAdmin = new ConsoleSession(hall.url);
    data(await countyAdmin.post('/api/admin/login', { username: 'county', password: PASSWORD }));
    const roll = data<Rollup>(await countyAdmin.get(`/api/admin/halls/c1/rollup?day=${DAY}`));
    expect(roll.halls.map((h) => h.hallId).sort()).toEqual(['c1', 't1', 't2', 'v1']);
    const byHall = Object.fromEntries(roll.halls.map((h) => [h.hallId, h.figures]));
    expect(byHall.v1).toMatchObject({ issued: 1, done: 1, waiting: 0, unresolved: 1 });
    expect(byHall.c1).toMatchObject({ issued: 5, waiting: 5, unresolved: 1, forwardedIn: 1 });
    expect(byHall.t1?.issued).toBe(3);
    expect(byHall.t2?.issued).toBe(2);
    // The sum is the sum of the halls, figure by figure.
    for (const k of Object.keys(roll.total) as (keyof Rollup['total'])[]) {
      expect(roll.total[k]).toBe(roll.halls.reduce((s, h) => s + h.figures[k], 0));
    }
    expect(roll.total.issued).toBe(11);
    // A township's roll-up holds its village and not its neighbour.
    const town = data<Rollup>(await countyAdmin.get(`/api/admin/halls/t1/rollup?day=${DAY}`));
    expect(town.halls.map((h) => h.hallId).sort()).toEqual(['t1', 'v1']);
    expect(town.total.issued).toBe(4);
    // The statistics roll up the same way: the county with every hall below it, or the hall alone.
    type Stats = { halls: { id: string }[]; tickets: { issued: number }; unresolved: { recorded: number } };
    const rolled = data<Stats>(
      await countyAdmin.get(`/api/admin/halls/c1/stats?from=${DAY}&to=${DAY}&scope=subtree`),
    );
    expect(rolled.halls.map((h) => h.id).sort()).toEqual(['c1', 't1', 't2', 'v1']);
    expect(rolled.tickets.issued).toBe(11);
    expect(rolled.unresolved.recorded).toBe(roll.total.unresolved);
    const alone = data<Stats>(await countyAdmin.get(`/api/admin/halls/c1/stats?from=${DAY}&to=${DAY}`));
    expect(alone.tickets.issued).toBe(5);
    expect(
      (await countyAdmin.get(`/api/admin/halls/c1/stats?from=${DAY}&to=${DAY}&scope=deployment`)).status,
    ).toBe(403);
    expect((await countyAdmin.get('/api/admin/halls/v1/config')).status).toBe(200);
    const me = data<{ halls: { id: string }[] }>(await countyAdmin.get('/api/admin/me'));
    expect(me.halls.map((h) => h.id).sort()).toEqual(['c1', 't1', 't2', 'v1']);

    // The manager of the other township sees their hall only.
    const town2 = new ConsoleSession(hall.url);
    data(await town2.post('/api/admin/login', { username: 'town2', password: PASSWORD }));
    expect((await town2.get(`/api/admin/halls/t1/rollup?day=${DAY}`)).status).toBe(403);
    expect((await town2.get(`/api/admin/halls/t1/stats?from=${DAY}&to=${DAY}`)).status).toBe(403);
    expect((await town2.get('/api/admin/halls/v1/config')).status).toBe(403);
    const bad = await countyAdmin.get('/api/admin/halls/c1/rollup?day=yesterday');
    expect(bad.status).toBe(400);
    // The county's administrator makes accounts and halls below the county, never above it.
    const above = await countyAdmin.post('/api/admin/users', {
      username: 'everything',
      displayName: '越权',
      role: 'centerAdmin',
      hallId: null,
      password: PASSWORD,
    });
    expect(above.status).toBe(403);
    expect((await countyAdmin.get('/api/admin/users')).status).toBe(403);
    data(
      await countyAdmin.post('/api/admin/halls', {
        hall: {
          id: 'v2',
          name: '新村便民服务站',
          level: 'village',
          parentId: 't2',
          hours: { open: '08:30', close: '17:30' },
        },
      }),
    );
    // Halls are moved within the county only, never into a loop.
    const t1 = (await hall.server.config.current('t1')).config.hall;
    const move = (hallId: string, parentId: string | undefined) =>
      countyAdmin.post(`/api/admin/halls/${hallId}/config`, {
        change: { type: 'hall.put', hall: { ...(hallId === 't1' ? t1 : { ...t1, id: hallId }), parentId } },
      });
    expect((await move('t1', undefined)).status).toBe(403);
    const loop = await move('t1', 'v1');
    expect(loop.status).toBe(400);
    expect(loop.body.ok ? '' : loop.body.error.message).toMatch(/below this hall/);
    expect(hall.server.config.current('t1').config.hall.parentId).toBe('c1');
    const roll2 = data<Rollup>(await countyAdmin.get(`/api/admin/halls/c1/rollup?day=${DAY}`));
    expect(roll2.halls.map((h) => h.hallId)).toContain('v2');

    // The county's console socket reaches the village's hall; its snapshot holds the village ticket.
    const view: DeviceIdentity = { deviceId: 'test', hallId: 'v1', role: 'admin', windowId: null };
    expect((await hall.server.service.snapshot(view)).tickets.map((t) => t.number)).toContain('A001');
  });
});
