import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTicketNumber,
  serviceDayOf,
  shanghaiClock,
  shanghaiInstant,
  shanghaiMinuteOfDay,
} from '../src/index.js';

describe('service day in Asia/Shanghai', () => {
  it('starts the new day at Beijing midnight (16:00 UTC)', () => {
    expect(serviceDayOf(Date.parse('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(serviceDayOf(Date.parse('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
  });

  it('puts a ticket at 00:30 Beijing time in the new day', () => {
    expect(serviceDayOf(Date.parse('2026-11-22T00:30:00+08:00'))).toBe('2026-11-22');
    expect(serviceDayOf(Date.parse('2026-11-21T16:30:00Z'))).toBe('2026-11-22');
  });

  it('does not treat 17:00 UTC as a boundary', () => {
    expect(serviceDayOf(Date.parse('2026-11-21T16:59:00Z'))).toBe(
      serviceDayOf(Date.parse('2026-11-21T17:01:00Z')),
    );
  });

  it('handles month, year and leap-day edges', () => {
    expect(serviceDayOf(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(serviceDayOf(Date.parse('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
  });

  it('round-trips wall-clock times', () => {
    const at = shanghaiInstant('2026-11-23', '08:30');
    expect(new Date(at).toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(shanghaiClock(at)).toBe('08:30');
    expect(shanghaiMinuteOfDay(at)).toBe(510);
  });

  it('agrees with Intl for any instant (property)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') }), (at) => {
        expect(serviceDayOf(at)).toBe(fmt.format(at));
      }),
    );
  });
});

describe('ticket numbers', () => {
  it('pads to three digits and grows past 999', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('A', 12)).toBe('A012');
    expect(formatTicketNumber('BD', 999)).toBe('BD999');
    expect(formatTicketNumber('A', 1000)).toBe('A1000');
  });

  it('rejects sequences that are not positive integers', () => {
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(RangeError);
  });

  it('gives distinct numbers for distinct sequences (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 2 }), (seqs) => {
        expect(new Set(seqs.map((s) => formatTicketNumber('A', s))).size).toBe(seqs.length);
      }),
    );
  });
});
