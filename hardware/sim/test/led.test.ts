import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WindowDef } from '@onewindow/domain';
import {
  decodeText,
  encodeLedFrame,
  encodeText,
  LedFrameDecoder,
  openLedScreen,
  SerialLedScreen,
} from '@onewindow/led';
import { openPtyPair } from '@onewindow/serial';
import { describe, expect, it } from 'vitest';
import { VirtualLedScreen } from '../src/index.js';
import { usePtyDevice } from './pty.js';

describe('LED frames', () => {
  it('encodes GB2312 text with an additive checksum', () => {
    const frame = encodeLedFrame({ address: 0x03, command: 0x31, payload: encodeText('A012') });
    // 03 + 31 + 04 + 41 30 31 32 = 0x10C → checksum 0C
    expect(Buffer.from(frame).toString('hex')).toBe('02033104413031320c03');
    expect(decodeText(encodeText('请A012号到3号窗口'))).toBe('请A012号到3号窗口');
    expect(() => encodeText('号'.repeat(101))).toThrow(RangeError);
  });

  it('decodes frames split anywhere and flags a bad checksum', () => {
    const a = encodeLedFrame({ address: 1, command: 0x31, payload: encodeText('窗口') });
    const b = encodeLedFrame({ address: 1, command: 0x32, payload: new Uint8Array(0) });
    b[b.length - 2] = (b[b.length - 2] ?? 0) ^ 1;
    const stream = Uint8Array.of(...a, ...b);
    for (let cut = 1; cut < stream.length; cut++) {
      const d = new LedFrameDecoder();
      const r = [...d.push(stream.slice(0, cut)), ...d.push(stream.slice(cut))];
      expect(r.map((x) => (x.ok ? x.frame.command : x.reason))).toEqual([0x31, 'checksum']);
    }
  });
});

describe('LED screen over a real PTY', () => {
  const pty = usePtyDevice('led', (path) => VirtualLedScreen.open(path, 0x03));

  it('shows, dims and clears the window screen', async () => {
    const led = new SerialLedScreen(pty.host, 0x03);
    await led.show('3号窗口 请A012号');
    expect(pty.device.text).toBe('3号窗口 请A012号');
    await led.brightness(4);
    expect(pty.device.level).toBe(4);
    await led.clear();
    expect(pty.device.history).toEqual(['3号窗口 请A012号', '3号窗口 请A012号', '']);
  });

  it('refuses bad input and reports a screen that does not answer', async () => {
    const led = new SerialLedScreen(pty.host, 0x03);
    await expect(led.brightness(16)).rejects.toMatchObject({ code: 'badInput' });
    await expect(led.show('😀')).rejects.toMatchObject({ code: 'badInput' });
    const other = new SerialLedScreen(pty.host, 0x07, 150); // no screen at address 7
    await expect(other.show('A001')).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('LED screen from the hall configuration', () => {
  it('opens the driver, port and address a window names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-ledcfg-'));
    const pair = await openPtyPair(join(dir, 'led'), join(dir, 'host'));
    const screen = await VirtualLedScreen.open(pair.a, 9);
    const window = WindowDef.parse({
      id: 'w09',
      number: '9',
      name: '税务窗口',
      type: 'dedicated',
      primary: { categories: ['tax'] },
      led: { driver: 'plainSerial', port: pair.b, address: 9 },
    });
    const led = await openLedScreen(window.led!);
    await led.screen.show('9号窗口 暂停服务');
    expect(screen.text).toBe('9号窗口 暂停服务');
    await led.close();
    await screen.close();
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
    expect(WindowDef.safeParse({ ...window, led: { driver: 'rainbow', port: 'x' } }).success).toBe(false);
  });
});
