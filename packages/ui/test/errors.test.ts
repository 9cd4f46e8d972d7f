import { ErrorCode } from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import { errorText, LOCALES } from '../src/index.js';

describe('errorText', () => {
  it('says every error code in both languages without a word of the other', () => {
    for (const code of ErrorCode.options) {
      const zh = errorText('zh-CN', { code });
      const en = errorText('en', { code });
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, code).not.toMatch(/[A-Za-z]{3,}/);
      expect(en, code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).not.toBe(code);
    }
    expect(LOCALES).toEqual(['zh-CN', 'en']);
  });

  it('adds tries left, when to try again and which printer problem from the details', () => {
    expect(errorText('zh-CN', { code: 'WRONG_PIN', details: { staffId: 's3', triesLeft: 3 } })).toBe(
      '工号或密码错误，还可尝试 3 次',
    );
    const retryAt = Date.parse('2026-11-23T09:05:00+08:00');
    expect(errorText('zh-CN', { code: 'WRONG_PIN', details: { retryAt } })).toBe(
      '工号或密码错误，请于 09:05 后再试',
    );
    expect(errorText('en', { code: 'PRINT_FAILED', details: { problem: 'paperEnd' } })).toBe(
      'The printer did not print (out of paper)',
    );
  });

  it('falls back to a general sentence for a code it does not know (a newer server)', () => {
    expect(errorText('zh-CN', { code: 'SOMETHING_NEW' as ErrorCode })).toContain('服务器');
  });
});
