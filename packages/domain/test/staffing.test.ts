import { describe, expect, it } from 'vitest';
import {
  addHandleObservation,
  erlangC,
  handleEstimate,
  queueFigures,
  queuePosition,
  recentRate,
  requiredWindows,
  requiredWindowsForGroup,
} from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

describe('Erlang C', () => {
  it('matches known values', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
  });

  it('gives M/M/1 mean waits', () => {
    // λ = 3/h, service 10 min: ρ = 0.5, Wq = ρ/(μ−λ) = 0.5 / (0.1 − 0.05) = 10 min
    expect(queueFigures(1, 3, 10, 20).meanWaitMin).toBeCloseTo(10, 10);
  });

  it('finds the fewest windows that meet the target', () => {
    expect(requiredWindows(0, 10, 15)).toBe(0);
    const c = requiredWindows(30, 12, 10);
    expect(c).toBeGreaterThan(6); // 6 erlangs of load need more than 6 windows
    expect(queueFigures(c, 30, 12, 10).meanWaitMin).toBeLessThanOrEqual(10);
    expect(
      queueFigures(c - 1, 30, 12, 10).serviceLevel < 0.8 || queueFigures(c - 1, 30, 12, 10).meanWaitMin > 10,
    ).toBe(true);
    expect(
      requiredWindowsForGroup([
        { ratePerHour: 20, meanServiceMin: 6, targetWaitMin: 15 },
        { ratePerHour: 10, meanServiceMin: 24, targetWaitMin: 30 },
      ]),
    ).toBe(requiredWindows(30, 12, 15));
  });
});

describe('live handle times and pace', () => {
  it('pulls the default towards observations as they accumulate', () => {
    expect(handleEstimate(10, undefined)).toBe(10);
    let s = addHandleObservation(undefined, 20);
    expect(handleEstimate(10, s)).toBeCloseTo((10 * 5 + 20) / 6, 10);
    for (let i = 0; i < 95; i++) s = addHandleObservation(s, 20);
    expect(handleEstimate(10, s)).toBeCloseTo((10 * 5 + 20 * 96) / 101, 10);
  });

  it('counts recent calls per minute', () => {
    const calls = [T0 - 40 * 60_000, T0 - 20 * 60_000, T0 - 10 * 60_000, T0];
    expect(recentRate(calls, T0, 30)).toBeCloseTo(3 / 30, 10);
  });

  it('waits for the first busy window that frees up', () => {
    const matters = mattersMap(matter('m', 'x', { avgHandleMin: 10 }));
    const w1 = { ...window('w1', { all: true }), state: 'serving' as const, currentTicketId: 'a' };
    const w2 = { ...window('w2', { all: true }), state: 'serving' as const, currentTicketId: 'b' };
    const t = ticket('m', T0);
    const inService = new Map([
      ['w1', { matterId: 'm', since: T0 - 8 * 60_000 }],
      ['w2', { matterId: 'm', since: T0 - 2 * 60_000 }],
    ]);
    expect(
      queuePosition(t, { tickets: [t], windows: [w1, w2], matters, inService, now: T0 }).estimatedWaitMin,
    ).toBe(2);
  });
});
