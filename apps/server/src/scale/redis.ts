import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../deps.js';
import { type Limiter, type Rate, RateLimiter } from '../rate-limit.js';

export type RedisClient = ReturnType<typeof createClient>;

/** A connected Redis client; reconnects by itself, and its errors are logged instead of ending the process. */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = createClient({ url });
  let said = 0;
  client.on('error', (err: unknown) => {
    // Said at most once a minute: a Redis that is down for an hour must not fill the log.
    if (Date.now() - said > 60_000) {
      said = Date.now();
      logger.warn({ err }, 'Redis unreachable; events reach other instances again once it is back');
    }
  });
  await client.connect();
  return client;
}

/**
 * Socket.IO across instances through Redis Streams: an emit on one instance reaches the clients of
 * every instance, and a Redis restart loses no message (each instance reads on from its last offset).
 */
export function streamsAdapter(client: RedisClient, streamName: string): ServerOptions['adapter'] {
  return createAdapter(client, { streamName, maxLen: 50_000 }) as ServerOptions['adapter'];
}

/** Token bucket in Redis, against Redis's clock, so every instance takes from the same bucket. */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil then tokens = burst; at = now end
tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  tokens = math.max(-burst, tokens - 1)
  wait = math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(2 * burst / rate * 1000) + 1000)
return wait`;

/**
 * The same buckets as RateLimiter, kept in Redis so that a client spreading its requests over every
 * instance gets no more than it would from one. While Redis is unreachable each instance limits on its
 * own (the hall keeps working; an attacker gains at most the number of instances).
 */
export class SharedRateLimiter implements Limiter {
  private readonly local: RateLimiter;
  private sha: string | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly name: string,
    private readonly rate: Rate,
  ) {
    this.local = new RateLimiter(rate);
  }

  async take(key: string): Promise<number> {
    if (!this.client.isReady) return this.local.take(key);
    const keys = [`${this.name}:${key}`];
    const args = [String(this.rate.perSec), String(this.rate.burst)];
    try {
      this.sha ??= await this.client.scriptLoad(TAKE);
      try {
        return Number(await this.client.evalSha(this.sha, { keys, arguments: args }));
      } catch (e) {
        // A Redis that restarted forgot the script: load it again once.
        if (!String(e).includes('NOSCRIPT')) throw e;
        this.sha = await this.client.scriptLoad(TAKE);
        return Number(await this.client.evalSha(this.sha, { keys, arguments: args }));
      }
    } catch {
      return this.local.take(key);
    }
  }
}
