import { describe, expect, it } from 'vitest';
import { type InvokeEvent, type IpcMainLike, IpcManager } from '../src/main/ipc.js';

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = async (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const h = handlers.get(channel);
    if (h === undefined) throw new Error(`no handler for ${channel}`);
    return h(event, ...args);
  };
  return { ipc, handlers, invoke };
}

describe('IpcManager', () => {
  const kioskContents = { id: 1 };
  const good: InvokeEvent = { sender: kioskContents, senderFrame: { url: 'app://kiosk/index.html' } };

  it('answers the kiosk window on its own origin', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const m = new IpcManager(ipc);
    m.trust(kioskContents);
    m.handle('kiosk:print', (job) => ({ printed: job }));
    expect(await invoke('kiosk:print', good, { kind: 'ticket' })).toEqual({ printed: { kind: 'ticket' } });
  });

  it.each<[string, InvokeEvent]>([
    ['another webContents', { sender: { id: 2 }, senderFrame: { url: 'app://kiosk/index.html' } }],
    [
      'a foreign frame in the kiosk window',
      { sender: kioskContents, senderFrame: { url: 'https://evil.example/' } },
    ],
    ['a file:// frame', { sender: kioskContents, senderFrame: { url: 'file:///tmp/x.html' } }],
    ['a look-alike origin', { sender: kioskContents, senderFrame: { url: 'app://kiosk.evil/' } }],
    ['a frame that is gone', { sender: kioskContents, senderFrame: null }],
  ])('refuses %s and says why', async (_what, event) => {
    const { ipc, invoke } = fakeIpcMain();
    const refused: string[] = [];
    const m = new IpcManager(ipc, (channel, reason) => refused.push(`${channel}: ${reason}`));
    m.trust(kioskContents);
    let called = false;
    m.handle('kiosk:settings', () => {
      called = true;
    });
    await expect(invoke('kiosk:settings', event)).rejects.toThrow(/refused kiosk:settings/);
    expect(called).toBe(false);
    expect(refused).toHaveLength(1);
  });

  it('answers nobody before a window is trusted, and only the newest window after a relaunch', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const m = new IpcManager(ipc);
    m.handle('kiosk:printerStatus', () => 'ok');
    await expect(invoke('kiosk:printerStatus', good)).rejects.toThrow(/not the kiosk window/);
    m.trust(kioskContents);
    expect(await invoke('kiosk:printerStatus', good)).toBe('ok');
    const replacement = { id: 3 };
    m.trust(replacement);
    await expect(invoke('kiosk:printerStatus', good)).rejects.toThrow();
    expect(await invoke('kiosk:printerStatus', { ...good, sender: replacement })).toBe('ok');
  });

  it('registers only the listed channels and removes them on dispose', () => {
    const { ipc, handlers } = fakeIpcMain();
    const m = new IpcManager(ipc);
    expect(() => m.handle('kiosk:shell' as 'kiosk:print', () => 0)).toThrow(/unknown channel/);
    m.handle('kiosk:print', () => 0);
    m.handle('kiosk:settings', () => 0);
    expect([...handlers.keys()]).toEqual(['kiosk:print', 'kiosk:settings']);
    m.dispose();
    expect(handlers.size).toBe(0);
  });
});
