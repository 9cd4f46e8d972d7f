import type { Socket as NetSocket } from 'node:net';
import { join } from 'node:path';
import { assembleHall } from './hall-core.js';
import { API_BASE, ApiContract } from './http/api-contract.js';
import { apiDocs } from './http/api-docs.js';
import { authPlugin } from './http/auth.js';
import { bookingApi, bookingPages } from './http/booking-routes.js';
import { consoleApi } from './http/console.js';
import { hallPages } from './http/hall-pages.js';
import { integrationApi } from './http/integration-api.js';
import { publicApi } from './http/public-api.js';
import { httpServer } from './http/server.js';
import { reachOf } from './screens.js';
import type { HallServer, HallServerDeps } from './server-types.js';
import { hallSockets } from './sockets.js';
import { webApps } from './static.js';
import { hallTimers } from './timers.js';

export type { Actor } from './admin/types.js';
export { SYSTEM } from './admin/types.js';
export { chineseCalendar } from './calendar.js';
export type { HallServer, HallServerDeps } from './server-types.js';
export { type HallIo, hallRoom } from './sockets.js';

/** How long close() waits for connections to end before cutting them. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The composition root: the hall's parts (hall-core.ts), then HTTP and Socket.IO as one plugin per
 * concern, each under its prefix, behind the one auth hook; then the timers.
 */
export async function createHallServer(deps: HallServerDeps): Promise<HallServer> {
  const core = await assembleHall(deps);
  const { service, residents, halls, cluster } = core;
  const http = httpServer(core.logger, deps.tls, cluster.limiter('http', core.limits.httpPerAddress));
  const limiter: typeof cluster.limiter = (name, rate) => cluster.limiter(name, rate);

  await http.register(authPlugin(core));
  await http.register(hallPages, { service, store: deps.store });
  await http.register(publicApi, {
    prefix: '/api',
    service,
    devices: core.devices,
    now: () => core.clock.now(),
  });
  await http.register(bookingApi, { prefix: '/api/book', ...residents.bookingRoutes() });
  await http.register(bookingPages, { prefix: '/book', ...residents.bookingRoutes() });
  // The published API for outside systems and its contract (OpenAPI generated from the routes' schemas).
  const contract = new ApiContract();
  await http.register(integrationApi, {
    prefix: API_BASE,
    contract,
    service,
    store: deps.store,
    ids: core.ids,
    now: () => core.clock.now(),
  });
  await http.register(apiDocs, { prefix: '/api', contract });
  await http.register(consoleApi, {
    prefix: '/api/admin',
    ...core,
    store: deps.store,
    now: () => core.clock.now(),
    secureCookies: deps.secureCookies ?? false,
  });
  await http.register(webApps, { apps: deps.webApps ?? [] });
  await http.register(hallSockets, {
    ...core,
    limiter,
    ...(cluster.adapter === undefined ? {} : { adapter: cluster.adapter }),
    attached: (io) => {
      core.io = io;
      residents.attach(io);
      cluster.attach(io, (change) => {
        const known = change.kind === 'devices' || halls.has(change.hallId);
        if (change.kind === 'devices') core.followOthers(core.devices.load());
        else if (change.kind === 'config' || !known) core.followOthers(core.config.reload(change.hallId));
        else core.followOthers(service.catchUp(change.hallId, change.seq));
      });
    },
  });
  // Each awaited registration has loaded its plugin: Socket.IO is attached by now. The server is not
  // started, so an embedding app (the demo's device panel) may still add routes of its own.
  const io = core.io;
  if (io === undefined) throw new Error('Socket.IO was not attached');

  const connections = new Set<NetSocket>();
  http.server.on('connection', (c: NetSocket) => {
    connections.add(c);
    c.once('close', () => connections.delete(c));
  });
  const timers = hallTimers(core, deps);

  return {
    http,
    io,
    service,
    config: core.config,
    devices: core.devices,
    accounts: core.accounts,
    backups: core.backups,
    residents,
    contract,
    deliveries: core.deliveries,
    async listen(options = {}) {
      const listening = await http.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
      const address = deps.tls === undefined ? listening : listening.replace(/^http:/, 'https:');
      // A wildcard bind (0.0.0.0) is no address for a phone: QR codes carry the first LAN address then.
      if (core.publicUrl === '') core.publicUrl = reachOf(address, { host: options.host }).phone;
      await timers.start();
      core.deliveries.start(deps.deliveryIntervalMs ?? 1_000);
      return address;
    },
    tick: timers.runNow,
    subscribe(hallId, listener) {
      const entry = { hallId, listener };
      core.listeners.add(entry);
      return () => core.listeners.delete(entry);
    },
    async close() {
      timers.stop();
      core.stats.close();
      // A client may reconnect while we shut down (its upgraded WebSocket is not an HTTP connection the
      // server closes by itself): after a grace period every connection left is cut, so close ends.
      const force = setTimeout(() => {
        for (const c of connections) c.destroy();
      }, CLOSE_GRACE_MS);
      try {
        await http.close(); // Socket.IO closes first (its preClose hook)
      } finally {
        clearTimeout(force);
      }
      await core.deliveries.stop();
      await residents.close();
      await core.printers.close();
      await cluster.close();
      await deps.store.close();
    },
  };
}

export const dataBackupDir = (dataDir: string): string => join(dataDir, 'backups');
