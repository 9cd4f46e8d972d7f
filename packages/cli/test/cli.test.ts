import { describe, expect, it } from 'vitest';
import { readCommandLine } from '../src/index.js';

const USAGE = 'usage: thing [--port N] [--demo]';
const OPTIONS = {
  port: { type: 'string', default: '8080' },
  demo: { type: 'boolean', default: false },
} as const;

describe('readCommandLine', () => {
  it('answers --help and -h with the usage, whatever else is there', () => {
    expect(readCommandLine(USAGE, OPTIONS, ['--help'])).toEqual({ kind: 'help', text: USAGE });
    expect(readCommandLine(USAGE, OPTIONS, ['--port', '1', '-h'])).toEqual({ kind: 'help', text: USAGE });
  });

  it('reads options with their defaults', () => {
    const r = readCommandLine(USAGE, OPTIONS, ['--demo']);
    expect(r).toMatchObject({ kind: 'ok', values: { port: '8080', demo: true }, positionals: [] });
  });

  it('names an unknown option, a missing value or a stray argument, then shows the usage', () => {
    for (const args of [['--nope'], ['--port'], ['extra']]) {
      const r = readCommandLine(USAGE, OPTIONS, args);
      expect(r.kind).toBe('error');
      expect(r.kind === 'error' && r.text.endsWith(USAGE)).toBe(true);
      expect(r.kind === 'error' && r.text).not.toContain('    at ');
    }
    expect(readCommandLine(USAGE, OPTIONS, ['extra'], true)).toMatchObject({
      kind: 'ok',
      positionals: ['extra'],
    });
  });
});
