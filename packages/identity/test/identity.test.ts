import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateOf,
  idCardKind,
  idCheckChar,
  idNumberProblem,
  maskIdNumber,
  maskName,
} from '../src/index.js';

/** Builds a valid ID number from region, birth date and order code. */
const makeId = (region: string, birth: string, order: string): string => {
  const first17 = `${region}${birth}${order}`;
  return first17 + idCheckChar(first17);
};

describe('resident ID numbers', () => {
  it('accepts the GB 11643 example number', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });

  it('says why a number is invalid', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit');
    expect(idNumberProblem('11010519491231002')).toBe('format');
    expect(idNumberProblem('99010519491231002X')).toBe('region');
    expect(idNumberProblem(makeId('110105', '19490231', '002'))).toBe('birthDate');
  });

  it('tells the resident ID card from the residence permits of Hong Kong, Macao and Taiwan residents', () => {
    expect(idCardKind(makeId('320102', '19800615', '123'))).toBe('resident');
    expect(idCardKind(makeId('810000', '19800615', '123'))).toBe('hkMacaoPermit');
    expect(idCardKind(makeId('820000', '19800615', '123'))).toBe('hkMacaoPermit');
    expect(idCardKind(makeId('830000', '19800615', '123'))).toBe('taiwanPermit');
  });

  it('detects any single changed digit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = makeId('320102', '19800615', '123');
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(idNumberProblem(changed)).not.toBeNull();
      }),
    );
  });

  it('reads the birth date and the age on a day', () => {
    const id = makeId('320102', '19560301', '123');
    expect(birthDateOf(id)).toBe('1956-03-01');
    expect(ageOn('1956-03-01', '2016-02-29')).toBe(59);
    expect(ageOn('1956-03-01', '2016-03-01')).toBe(60);
  });

  it('masks the number and the name', () => {
    expect(maskIdNumber('320102198006151234')).toBe('**************1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    // 䶮 and astral characters count as one character each
    expect(maskName('刘䶮')).toBe('刘*');
    expect(maskName('𠀀二三')).toBe('𠀀**');
  });
});
