import { extname, join, normalize, sep } from 'node:path';

/** The renderer is served from its own privileged scheme, never file:// (which could read any file). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** True only for URLs of the kiosk's own origin; everything else is refused navigation. */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > 2_048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** The file an app:// request names inside the renderer folder, or undefined for anything outside. */
export function appFileFor(rendererDir: string, raw: string): string | undefined {
  if (!isAppUrl(raw)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(raw).pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const relative = normalize(pathname).replace(/^\/+/, '');
  if (relative.startsWith('..')) return undefined;
  const file = join(rendererDir, extname(relative) === '' ? 'index.html' : relative);
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep;
  return file.startsWith(root) ? file : undefined;
}

/** The kiosk window: full screen, no frame or menu, and a renderer with no Node and an isolated preload. */
export function kioskWindowOptions(preload: string, options: { kiosk: boolean }) {
  return {
    width: 1080,
    height: 1920,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    frame: !options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#f4f7fb',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !options.kiosk,
    },
  };
}

/** The parts of webContents the hardening touches, so it can be tested without Electron. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url: string }) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Blocks navigation and redirects away from the app, every new window and every webview. */
export function hardenContents(
  contents: HardenableContents,
  onBlocked: (url: string) => void = () => {},
): void {
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      onBlocked(event.url);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked(url);
    return { action: 'deny' };
  });
}

/** The parts of webContents that keep the kiosk's zoom fixed. */
export interface ZoomableContents {
  on(event: 'did-finish-load' | 'zoom-changed', listener: () => void): unknown;
  setZoomFactor(factor: number): void;
  setVisualZoomLevelLimits(minimum: number, maximum: number): Promise<void>;
}

/**
 * A touch kiosk keeps its layout: no pinch zoom, and a zoom (Ctrl + wheel on a service keyboard) is
 * undone at once. Fixed here in the shell, not in the page, so the same page opened in a browser
 * still lets a person with low vision zoom (WCAG 1.4.4).
 */
export function fixZoom(contents: ZoomableContents): void {
  const hold = () => {
    contents.setZoomFactor(1);
    void contents.setVisualZoomLevelLimits(1, 1);
  };
  contents.on('did-finish-load', hold);
  contents.on('zoom-changed', hold);
}
