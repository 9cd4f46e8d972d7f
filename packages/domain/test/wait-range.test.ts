import { describe, expect, it } from 'vitest';
import { waitRange, waitWords } from '../src/wait-range.js';

describe('the wait told to residents', () => {
  it('is a range rounded to five minutes beyond a few minutes, and never precise to the minute', () => {
    expect(waitRange(0)).toEqual({ fromMin: 0, toMin: 0 });
    expect(waitRange(3)).toEqual({ fromMin: 0, toMin: 5 });
    expect(waitRange(5)).toEqual({ fromMin: 5, toMin: 10 });
    expect(waitRange(12)).toEqual({ fromMin: 10, toMin: 15 });
    expect(waitRange(30)).toEqual({ fromMin: 25, toMin: 40 });
    expect(waitRange(60)).toEqual({ fromMin: 45, toMin: 75 });
    for (let m = 0; m <= 240; m += 0.25) {
      const r = waitRange(m);
      expect(r.fromMin % 5).toBe(0);
      expect(r.toMin % 5).toBe(0);
      expect(r.fromMin).toBeLessThanOrEqual(m + 1e-9);
      // The estimate itself lies inside what is told (under half a minute is told as under a minute).
      if (m >= 0.5) expect(r.toMin).toBeGreaterThanOrEqual(m);
      if (m >= 5) expect(r.toMin - r.fromMin).toBeGreaterThanOrEqual(5);
    }
  });

  it('widens with the estimate, as the error of the estimate does', () => {
    let last = 0;
    for (let m = 5; m <= 240; m += 5) {
      const r = waitRange(m);
      expect(r.toMin - r.fromMin).toBeGreaterThanOrEqual(last - 5);
      last = r.toMin - r.fromMin;
    }
    expect(waitRange(120).toMin - waitRange(120).fromMin).toBeGreaterThanOrEqual(50);
  });

  it('is said in Chinese or English', () => {
    expect(waitWords(null, 'zh-CN')).toBe('暂无窗口受理');
    expect(waitWords(0.2, 'zh-CN')).toBe('不到 1 分钟');
    expect(waitWords(4, 'zh-CN')).toBe('5 分钟内');
    expect(waitWords(12, 'zh-CN')).toBe('约 10～15 分钟');
    expect(waitWords(12, 'en')).toBe('about 10–15 min');
    expect(waitWords(4, 'en')).toBe('under 5 min');
    expect(waitWords(null, 'en')).toBe('no window open yet');
  });
});
