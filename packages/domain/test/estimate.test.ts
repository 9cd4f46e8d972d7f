import { describe, expect, it } from 'vitest';
import { type Appointment, assertCheckIn, queuePosition, queueStats } from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;
const matters = mattersMap(
  matter('m1', 'social', { avgHandleMin: 10 }),
  matter('m3', 'tax', { avgHandleMin: 6 }),
);

describe('queue position and estimates', () => {
  const windows = [
    window('w1', { categories: ['social'] }),
    window('w2', { all: true }),
    window('w3', { categories: ['tax'] }, {}, 'closed'),
  ];

  it('counts the tickets ahead that the same windows would call, and shares them out over open windows', () => {
    const t1 = ticket('m1', T0);
    const t2 = ticket('m3', T0 + MIN);
    const t3 = ticket('m1', T0 + 2 * MIN);
    const view = { tickets: [t1, t2, t3], windows, matters };
    const pos = queuePosition(t3, view);
    // t1 (10 min) goes to one window, t2 (6 min) to the other: the first is free again after 6 minutes.
    expect(pos).toEqual({ peopleAhead: 2, windowsServing: 2, estimatedWaitMin: 6 });
    expect(queuePosition(t1, view).peopleAhead).toBe(0);
  });

  it('reports no estimate while no open window serves the matter', () => {
    const only = [window('w3', { categories: ['tax'] }, {}, 'closed')];
    const t = ticket('m3', T0);
    expect(queuePosition(t, { tickets: [ticket('m3', T0 - MIN), t], windows: only, matters })).toEqual({
      peopleAhead: 1,
      windowsServing: 0,
      estimatedWaitMin: null,
    });
  });

  it('gives the same estimate in the stats as a ticket issued now is told', () => {
    const tickets = [ticket('m1', T0), ticket('m3', T0 + MIN), ticket('m1', T0 + 2 * MIN, 'green')];
    const now = T0 + 5 * MIN;
    const stats = queueStats({ tickets, windows, matters }, now);
    for (const load of stats.matters) {
      const fresh = ticket(load.matterId, now);
      const pos = queuePosition(fresh, { tickets: [...tickets, fresh], windows, matters });
      expect(load.estimatedWaitMin).toBe(pos.estimatedWaitMin);
    }
    expect(stats).toMatchObject({ totalWaiting: 3, windowsOpen: 2, longestWaitMin: 5 });
    expect(stats.matters.find((m) => m.matterId === 'm1')).toMatchObject({ waiting: 2, longestWaitMin: 5 });
  });
});

describe('appointment check-in', () => {
  const slotStart = Date.parse('2026-11-23T10:00:00+08:00');
  const appt: Appointment = {
    id: 'a1',
    hallId: 'h1',
    matterId: 'm1',
    code: '12345678',
    slotStart,
    slotEnd: slotStart + 30 * MIN,
    resident: null,
    status: 'booked',
    ticketId: null,
    createdAt: T0,
    phoneMasked: null,
  };
  const rules = { appointmentEarlyMin: 30, appointmentLateMin: 15 };

  it('accepts check-in from 30 minutes early to 15 minutes after the slot', () => {
    expect(() => assertCheckIn(appt, slotStart - 30 * MIN, rules)).not.toThrow();
    expect(() => assertCheckIn(appt, slotStart + 45 * MIN, rules)).not.toThrow();
  });

  it('explains too early and too late with the Beijing time', () => {
    expect(() => assertCheckIn(appt, slotStart - 31 * MIN, rules)).toThrowError(
      expect.objectContaining({ code: 'APPOINTMENT_TOO_EARLY', message: 'check-in opens at 09:30' }),
    );
    expect(() => assertCheckIn(appt, slotStart + 46 * MIN, rules)).toThrowError(
      expect.objectContaining({ code: 'APPOINTMENT_TOO_LATE', message: 'check-in closed at 10:45' }),
    );
  });

  it('refuses used and cancelled appointments', () => {
    expect(() => assertCheckIn({ ...appt, status: 'checkedIn' }, slotStart, rules)).toThrowError(
      expect.objectContaining({ code: 'APPOINTMENT_USED' }),
    );
    expect(() => assertCheckIn({ ...appt, status: 'cancelled' }, slotStart, rules)).toThrowError(
      expect.objectContaining({ code: 'APPOINTMENT_CANCELLED' }),
    );
  });
});
