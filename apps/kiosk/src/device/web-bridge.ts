import type { Server as HttpServer } from 'node:http';
import {
  KIOSK_BRIDGE_PATH,
  type KioskBridgeClientEvents,
  type KioskBridgeServerEvents,
} from '@onewindow/protocol';
import { Server } from 'socket.io';
import type { KioskHardware } from './hardware.js';

/**
 * Browser mode's device bridge: a kiosk page authenticated by its device token reaches that kiosk's
 * printer and ID card reader over a socket, with the same messages Electron carries over IPC.
 */
export function attachKioskBridge(
  http: HttpServer,
  hardwareFor: (token: string) => KioskHardware | undefined,
): { close(): Promise<void> } {
  const io = new Server<
    KioskBridgeClientEvents,
    KioskBridgeServerEvents,
    Record<string, never>,
    { hw: KioskHardware }
  >(http, { path: KIOSK_BRIDGE_PATH, serveClient: false, cors: { origin: true } });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    const hw = typeof token === 'string' ? hardwareFor(token) : undefined;
    if (hw === undefined) {
      next(new Error('UNAUTHENTICATED'));
      return;
    }
    socket.data.hw = hw;
    next();
  });
  io.on('connection', (socket) => {
    const hw = socket.data.hw;
    const off = hw.onCard((e) => socket.emit('card', e));
    socket.on('disconnect', off);
    socket.on('print', (job, ack) => {
      if (typeof ack !== 'function') return;
      void hw.print(job).then(ack);
    });
    socket.on('printerStatus', (ack) => {
      if (typeof ack !== 'function') return;
      void hw.printerStatus().then(ack);
    });
  });
  return {
    // Not io.close(): that would also close the hall server's HTTP server this socket shares.
    // Closing the transports lets kiosk pages reconnect to the next server on this address.
    async close() {
      io.engine.close();
    },
  };
}
