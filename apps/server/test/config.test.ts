import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WindowType } from '@onewindow/domain';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../src/index.js';
import { testConfig } from './helpers.js';

const demo = fileURLToPath(new URL('../demo/demo-hall.yaml', import.meta.url));

function problems(data: unknown): string[] {
  try {
    parseConfig(data);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('hall configuration', () => {
  it('loads the shipped demo hall: a county center with every window type', () => {
    const config = loadConfigFile(demo);
    const hall = config.halls[0]!;
    expect(hall.hall).toMatchObject({ name: '青山县政务服务中心', level: 'county' });
    expect(hall.matters.length).toBeGreaterThanOrEqual(25);
    expect(new Set(hall.categories.map((c) => c.name))).toEqual(
      new Set(['社会事务', '民生事务', '经济发展', '公安', '不动产', '税务', '公积金', '综合服务']),
    );
    expect(new Set(hall.windows.map((w) => w.type))).toEqual(new Set(WindowType.options));
    for (const m of hall.matters) expect(m.guide.materials.length + m.guide.steps.length).toBeGreaterThan(0);
  });

  it('lists every problem by its path', () => {
    const good = JSON.parse(JSON.stringify(testConfig()));
    const bad = structuredClone(good);
    bad.halls[0].matters[1].categoryId = 'nowhere';
    bad.halls[0].matters[2].ticketPrefix = 'a1';
    bad.halls[0].windows[1].primary = { matters: ['ghost'] };
    bad.halls[0].windows[2].number = '1';
    bad.halls[0].staff[1].backupOf = ['s9'];
    bad.halls[0].devices[0].tokenSha256 = 'abc';
    bad.halls[0].hall.hours.weekly.mon[0].open = '8:30';
    bad.halls[0].hall.hours.weekly.tue = [
      { open: '08:30', close: '12:00' },
      { open: '11:30', close: '17:00' },
    ];
    const found = problems(bad);
    expect(found).toEqual(
      expect.arrayContaining([
        'halls[0].hall.hours.weekly.mon[0].open: must be HH:MM (24-hour)',
        'halls[0].hall.hours.weekly.tue[1].open: overlaps or comes before 08:30–12:00',
        'halls[0].matters[2].ticketPrefix: must be one or two capital letters',
        'halls[0].devices[0].tokenSha256: must be 64 lowercase hex digits',
      ]),
    );
    expect(problems(good)).toEqual([]);
  });

  it('checks references between matters, windows, staff and devices', () => {
    const bad = JSON.parse(JSON.stringify(testConfig()));
    bad.halls[0].matters[1].categoryId = 'nowhere';
    bad.halls[0].windows[1].primary = { matters: ['ghost'] };
    bad.halls[0].windows[2].number = '1';
    bad.halls[0].staff[1].backupOf = ['s9'];
    const aWindow = bad.halls[0].devices.find((d: { role: string }) => d.role === 'window');
    bad.halls[0].devices.push({ ...aWindow, id: 'dup-window', windowId: undefined });
    bad.halls[0].matters.push({ ...bad.halls[0].matters[0] });
    expect(problems(bad)).toEqual(
      expect.arrayContaining([
        'halls[0].matters[1].categoryId: unknown category "nowhere"',
        'halls[0].windows[1].primary.matters[0]: unknown matter "ghost"',
        'halls[0].windows[2].number: window number "1" is also used by windows[0]',
        'halls[0].staff[1].backupOf[0]: unknown staff "s9"',
        `halls[0].devices[${bad.halls[0].devices.length - 1}].windowId: a window device needs a windowId`,
        'halls[0].matters[4].id: duplicate matter id "m-social"',
      ]),
    );
  });

  it('reports unreadable and malformed files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-config-'));
    expect(() => loadConfigFile(join(dir, 'missing.yaml'))).toThrowError(/cannot read the file/);
    writeFileSync(join(dir, 'broken.json'), '{ "halls": [');
    expect(() => loadConfigFile(join(dir, 'broken.json'))).toThrowError(/not valid JSON/);
    writeFileSync(join(dir, 'broken.yaml'), 'halls: [\n  - : :');
    expect(() => loadConfigFile(join(dir, 'broken.yaml'))).toThrowError(/not valid YAML/);
    writeFileSync(join(dir, 'empty.yaml'), 'halls: []');
    expect(() => loadConfigFile(join(dir, 'empty.yaml'))).toThrowError(/halls: Too small/);
  });
});
