import { describe, expect, it } from 'vitest';
import { pinyinKeys, searchMatters } from '../src/renderer/search.js';

const items = [
  { id: 'sbk', code: 'MS-001', name: '社会保障卡申领', nameEn: 'Social security card' },
  { id: 'dibao', code: 'SH-001', name: '最低生活保障申请', nameEn: 'Minimum living allowance' },
  { id: 'sfz', code: 'GA-001', name: '居民身份证申领', nameEn: 'Resident ID card' },
  { id: 'fapiao', code: 'SW-001', name: '发票领用' },
];

describe('matter search', () => {
  it('computes pinyin initials and full pinyin', () => {
    expect(pinyinKeys('社会保障卡申领')).toEqual({ initials: 'shbzksl', full: 'shehuibaozhangkashenling' });
  });

  it.each([
    ['社会', ['sbk']],
    ['保障', ['sbk', 'dibao']],
    ['shbzk', ['sbk']],
    ['sbk', ['sbk']],
    ['jmsfz', ['sfz']],
    ['fapiao', ['fapiao']],
    ['GA-001', ['sfz']],
    ['resident', ['sfz']],
    ['SL', ['sbk', 'sfz']],
  ])('finds %j', (query, ids) => {
    expect(searchMatters(items, query).map((m) => m.id)).toEqual(ids);
  });

  it('ranks name matches before initials and finds nothing for nonsense or blanks', () => {
    expect(searchMatters(items, '申')[0]?.id).toBe('sbk');
    expect(searchMatters(items, 'qqqq')).toEqual([]);
    expect(searchMatters(items, '   ')).toEqual([]);
  });
});
