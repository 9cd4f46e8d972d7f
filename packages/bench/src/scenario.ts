import { type BenchDevices, type BenchShape, hallId, MATTERS, windowId } from './seed.js';
import type { IssueTarget, SocketSpec } from './worker.js';

/** Each hall's devices come from their own addresses, as on a hall LAN (rate limits are per address). */
const displayAddress = (h: number) => `127.0.${10 + h}.1`;
const kioskAddress = (h: number) => `127.1.${h}.1`;
const WINDOW_ADDRESS = '127.2.0.1';

export function displaySockets(devices: BenchDevices, server: 'ours' | 'raw'): SocketSpec[] {
  return devices.displays.flatMap((list, h) =>
    list.map((t, d) => ({
      id: `display-${h}-${d}`,
      auth: (server === 'ours' ? { token: t } : { room: hallId(h) }) as Record<string, string>,
      localAddress: displayAddress(h),
      listen: true,
    })),
  );
}

export function kioskSockets(devices: BenchDevices, server: 'ours' | 'raw'): SocketSpec[] {
  return devices.kiosks.flatMap((list, h) =>
    list.map((t, k) => ({
      id: `kiosk-${h}-${k}`,
      auth: (server === 'ours' ? { token: t } : { room: hallId(h) }) as Record<string, string>,
      localAddress: kioskAddress(h),
      listen: false,
    })),
  );
}

/** The first window of every hall: it calls. */
export function windowSockets(devices: BenchDevices, server: 'ours' | 'raw'): SocketSpec[] {
  return devices.windows.map((list, h) => ({
    id: `window-${h}`,
    auth: (server === 'ours' ? { token: list[0]!.token } : { room: hallId(h) }) as Record<string, string>,
    localAddress: WINDOW_ADDRESS,
    listen: false,
  }));
}

const payloads = (server: 'ours' | 'raw', h: number): Record<string, unknown>[] =>
  server === 'ours' ? MATTERS.map((m) => ({ matterId: `${hallId(h)}-${m}` })) : [{ hall: hallId(h) }];

/** The kiosks of some halls (all of them by default), each issuing its own hall's matters. */
export function issueTargets(
  devices: BenchDevices,
  server: 'ours' | 'raw',
  halls?: readonly number[],
): IssueTarget[] {
  const which = halls ?? devices.kiosks.map((_, h) => h);
  // Interleaved hall by hall, so load spread over halls reaches every hall at once.
  const per = Math.max(...which.map((h) => devices.kiosks[h]!.length));
  const out: IssueTarget[] = [];
  for (let k = 0; k < per; k++)
    for (const h of which)
      if (k < devices.kiosks[h]!.length)
        out.push({ socket: `kiosk-${h}-${k}`, payloads: payloads(server, h) });
  return out;
}

export const callers = (shape: BenchShape) =>
  Array.from({ length: shape.halls }, (_, h) => ({
    socket: `window-${h}`,
    windowId: windowId(h, 0),
    room: hallId(h),
  }));
