import { keepReconnecting } from '@onewindow/client';
import {
  KIOSK_BRIDGE_PATH,
  type KioskBridge,
  type KioskBridgeClientEvents,
  type KioskBridgeServerEvents,
  KioskSettings,
  type KioskSettingsResult,
} from '@onewindow/protocol';
import { browserPair, takeDeviceToken } from '@onewindow/ui';
import { io, type Socket } from 'socket.io-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    onewindowKiosk?: KioskBridge;
  }
}

const BRIDGE_WAIT_MS = 3_000;
/** How long a print waits for the bridge to come back before it is reported undone. */
const RECONNECT_WAIT_MS = 10_000;

/** Resolves true once the socket is connected, false if it is not within `ms`. */
function connected(socket: Socket, ms: number): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    socket.on('connect', onConnect);
  });
}

/**
 * Browser mode: the page's own server is the hall server, the device token comes once in the URL
 * (`/kiosk/?token=…`, then kept in local storage and removed from the address bar) and the printer and
 * reader are reached over the `/kiosk-bridge` socket.
 */
export function webBridge(location: Location, storage: Storage, history: History): KioskBridge {
  const { token, params } = takeDeviceToken('kiosk', location, storage, history);
  const socket: Socket<KioskBridgeServerEvents, KioskBridgeClientEvents> = io(location.origin, {
    path: KIOSK_BRIDGE_PATH,
    auth: { token },
    transports: ['websocket'],
  });
  keepReconnecting(socket);
  // Whether the page has devices at all is known once the bridge accepts or refuses the token.
  const devices = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), BRIDGE_WAIT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.once('connect_error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  const unreachable = (what: string) => ({
    ok: false as const,
    error: { code: 'disconnected' as const, message: `${what}: the device bridge is not connected` },
  });

  return {
    async settings(): Promise<KioskSettingsResult> {
      const has = token === '' ? false : await devices;
      const parsed = KioskSettings.safeParse({
        serverUrl: location.origin,
        ...(token === '' ? {} : { token }),
        idleSeconds: Number(params.get('idle') ?? 60),
        locale: params.get('lang') === 'en' ? 'en' : 'zh-CN',
        hasPrinter: has,
        hasIdCardReader: has,
      });
      return parsed.success
        ? { ok: true, settings: parsed.data }
        : {
            ok: false,
            file: location.href,
            problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
          };
    },
    pair: (code) => browserPair('kiosk', location.origin)(code),
    async print(job) {
      // Just after a server restart the bridge may be a moment behind the hall: the ticket waits for it.
      if (!(await connected(socket, RECONNECT_WAIT_MS))) return unreachable('print');
      try {
        return await socket.timeout(15_000).emitWithAck('print', job);
      } catch {
        return { ok: false, error: { code: 'timeout', message: 'the printer did not answer in time' } };
      }
    },
    async printerStatus() {
      if (!socket.connected) {
        return {
          ready: false,
          problem: 'disconnected',
          paperNearEnd: false,
          message: 'device bridge not connected',
        };
      }
      try {
        return await socket.timeout(5_000).emitWithAck('printerStatus');
      } catch {
        return {
          ready: false,
          problem: 'timeout',
          paperNearEnd: false,
          message: 'the printer did not answer',
        };
      }
    },
    onCard(listener) {
      socket.on('card', listener);
      return () => {
        socket.off('card', listener);
      };
    },
  };
}

/** Electron's preload bridge when present, else the web bridge. */
export const pickBridge = (): KioskBridge =>
  window.onewindowKiosk ?? webBridge(window.location, window.localStorage, window.history);
