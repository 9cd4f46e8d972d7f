import { describe, expect, it } from 'vitest';
import {
  applyWindowAction,
  effectiveWindows,
  mergeSkills,
  type Staff,
  staffMayWorkAt,
  windowScreenText,
  withBackupSkills,
} from '../src/index.js';
import { T0, window } from './fixtures.js';

describe('window state', () => {
  const closed = window('w1', { all: true }, {}, 'closed');

  it('opens, pauses, resumes and closes', () => {
    const open = applyWindowAction(closed, { type: 'open', at: T0, staffId: 's1' });
    expect(open).toMatchObject({ state: 'open', staffId: 's1' });
    const paused = applyWindowAction(open, { type: 'pause', at: T0, reason: 'break' });
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'break' });
    const resumed = applyWindowAction(paused, { type: 'resume', at: T0 });
    expect(resumed).toMatchObject({ state: 'open', pauseReason: null });
    expect(applyWindowAction(resumed, { type: 'close', at: T0 })).toMatchObject({
      state: 'closed',
      staffId: null,
    });
  });

  it('serves one ticket at a time and refuses to pause or close while it has one', () => {
    const open = applyWindowAction(closed, { type: 'open', at: T0, staffId: null });
    const serving = applyWindowAction(open, { type: 'take', at: T0, ticketId: 't1' });
    expect(serving).toMatchObject({ state: 'serving', currentTicketId: 't1' });
    for (const action of [
      { type: 'take', at: T0, ticketId: 't2' },
      { type: 'pause', at: T0, reason: 'break' },
      { type: 'close', at: T0 },
    ] as const) {
      expect(() => applyWindowAction(serving, action)).toThrowError(
        expect.objectContaining({ code: 'WINDOW_BUSY' }),
      );
    }
    expect(applyWindowAction(serving, { type: 'release', at: T0 })).toMatchObject({
      state: 'open',
      currentTicketId: null,
    });
  });

  it('refuses tickets while closed or paused and refuses opening twice', () => {
    expect(() => applyWindowAction(closed, { type: 'take', at: T0, ticketId: 't' })).toThrowError(
      expect.objectContaining({ code: 'WINDOW_NOT_OPEN' }),
    );
    const open = applyWindowAction(closed, { type: 'open', at: T0, staffId: null });
    expect(() => applyWindowAction(open, { type: 'open', at: T0, staffId: null })).toThrowError(
      expect.objectContaining({ code: 'WINDOW_ALREADY_OPEN' }),
    );
    expect(() => applyWindowAction(open, { type: 'resume', at: T0 })).toThrowError(
      expect.objectContaining({ code: 'WINDOW_NOT_OPEN' }),
    );
    const paused = applyWindowAction(open, { type: 'pause', at: T0, reason: 'meeting' });
    expect(() => applyWindowAction(paused, { type: 'take', at: T0, ticketId: 't' })).toThrowError(
      expect.objectContaining({ code: 'WINDOW_NOT_OPEN' }),
    );
  });
});

describe('AB岗', () => {
  const a: Staff = { id: 'a', name: 'A', windowIds: ['w1'], backupOf: [] };
  const b: Staff = { id: 'b', name: 'B', windowIds: ['w2'], backupOf: ['a'] };
  const c: Staff = { id: 'c', name: 'C', windowIds: ['w3'], backupOf: [] };
  const all = [a, b, c];

  it('lets staff work at their own windows and B at A’s', () => {
    expect(staffMayWorkAt(a, 'w1', all)).toBe(true);
    expect(staffMayWorkAt(b, 'w2', all)).toBe(true);
    expect(staffMayWorkAt(b, 'w1', all)).toBe(true);
  });

  it('does not let A work at B’s window, nor anyone at a stranger’s', () => {
    expect(staffMayWorkAt(a, 'w2', all)).toBe(false);
    expect(staffMayWorkAt(c, 'w1', all)).toBe(false);
  });
});

describe('AB岗 skills', () => {
  const a: Staff = { id: 'a', name: 'A', windowIds: ['wa'], backupOf: [] };
  const b: Staff = { id: 'b', name: 'B', windowIds: ['wb'], backupOf: ['a'] };
  const wa = { ...window('wa', { categories: ['estate'] }, { matters: ['t1'] }), staffId: 'a' };
  const wb = { ...window('wb', { categories: ['social'] }), staffId: 'b' };

  it('gives B’s window A’s skills while A works at no open window', () => {
    const closedA = { ...wa, state: 'closed' as const, staffId: null };
    const [, covered] = withBackupSkills([closedA, wb], [a, b]);
    expect(covered?.primary).toEqual({ categories: ['social', 'estate'] });
    expect(covered?.secondary).toEqual({ matters: ['t1'] });
  });

  it('changes nothing while A is at work', () => {
    const ws = withBackupSkills([wa, wb], [a, b]);
    expect(ws[1]).toBe(wb);
  });

  it('answers a hall that asks again with the same windows, and follows a window that changed', () => {
    const staff = [a, b];
    const first = effectiveWindows({ windows: [wa, wb], staff });
    // Asked again (a new list of the same windows): the same window objects, in a list of its own.
    const again = effectiveWindows({ windows: [wa, wb], staff });
    expect(again).not.toBe(first);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    again.pop();
    expect(effectiveWindows({ windows: [wa, wb], staff })).toHaveLength(2);
    // A leaves: B's window covers at once, as withBackupSkills says.
    const closedA = { ...wa, state: 'closed' as const, staffId: null };
    const covered = effectiveWindows({ windows: [closedA, wb], staff });
    expect(covered).toEqual(withBackupSkills([closedA, wb], staff));
    expect(covered[1]?.primary).toEqual({ categories: ['social', 'estate'] });
    // Asked again, the covering window is the one already made (withBackupSkills alone makes a new one):
    // the estimates' per-window caches keep their answers between events.
    expect(effectiveWindows({ windows: [closedA, wb], staff })[1]).toBe(covered[1]);
    expect(withBackupSkills([closedA, wb], staff)[1]).not.toBe(covered[1]);
    // Other staff links (a new list): answered for those links, not the last ones.
    const noCover = [a, { ...b, backupOf: [] }];
    expect(effectiveWindows({ windows: [closedA, wb], staff: noCover })[1]).toBe(wb);
    expect(effectiveWindows({ windows: [closedA, wb], staff })[1]).toBe(covered[1]);
  });

  it('merges skill sets without duplicates', () => {
    expect(mergeSkills({ categories: ['x'] }, { categories: ['x', 'y'], all: true })).toEqual({
      all: true,
      categories: ['x', 'y'],
    });
  });
});

describe('window screen text', () => {
  const w = window('w3', { all: true });
  it('shows the number being served, a pause or a closed window', () => {
    expect(windowScreenText({ ...w, number: '3', state: 'serving' }, 'A012')).toBe('3号窗口 请A012号');
    expect(windowScreenText({ ...w, number: '3', state: 'open' }, null)).toBe('3号窗口 欢迎办理');
    // Residents read it: no internal reason such as back-office work.
    expect(windowScreenText({ ...w, number: '3', state: 'paused' }, null)).toBe('3号窗口 暂停服务');
    expect(windowScreenText({ ...w, number: '3', state: 'closed' }, null)).toBe('3号窗口 暂停服务');
  });
});
