import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args);
      return { ok: true };
    },
    on: (channel: string, l: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(l);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, l: (...args: unknown[]) => void) =>
      electron.listeners.get(channel)?.delete(l),
  },
}));

await import('../src/preload/preload.js');

describe('kiosk preload (electron mocked)', () => {
  it('exposes only the bridge contract, each method on its own channel', async () => {
    expect([...electron.exposed.keys()]).toEqual(['onewindowKiosk']);
    const api = electron.exposed.get('onewindowKiosk') as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual(['onCard', 'pair', 'print', 'printerStatus', 'settings']);
    await api.settings?.();
    await api.pair?.('12345678');
    await api.print?.({ kind: 'ticket' });
    await api.printerStatus?.();
    expect(electron.invoked).toEqual([
      ['kiosk:settings'],
      ['kiosk:pair', '12345678'],
      ['kiosk:print', { kind: 'ticket' }],
      ['kiosk:printerStatus'],
    ]);
  });

  it('forwards card events without the IPC event object, and stops on unsubscribe', () => {
    const api = electron.exposed.get('onewindowKiosk') as { onCard(l: (e: unknown) => void): () => void };
    const got: unknown[] = [];
    const off = api.onCard((e) => got.push(e));
    for (const l of electron.listeners.get('kiosk:card') ?? [])
      l({ sender: 'ipc-event' }, { type: 'cardError', code: 'x', message: 'y' });
    expect(got).toEqual([{ type: 'cardError', code: 'x', message: 'y' }]);
    off();
    expect(electron.listeners.get('kiosk:card')?.size).toBe(0);
  });
});
