import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** Time is a dependency so tests and the simulator can set it. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** Where new ids come from; tickets are public by id, so ids must be unguessable in production. */
export interface IdSource {
  uuid(): string;
  /** A short code a resident can type: appointment codes. */
  code(): string;
}
export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  code: () => String(randomInt(0, 100_000_000)).padStart(8, '0'),
};

export type { Logger };

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
