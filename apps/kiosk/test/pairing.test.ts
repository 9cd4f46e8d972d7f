import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useHalls as hallsPerTest } from '../../server/test/helpers.js';
import { loadKioskConfig } from '../src/device/config.js';
import { pairKiosk } from '../src/device/pairing.js';

const halls = hallsPerTest();
const dir = mkdtempSync(join(tmpdir(), 'onewindow-kiosk-pair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pairing an Electron kiosk with a code from the console', () => {
  it('writes the token the hall server answers into the device file, which then connects', async () => {
    const hall = await halls.start();
    const { code } = await hall.server.devices.enroll(
      'h1',
      { id: 'kiosk-9', role: 'kiosk', windowId: null, name: '大厅东侧自助机', locale: null },
      { id: 'test', name: 'test' },
    );
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ serverUrl: hall.url, idleSeconds: 60, locale: 'zh-CN' }));
    const before = loadKioskConfig(file);
    if (!before.ok) throw new Error(before.problems.join('; '));
    expect(before.config.token).toBeUndefined();

    const wrong = await pairKiosk(file, before.config, '00000000', 'test');
    expect(wrong.outcome).toMatchObject({ ok: false, error: { code: 'PAIRING_INVALID' } });
    const right = await pairKiosk(file, before.config, code, 'test');
    expect(right.outcome).toEqual({ ok: true });
    const after = loadKioskConfig(file);
    expect(after.ok && after.config.token).toMatch(/^[\w-]{40,}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ serverUrl: hall.url, idleSeconds: 60 });

    const kiosk = await hall.connect(after.ok ? (after.config.token ?? '') : '');
    expect(kiosk.store.getState().you).toMatchObject({ deviceId: 'kiosk-9', role: 'kiosk' });
    // The code works once.
    expect((await pairKiosk(file, before.config, code, 'test')).outcome).toMatchObject({ ok: false });
  });
});
