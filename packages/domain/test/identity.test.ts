import { describe, expect, it } from 'vitest';
import { assertValidIdNumber, maskResident } from '../src/index.js';

describe('resident identity in the domain', () => {
  it('refuses an invalid ID number with INVALID_ID_NUMBER and says why', () => {
    expect(() => assertValidIdNumber('110105194912310021')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ID_NUMBER', details: { problem: 'checkDigit' } }),
    );
    expect(assertValidIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('keeps only the masked number and name of a resident', () => {
    expect(maskResident('11010519491231002X', '王小明')).toEqual({
      idMasked: '**************002X',
      nameMasked: '王**',
    });
  });
});
