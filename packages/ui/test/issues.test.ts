import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueText } from '../src/issues.js';

/** The messages zod itself gives, so the wording follows the schemas the server checks with. */
const zodMessage = (schema: z.ZodType, value: unknown): string => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a problem');
  return r.error.issues[0]!.message;
};

describe('field problems say what to do, at the field', () => {
  it('a blank required field asks to fill it in by name', () => {
    expect(issueText('zh-CN', zodMessage(z.string().min(1), ''), '名称')).toBe('请填写名称');
    expect(issueText('zh-CN', zodMessage(z.string(), undefined), '名称')).toBe('请填写名称');
    expect(issueText('en', zodMessage(z.string().min(1), ''), 'Name')).toBe('Please fill in Name');
  });

  it('lengths and numbers name their limit', () => {
    expect(issueText('zh-CN', zodMessage(z.string().max(60), 'x'.repeat(61)), '名称')).toBe(
      '名称最多 60 个字',
    );
    expect(issueText('zh-CN', zodMessage(z.string().min(4), 'ab'), '密码')).toBe('密码至少 4 个字');
    expect(issueText('zh-CN', zodMessage(z.number().min(0), -1), '日限额')).toBe('日限额不能小于 0');
    expect(issueText('zh-CN', zodMessage(z.number().max(9), 10), '日限额')).toBe('日限额不能大于 9');
    expect(issueText('zh-CN', zodMessage(z.number().int(), 1.5), '人数')).toBe('人数应为整数');
    expect(issueText('en', zodMessage(z.string().max(60), 'x'.repeat(61)), 'Name')).toBe(
      'at most 60 characters',
    );
  });

  it('an unchosen option or window asks to choose it', () => {
    expect(issueText('zh-CN', zodMessage(z.enum(['a', 'b']), 'c'), '类型')).toBe('请选择类型');
    expect(
      issueText(
        'zh-CN',
        'window clients and rating pads belong to one window; other devices to none',
        '窗口',
      ),
    ).toMatch(/^请选择窗口/);
  });

  it('a taken id names the id and asks for another', () => {
    expect(issueText('zh-CN', '"m1" exists already', '内部编号')).toBe('“m1”已被使用，请换一个内部编号');
    expect(issueText('en', '"admin" is taken', 'Username')).toBe('"admin" is taken: choose another Username');
  });

  it('without a field it still says what to do; an unknown problem asks to check the field', () => {
    expect(issueText('zh-CN', zodMessage(z.string().min(1), ''))).toBe('请填写此项');
    expect(issueText('zh-CN', 'something nobody foresaw', '地址')).toBe('请检查地址的内容');
  });
});
