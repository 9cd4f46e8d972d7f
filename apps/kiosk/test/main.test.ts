import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The electron module, faked: the binary cannot run here, the main process logic can. */
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeContents {
    readonly listeners = new Map<string, Listener[]>();
    openHandler: unknown;
    reloaded = 0;
    sent: [string, unknown][] = [];
    on(event: string, l: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
    setWindowOpenHandler(h: unknown) {
      this.openHandler = h;
    }
    reload() {
      this.reloaded++;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    zoomFactor = 1;
    visualZoom: [number, number] = [1, 3];
    setZoomFactor(f: number) {
      this.zoomFactor = f;
    }
    async setVisualZoomLevelLimits(min: number, max: number) {
      this.visualZoom = [min, max];
    }
  }
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all.filter((w) => !w.destroyed);
    readonly webContents = new FakeContents();
    readonly listeners = new Map<string, Listener>();
    loaded: string[] = [];
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.all.push(this);
    }
    once(event: string, l: Listener) {
      this.listeners.set(event, l);
    }
    on(event: string, l: Listener) {
      this.listeners.set(event, l);
    }
    show() {}
    focus() {}
    destroy() {
      this.destroyed = true;
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    FakeBrowserWindow,
    handlers,
    lock: true,
    appEvents: new Map<string, Listener>(),
    privileged: [] as unknown[],
    permissionHandler: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  };
});

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => electron.lock,
    on: (event: string, l: () => void) => electron.appEvents.set(event, l),
    quit: vi.fn(),
    whenReady: async () => {},
    getPath: () => '/tmp/kiosk-user-data',
    getVersion: () => '0.1.0',
  },
  BrowserWindow: electron.FakeBrowserWindow,
  ipcMain: {
    handle: (channel: string, l: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, l),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  Menu: { setApplicationMenu: vi.fn() },
  net: { fetch: vi.fn() },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: vi.fn(),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof electron.permissionHandler) => {
        electron.permissionHandler = h;
      },
      setPermissionCheckHandler: vi.fn(),
    },
  },
}));

const { configPath, createKioskWindow, setupIpc, setupPermissions, setupScheme, setupSingleInstance } =
  await import('../src/main/app.js');

beforeEach(() => {
  electron.FakeBrowserWindow.all = [];
  electron.handlers.clear();
});

const fromKiosk = (win: InstanceType<typeof electron.FakeBrowserWindow>) => ({
  sender: win.webContents,
  senderFrame: { url: 'app://kiosk/index.html' },
});

describe('kiosk main process (electron mocked)', () => {
  it('opens an isolated full-screen kiosk window on the app origin', () => {
    const ipc = setupIpc(
      { file: '/x.json', config: { ok: false, file: '/x.json', problems: ['serverUrl: required'] } },
      undefined,
    );
    const win = createKioskWindow(ipc, true);
    expect(win).toBeInstanceOf(electron.FakeBrowserWindow);
    const w = electron.FakeBrowserWindow.all[0]!;
    expect(w.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: { contextIsolation: true, nodeIntegration: false, sandbox: true },
    });
    expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(w.loaded).toEqual(['app://kiosk/index.html']);
    expect(w.webContents.listeners.has('will-navigate')).toBe(true);
    expect(w.webContents.openHandler).toBeTypeOf('function');
  });

  it('tells the renderer about a wrong device file, and only the kiosk window may ask', async () => {
    const ipc = setupIpc(
      {
        file: '/etc/kiosk.json',
        config: { ok: false, file: '/etc/kiosk.json', problems: ['token: required'] },
      },
      undefined,
    );
    createKioskWindow(ipc, true);
    const w = electron.FakeBrowserWindow.all[0]!;
    const settings = electron.handlers.get('kiosk:settings')!;
    expect(await settings(fromKiosk(w))).toEqual({
      ok: false,
      file: '/etc/kiosk.json',
      problems: ['token: required'],
    });
    await expect(async () => settings({ sender: {}, senderFrame: { url: 'app://kiosk/' } })).rejects.toThrow(
      /refused/,
    );
    expect(await electron.handlers.get('kiosk:print')!(fromKiosk(w), { kind: 'ticket' })).toMatchObject({
      ok: false,
      error: { code: 'absent' },
    });
  });

  it('pairs only with a valid device file and says when the hall server cannot be reached', async () => {
    const bad = setupIpc(
      { file: '/x.json', config: { ok: false, file: '/x.json', problems: ['serverUrl: required'] } },
      undefined,
    );
    createKioskWindow(bad, true);
    const pair = electron.handlers.get('kiosk:pair')!;
    expect(await pair(fromKiosk(electron.FakeBrowserWindow.all[0]!), '12345678')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    bad.dispose();
    electron.FakeBrowserWindow.all.length = 0;
    const good = setupIpc(
      {
        file: '/x.json',
        config: { ok: true, config: { serverUrl: 'http://127.0.0.1:9', idleSeconds: 60, locale: 'zh-CN' } },
      },
      undefined,
    );
    createKioskWindow(good, true);
    const pair2 = electron.handlers.get('kiosk:pair')!;
    expect(await pair2(fromKiosk(electron.FakeBrowserWindow.all[0]!), '12345678')).toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
    expect(await pair2(fromKiosk(electron.FakeBrowserWindow.all[0]!), 'abc')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('replaces a crashed renderer with a fresh window that IPC then trusts, and reloads a hung one', async () => {
    const ipc = setupIpc(
      {
        file: '/etc/kiosk.json',
        config: {
          ok: true,
          config: { serverUrl: 'http://hall:8080', token: 't', idleSeconds: 60, locale: 'zh-CN' },
        },
      },
      undefined,
    );
    createKioskWindow(ipc, true);
    const first = electron.FakeBrowserWindow.all[0]!;
    first.listeners.get('unresponsive')?.();
    expect(first.webContents.reloaded).toBe(1);
    first.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(first.destroyed).toBe(true);
    const second = electron.FakeBrowserWindow.all[1]!;
    expect(second.loaded).toEqual(['app://kiosk/index.html']);
    const settings = electron.handlers.get('kiosk:settings')!;
    await expect(async () => settings(fromKiosk(first))).rejects.toThrow(/refused/);
    expect(await settings(fromKiosk(second))).toMatchObject({
      ok: true,
      settings: { serverUrl: 'http://hall:8080', hasPrinter: false, hasIdCardReader: false },
    });
  });

  it('registers the app scheme as secure, denies every permission and runs one instance', () => {
    setupScheme();
    expect(electron.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    setupPermissions();
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal']) {
      electron.permissionHandler?.({}, p, (ok) => answers.push(ok));
    }
    expect(answers).toEqual([false, false, false, false]);
    const focus = vi.fn();
    expect(setupSingleInstance(focus)).toBe(true);
    electron.appEvents.get('second-instance')?.();
    expect(focus).toHaveBeenCalledOnce();
    electron.lock = false;
    expect(setupSingleInstance(focus)).toBe(false);
    electron.lock = true;
  });

  it('finds the device file from the command line, the environment, or userData', () => {
    expect(configPath(['electron', '.', '--config=/etc/ow.json'], {}, '/u')).toBe('/etc/ow.json');
    expect(configPath([], { ONEWINDOW_KIOSK_CONFIG: '/e.json' }, '/u')).toBe('/e.json');
    expect(configPath([], {}, '/u')).toBe('/u/kiosk.json');
  });
});
