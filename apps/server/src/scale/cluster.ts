import type { ServerOptions } from 'socket.io';
import type { ClusterChange } from '../admin/types.js';
import type { Logger } from '../deps.js';
import { type Limiter, type Rate, RateLimiter } from '../rate-limit.js';
import type { HallIo } from '../sockets.js';
import { connectRedis, type RedisClient, SharedRateLimiter, streamsAdapter } from './redis.js';

/**
 * The other instances of a deployment, as this one sees them. Without Redis there are none that this
 * instance can reach: limits are in-process and nothing is announced. With Redis, emits reach every
 * instance's clients (Streams adapter), changes are announced to the others, and rate limits are
 * buckets in Redis shared by all.
 */
export interface Cluster {
  readonly adapter: ServerOptions['adapter'] | undefined;
  limiter(name: string, rate: Rate): Limiter;
  /** Starts hearing the other instances (and being heard) once Socket.IO is up. */
  attach(io: HallIo, onChange: (change: ClusterChange) => void): void;
  announce(change: ClusterChange): void;
  close(): Promise<void>;
}

export async function joinCluster(
  redisUrl: string | undefined,
  logger: Logger,
  /** Keys and stream of this deployment in a Redis that others may share. */
  prefix = 'onewindow',
): Promise<Cluster> {
  if (redisUrl === undefined || redisUrl === '') {
    return {
      adapter: undefined,
      limiter: (_name, rate) => new RateLimiter(rate),
      attach: () => {},
      announce: () => {},
      close: async () => {},
    };
  }
  const client: RedisClient = await connectRedis(redisUrl, logger);
  let io: HallIo | undefined;
  return {
    adapter: streamsAdapter(client, `${prefix}:socket.io`),
    limiter: (name, rate) => new SharedRateLimiter(client, `${prefix}:limit:${name}`, rate),
    attach(attached, onChange) {
      io = attached;
      attached.on('cluster:changed', (change) => onChange(change));
    },
    announce(change) {
      try {
        io?.serverSideEmit('cluster:changed', change);
      } catch (err) {
        // The others catch up at their next command of the hall anyway; this only makes it sooner.
        logger.warn({ err }, 'could not tell the other instances');
      }
    },
    async close() {
      if (client.isOpen) await client.quit().catch(() => client.destroy());
    },
  };
}
