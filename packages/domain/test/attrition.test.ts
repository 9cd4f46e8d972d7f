import { describe, expect, it } from 'vitest';
import { Attrition, WaitCalibration } from '../src/index.js';

describe('attrition by minutes already waited', () => {
  it('keeps everyone while no one has left', () => {
    expect(Attrition.NONE.stillThere(0, 120)).toBe(1);
    expect(Attrition.NONE.perMin()).toBe(0);
  });

  it('learns that patience runs out late: few leave in their first half hour, many after an hour', () => {
    let a = Attrition.NONE;
    // 200 residents: everyone served within 40 minutes stays; of those who waited longer, a third left
    // between 60 and 90 minutes.
    for (let i = 0; i < 200; i++) {
      if (i % 2 === 0) a = a.after(10 + (i % 30), false, 1);
      else if (i % 3 === 0) a = a.after(60 + (i % 30), true, 1);
      else a = a.after(95, false, 1);
    }
    const early = a.stillThere(0, 20);
    const late = a.stillThere(60, 20);
    expect(early).toBeGreaterThan(0.95);
    expect(late).toBeLessThan(0.85);
    // The same twenty minutes, later in a resident's wait, lose more of them than a constant rate says.
    expect(late).toBeLessThan(Math.exp(-a.perMin() * 20));
    expect(early).toBeGreaterThan(Math.exp(-a.perMin() * 20));
  });

  it('is what the hall’s calibration tells, from its drops and served tickets, never ahead of them', () => {
    let c = WaitCalibration.initial();
    for (let i = 0; i < 30; i++) c = c.observe({ matterId: 'm1', baseMin: 20, toldMin: 20, actualMin: 20 });
    const before = c.stillThere(30, 30);
    expect(before).toBe(1);
    for (let i = 0; i < 10; i++) c = c.observeDrop(45);
    expect(c.stillThere(30, 30)).toBeLessThan(before);
    expect(c.stillThere(30, 0)).toBe(1);
  });
});
