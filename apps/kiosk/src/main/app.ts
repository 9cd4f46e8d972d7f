import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kioskChannels } from '@onewindow/protocol';
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session } from 'electron';
import { type KioskConfigResult, loadKioskConfig, settingsResult } from '../device/config.js';
import { KioskHardware } from '../device/hardware.js';
import { pairKiosk } from '../device/pairing.js';
import { IpcManager } from './ipc.js';
import {
  APP_ENTRY,
  APP_SCHEME,
  appFileFor,
  fixZoom,
  hardenContents,
  kioskWindowOptions,
} from './security.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Built renderer and preload, next to this file in dist/. */
export const RENDERER_DIR = join(here, '..', 'renderer');
export const PRELOAD = join(here, '..', 'preload.cjs');

const log = (msg: string) => process.stdout.write(`[kiosk] ${msg}\n`);

/** Where the device file is: --config=FILE, ONEWINDOW_KIOSK_CONFIG, or kiosk.json in userData. */
export function configPath(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): string {
  const arg = argv.find((a) => a.startsWith('--config='));
  return arg?.slice('--config='.length) || env.ONEWINDOW_KIOSK_CONFIG || join(userData, 'kiosk.json');
}

/** Must run before `ready`: the app scheme behaves like https (secure, fetch, storage). */
export function setupScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** One kiosk per machine: a second launch focuses the first. Returns false when this one must quit. */
export function setupSingleInstance(focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', focus);
  return true;
}

/** Serves the renderer folder on app://kiosk; everything else is a 404. */
export function setupAppProtocol(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = appFileFor(RENDERER_DIR, request.url);
    return file === undefined
      ? new Response('not found', { status: 404 })
      : net.fetch(pathToFileURL(file).href);
  });
}

/** No permission (camera, geolocation, notifications…) is ever granted to the renderer. */
export function setupPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  Menu.setApplicationMenu(null);
}

/** The device file as read, and where it is; pairing writes the token into it. */
export interface DeviceFile {
  file: string;
  config: KioskConfigResult;
}

/** IPC: settings, pairing, printing and printer status for the kiosk window only; card events pushed to it. */
export function setupIpc(device: DeviceFile, hardware: KioskHardware | undefined): IpcManager {
  const ipc = new IpcManager(ipcMain, (channel, reason) => log(`refused ${channel}: ${reason}`));
  ipc.handle(kioskChannels.settings, () => settingsResult(device.config));
  ipc.handle(kioskChannels.pair, async (code) => {
    if (!device.config.ok)
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'the device file is not valid' } };
    const r = await pairKiosk(
      device.file,
      device.config.config,
      String(code),
      `kiosk-electron-${app.getVersion()}`,
    );
    if (r.config !== undefined) device.config = { ok: true, config: r.config };
    return r.outcome;
  });
  ipc.handle(kioskChannels.print, (job) =>
    hardware === undefined
      ? { ok: false, error: { code: 'absent', message: 'no printer configured' } }
      : hardware.print(job),
  );
  ipc.handle(kioskChannels.printerStatus, () =>
    hardware === undefined
      ? { ready: false, problem: 'absent', paperNearEnd: false, message: 'no printer configured' }
      : hardware.printerStatus(),
  );
  return ipc;
}

/**
 * The kiosk window. When its renderer crashes or hangs, a fresh window replaces it so the kiosk never
 * stays dark; the replacement is the one IPC trusts.
 */
export function createKioskWindow(ipc: IpcManager, kiosk: boolean): BrowserWindow {
  const win = new BrowserWindow(kioskWindowOptions(PRELOAD, { kiosk }));
  hardenContents(win.webContents, (url) => log(`blocked navigation to ${url}`));
  fixZoom(win.webContents);
  ipc.trust(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => {
    log(`renderer gone (${details.reason}); relaunching the window`);
    win.destroy();
    createKioskWindow(ipc, kiosk);
  });
  win.on('unresponsive', () => {
    log('renderer unresponsive; reloading');
    win.webContents.reload();
  });
  void win.loadURL(APP_ENTRY);
  return win;
}

/** The whole main process: a row of setup calls. */
export async function startKiosk(): Promise<void> {
  setupScheme();
  if (!setupSingleInstance(() => BrowserWindow.getAllWindows()[0]?.focus())) {
    app.quit();
    return;
  }
  await app.whenReady();
  const file = configPath(process.argv, process.env, app.getPath('userData'));
  const config = loadKioskConfig(file);
  if (!config.ok) log(`invalid device file ${file}: ${config.problems.join('; ')}`);
  let hardware: KioskHardware | undefined;
  if (config.ok) {
    try {
      hardware = await KioskHardware.open(config.config);
      hardware.start();
    } catch (e) {
      log(`devices not available: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  setupAppProtocol();
  setupPermissions();
  const ipc = setupIpc({ file, config }, hardware);
  hardware?.onCard((event) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(kioskChannels.card, event);
  });
  createKioskWindow(ipc, !process.argv.includes('--windowed'));
  app.on('window-all-closed', () => {
    void hardware?.close().finally(() => app.quit());
  });
}
