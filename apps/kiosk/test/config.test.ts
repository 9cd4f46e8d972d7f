import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKioskConfig, settingsResult } from '../src/device/config.js';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-kiosk-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('kiosk device file', () => {
  it('reads a valid file with defaults, and tells the renderer nothing of the ports', () => {
    const r = loadKioskConfig(
      file(
        'ok.json',
        JSON.stringify({
          serverUrl: 'http://hall.local:8080',
          token: 'secret-token',
          printer: { path: '/dev/ttyUSB0' },
          idCardReader: { path: '/dev/ttyUSB1', pollMs: 200 },
        }),
      ),
    );
    expect(r).toMatchObject({
      ok: true,
      config: {
        idleSeconds: 60,
        locale: 'zh-CN',
        printer: { path: '/dev/ttyUSB0', baudRate: 9600, paperWidth: 80 },
        idCardReader: { path: '/dev/ttyUSB1', baudRate: 115200, pollMs: 200 },
      },
    });
    const settings = settingsResult(r);
    expect(settings).toEqual({
      ok: true,
      settings: {
        serverUrl: 'http://hall.local:8080',
        token: 'secret-token',
        idleSeconds: 60,
        locale: 'zh-CN',
        hasPrinter: true,
        hasIdCardReader: true,
      },
    });
    expect(JSON.stringify(settings)).not.toContain('/dev/tty');
  });

  it('lists every problem by its path', () => {
    const r = loadKioskConfig(
      file(
        'bad.json',
        JSON.stringify({
          serverUrl: 'ftp://hall',
          token: '',
          idleSeconds: 2,
          printer: { path: '', paperWidth: 76 },
          extra: true,
        }),
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join('\n');
    expect(text).toContain('serverUrl');
    expect(text).toContain('token');
    expect(text).toContain('idleSeconds');
    expect(text).toContain('printer.path');
    expect(text).toContain('printer.paperWidth');
    expect(text).toMatch(/extra/);
  });

  it('reports a missing file and broken JSON without throwing', () => {
    expect(loadKioskConfig(join(dir, 'none.json'))).toEqual({
      ok: false,
      file: join(dir, 'none.json'),
      problems: ['the file does not exist'],
    });
    const broken = loadKioskConfig(file('broken.json', '{"serverUrl": '));
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.problems[0]).toMatch(/^not valid JSON/);
  });
});
