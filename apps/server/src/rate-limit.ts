import { z } from 'zod';

/** A sustained rate and the burst allowed above it. */
export interface Rate {
  perSec: number;
  burst: number;
}

/** How much each device and address may ask of the server; beyond it the answer is RATE_LIMITED. */
export interface ServerLimits {
  /** Every message a device sends (commands, snapshots): a kiosk issues one ticket a second or so. */
  commandsPerDevice: Rate;
  /** Full snapshots a device may ask for; each reconnect brings one anyway. */
  snapshotsPerDevice: Rate;
  /** New Socket.IO connections from one address (a hall's devices reconnect together after a restart). */
  connectionsPerAddress: Rate;
  /** HTTP requests from one address: pages, screens' files, the public API. */
  httpPerAddress: Rate;
  /** Unknown device tokens (and failed console sign-ins) from one address: guessing is slowed to a crawl. */
  failedLoginsPerAddress: Rate;
  /** Bookings made, cancelled or moved from one address (预约 is a public page). */
  bookingsPerAddress: Rate;
  /** Booking look-ups (code + phone digits) from one address: codes cannot be tried one by one. */
  bookingLookupsPerAddress: Rate;
  /** Phones following a ticket live: connections from one address. */
  phoneWatchersPerAddress: Rate;
  /** Calls of one integration key (a business system): bursts of a busy morning, not a flood. */
  callsPerIntegrationKey: Rate;
  /** Open connections of one device token: one screen, and a reload overlapping it for a moment. */
  connectionsPerDevice: number;
  /** Open console connections of one person (a few tabs). */
  connectionsPerPerson: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  commandsPerDevice: { perSec: 10, burst: 40 },
  snapshotsPerDevice: { perSec: 1, burst: 5 },
  connectionsPerAddress: { perSec: 20, burst: 200 },
  httpPerAddress: { perSec: 50, burst: 300 },
  failedLoginsPerAddress: { perSec: 0.2, burst: 10 },
  bookingsPerAddress: { perSec: 1 / 60, burst: 10 },
  bookingLookupsPerAddress: { perSec: 1 / 60, burst: 10 },
  phoneWatchersPerAddress: { perSec: 1, burst: 30 },
  callsPerIntegrationKey: { perSec: 10, burst: 60 },
  connectionsPerDevice: 3,
  connectionsPerPerson: 10,
};

/** What every limiter answers: 0 when allowed, else the milliseconds to wait (Redis: asynchronously). */
export interface Limiter {
  take(key: string): number | Promise<number>;
}

/** Buckets kept before full ones are forgotten (a full bucket is the same as none). */
const SWEEP_AT = 10_000;

/**
 * Token buckets by key (a device, an address): each request takes a token; tokens come back at the
 * sustained rate up to the burst. Cheap enough to run before anything else looks at a request.
 */
export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `key`: 0 when allowed, else the milliseconds until one is there. */
  take(key: string): number {
    const now = this.now();
    const b = this.buckets.get(key);
    const tokens =
      b === undefined
        ? this.rate.burst
        : Math.min(this.rate.burst, b.tokens + ((now - b.at) / 1_000) * this.rate.perSec);
    if (tokens >= 1) {
      if (this.buckets.size >= SWEEP_AT && b === undefined) this.sweep(now);
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    // A refusal costs a token too (down to one burst of debt): a client that keeps asking regardless
    // waits longer each time, while one that waits as told finds a token there.
    const owed = Math.max(-this.rate.burst, tokens - 1);
    this.buckets.set(key, { tokens: owed, at: now });
    return Math.ceil(((1 - owed) / this.rate.perSec) * 1_000);
  }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1_000) * this.rate.perSec >= this.rate.burst) this.buckets.delete(k);
    }
  }
}

const RateSchema = z.strictObject({ perSec: z.number().positive(), burst: z.number().min(1) });
const LimitsSchema = z
  .strictObject({
    commandsPerDevice: RateSchema,
    snapshotsPerDevice: RateSchema,
    connectionsPerAddress: RateSchema,
    httpPerAddress: RateSchema,
    failedLoginsPerAddress: RateSchema,
    bookingsPerAddress: RateSchema,
    bookingLookupsPerAddress: RateSchema,
    phoneWatchersPerAddress: RateSchema,
    connectionsPerDevice: z.number().int().min(1),
    connectionsPerPerson: z.number().int().min(1),
  })
  .partial();

/** Limits given as JSON (ONEWINDOW_LIMITS): only the keys named change; a wrong key or value is refused. */
export function parseLimits(text: string): Partial<ServerLimits> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('ONEWINDOW_LIMITS is not JSON');
  }
  const r = LimitsSchema.safeParse(doc);
  if (!r.success)
    throw new Error(
      `ONEWINDOW_LIMITS: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return r.data;
}

export function limitsWith(overrides: Partial<ServerLimits> = {}): ServerLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
