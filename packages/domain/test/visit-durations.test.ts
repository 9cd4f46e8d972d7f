import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queuePosition, VISITS_KEPT, VISITS_NEEDED, VisitDurations } from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;

/** A matter of mostly short visits and a few very long ones (不动产 transfers with a dispute, say). */
const bimodal = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 60 + (i % 7) : 4 + (i % 3)));

describe('how long a visit under way has left, from the hall’s own visits', () => {
  it('tells the median rest of the visits that lasted longer: a visit long past the short ones is a long one', () => {
    const d = VisitDurations.from(bimodal(200).map((minutes) => ({ matterId: 'm1', minutes })));
    // Just begun: most visits are short, so the median rest is short.
    expect(d.remaining('m1', 1)).toBeGreaterThanOrEqual(3);
    expect(d.remaining('m1', 1)).toBeLessThanOrEqual(5);
    // Twenty minutes in, only the long ones are left: about forty minutes more.
    expect(d.remaining('m1', 20)).toBeGreaterThanOrEqual(40);
    expect(d.remaining('m1', 20)).toBeLessThanOrEqual(46);
  });

  it('gives the distribution of the rest whose median it tells: the share of the longer visits ended by then', () => {
    // 200 visits: 20 long (60–66 min), 180 short (4–6 min).
    const d = VisitDurations.from(bimodal(200).map((minutes) => ({ matterId: 'm1', minutes })));
    const justBegun = d.restWithin('m1', 1)!;
    expect(justBegun(0)).toBe(0);
    expect(justBegun(5)).toBe(180 / 200);
    expect(justBegun(100)).toBe(1);
    const longPast = d.restWithin('m1', 20)!;
    expect(longPast(30)).toBe(0);
    expect(longPast(46)).toBe(1);
    // Non-decreasing, and its median is the rest told.
    for (let t = 0; t < 60; t++) expect(longPast(t + 1)).toBeGreaterThanOrEqual(longPast(t));
    expect(longPast(d.remaining('m1', 20)!)).toBeGreaterThanOrEqual(0.5);
    expect(d.restWithin('m1', 70)).toBeUndefined();
    expect(d.restWithin('m2', 0)).toBeUndefined();
  });

  it('says nothing until enough visits lasted longer, and nothing of a matter it has not seen', () => {
    let d = VisitDurations.NONE;
    expect(d.remaining('m1', 0)).toBeUndefined();
    for (let i = 0; i < VISITS_NEEDED - 1; i++) d = d.add('m1', 10);
    expect(d.remaining('m1', 0)).toBeUndefined();
    d = d.add('m1', 10);
    expect(d.remaining('m1', 0)).toBe(10);
    expect(d.remaining('m1', 10)).toBeUndefined();
    expect(d.remaining('m2', 0)).toBeUndefined();
  });

  it('keeps the latest VISITS_KEPT visits per matter, added one by one or rebuilt at once alike', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 90, noNaN: true }), { maxLength: 1_300 }), (minutes) => {
        let one = VisitDurations.NONE;
        for (const m of minutes) one = one.add('m1', m);
        const all = VisitDurations.from(minutes.map((m) => ({ matterId: 'm1', minutes: m })));
        expect(one.count('m1')).toBe(Math.min(minutes.length, VISITS_KEPT));
        expect(all.count('m1')).toBe(one.count('m1'));
        for (const e of [0, 5, 30]) expect(all.remaining('m1', e)).toBe(one.remaining('m1', e));
      }),
      { numRuns: 25 },
    );
  });

  it('ignores what is not a visit length, and a value keeps its old self', () => {
    const d = VisitDurations.NONE.add('m1', 5);
    expect(d.add('m1', Number.NaN)).toBe(d);
    expect(d.add('m1', -1)).toBe(d);
    d.add('m1', 7);
    expect(d.count('m1')).toBe(1);
  });

  it('moves the estimate: a ticket behind a visit long past the short ones is told the long rest', () => {
    const matters = mattersMap(matter('m1', 'c', { avgHandleMin: 10 }));
    const windows = [{ ...window('w1', { all: true }), currentTicketId: 'busy' }];
    const now = T0 + 60 * MIN;
    const t = ticket('m1', now);
    const inService = new Map([['w1', { matterId: 'm1', since: now - 20 * MIN }]]);
    const visits = VisitDurations.from(bimodal(200).map((minutes) => ({ matterId: 'm1', minutes })));
    const view = { tickets: [t], windows, matters, now, inService };
    // By the mean handle time alone the visit has overrun: a couple of minutes left.
    expect(queuePosition(t, view).estimatedWaitMin).toBe(2);
    expect(queuePosition(t, { ...view, visits }).estimatedWaitMin).toBe(
      Math.round(visits.remaining('m1', 20)!),
    );
  });
});
