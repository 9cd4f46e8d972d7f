import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DispatchPolicy,
  FORECAST_CALLS,
  ForecastQueues,
  forecastWaits,
  onewindowPolicy,
  priorityFifo,
  QueueIndex,
  queuePosition,
  queueStats,
  type Ticket,
  type Window,
} from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;
const matters = mattersMap(
  matter('short', 'social', { avgHandleMin: 3, targetWaitMin: 15 }),
  matter('long', 'social', { avgHandleMin: 30, targetWaitMin: 20 }),
  matter('tax', 'tax', { avgHandleMin: 8, targetWaitMin: 20 }),
);

/**
 * The reference: the same play without the forecast's copy of the queue heads — every queued ticket in
 * a plain list, the policy reading all of them. The forecast must decide exactly as this does.
 */
/** A hall at one moment: the ticket placed, the queue (with it), the windows and when each is free. */
type Play = (
  placed: Ticket,
  queued: readonly Ticket[],
  windows: readonly Window[],
  free: readonly number[],
  now: number,
  policy: DispatchPolicy,
) => number | undefined;

const playByList: Play = (placed, queued, windows, free, now, policy) => {
  const left = [...queued];
  const at = [...free];
  for (let call = 0; call < FORECAST_CALLS; call++) {
    let j = -1;
    for (let i = 0; i < at.length; i++) if (j < 0 || at[i]! < at[j]!) j = i;
    if (!Number.isFinite(at[j]!)) return undefined;
    // The policy hears when the other windows free up, as the play has them busy.
    const freeInMin = (id: string) => {
      const i = windows.findIndex((w) => w.id === id);
      return i < 0 ? 0 : Math.max(0, at[i]! - at[j]!);
    };
    const chosen = policy({
      window: windows[j]!,
      tickets: left,
      matters,
      now: now + at[j]! * MIN,
      windows,
      freeInMin,
    });
    if (chosen === undefined) {
      at[j] = Number.POSITIVE_INFINITY;
      continue;
    }
    if (chosen.id === placed.id) return at[j]!;
    left.splice(left.indexOf(chosen), 1);
    at[j]! += matters.get(chosen.matterId)!.avgHandleMin;
  }
  return undefined;
};

const forecastOne: Play = (placed, queued, windows, free, now, policy) =>
  forecastWaits({
    tickets: [placed],
    queues: new ForecastQueues(new QueueIndex(queued), FORECAST_CALLS + 1),
    windows,
    freeInMin: free,
    hallWindows: windows,
    matters,
    handleMin: new Map(),
    now,
    policy,
    stillThere: () => 1,
    maxCalls: FORECAST_CALLS,
  }).get(placed.id);

describe('the wait forecast: the hall played forward with its own dispatch', () => {
  it('decides every call as the policy does on the whole queue (its copy of the heads loses nothing)', () => {
    const windows = [
      window('w1', { all: true }),
      window('w2', { categories: ['social'] }),
      window('w3', { all: true }),
    ];
    const arb = fc.record({
      queue: fc.array(
        fc.record({
          matter: fc.constantFrom('short', 'long', 'tax'),
          waited: fc.integer({ min: 0, max: 90 }),
          cls: fc.constantFrom('normal', 'normal', 'normal', 'green'),
        }),
        { minLength: 1, maxLength: 70 },
      ),
      free: fc.tuple(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
      ),
      pick: fc.nat(),
    });
    const now = T0 + 120 * MIN;
    fc.assert(
      fc.property(arb, ({ queue, free, pick }) => {
        const queued = queue.map((q) => ticket(q.matter, now - q.waited * MIN, q.cls as 'normal' | 'green'));
        const placed = queued[pick % queued.length]!;
        for (const policy of [onewindowPolicy, priorityFifo]) {
          expect(forecastOne(placed, queued, windows, free, now, policy)).toBe(
            playByList(placed, queued, windows, free, now, policy),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sees short visits go first: a long visit waits behind short ones that came after it', () => {
    const windows = [window('w1', { all: true })];
    const now = T0 + 30 * MIN;
    const long = ticket('long', now - 10 * MIN);
    const shorts = [1, 2, 3].map((k) => ticket('short', now - (10 - k) * MIN));
    const queued = [long, ...shorts];
    // In queue order the long visit is next; the policy calls the short ones first (their score per
    // minute of work is higher) until the long one's wait outweighs them.
    expect(forecastOne(long, queued, windows, [0], now, priorityFifo)).toBe(0);
    expect(forecastOne(long, queued, windows, [0], now, onewindowPolicy)).toBeGreaterThan(0);
    // And the estimate a resident is told follows the policy when the view carries it.
    const view = { tickets: queued, windows, matters, now };
    expect(queuePosition(long, view).estimatedWaitMin).toBe(0);
    expect(queuePosition(long, { ...view, policy: onewindowPolicy }).estimatedWaitMin).toBe(
      forecastOne(long, queued, windows, [0], now, onewindowPolicy),
    );
  });

  it('weighs a ticket ahead by the chance that its resident is still there', () => {
    const windows = [window('w1', { all: true })];
    const now = T0 + 60 * MIN;
    const ahead = [1, 2, 3, 4].map((k) => ticket('tax', now - (50 - k) * MIN));
    const placed = ticket('tax', now);
    const play = (stillThere: (w: number, f: number) => number) =>
      forecastWaits({
        tickets: [placed],
        queues: new ForecastQueues(new QueueIndex([...ahead, placed]), FORECAST_CALLS + 1),
        windows,
        freeInMin: [0],
        hallWindows: windows,
        matters,
        handleMin: new Map(),
        now,
        policy: priorityFifo,
        stillThere,
        maxCalls: FORECAST_CALLS,
      }).get(placed.id);
    expect(play(() => 1)).toBe(32);
    // Half of those who have waited 45 minutes or more are gone by their turn.
    expect(play((waited) => (waited >= 45 ? 0.5 : 1))).toBe(16);
  });

  it('plays at most FORECAST_CALLS calls and copies as many tickets per queue, however long the queue', () => {
    const windows = [window('w1', { all: true })];
    const now = T0 + 60 * MIN;
    const queued = Array.from({ length: 5_000 }, (_, i) => ticket('tax', now - 60 * MIN + i));
    const index = new QueueIndex(queued);
    const copy = new ForecastQueues(index, FORECAST_CALLS + 1);
    expect(copy.matterQueue('tax').length).toBe(FORECAST_CALLS + 1);
    // The policy still sees the whole backlog.
    expect(copy.queueLength('tax')).toBe(5_000);
    expect(forecastOne(queued[FORECAST_CALLS - 1]!, queued, windows, [0], now, onewindowPolicy)).toBe(
      (FORECAST_CALLS - 1) * 8,
    );
    // Past the calls played, the forecast gives up and the queue-order schedule answers.
    expect(forecastOne(queued[4_000]!, queued, windows, [0], now, onewindowPolicy)).toBeUndefined();
    const pos = queuePosition(queued[4_000]!, {
      tickets: [],
      index,
      windows,
      matters,
      now,
      policy: onewindowPolicy,
    });
    expect(pos.estimatedWaitMin).toBe(
      queuePosition(queued[4_000]!, { tickets: [], index, windows, matters, now }).estimatedWaitMin,
    );
  });

  it('tells every matter in the statistics what a ticket of that matter issued now is told', () => {
    const windows = [window('w1', { all: true }), window('w2', { categories: ['tax'] })];
    const now = T0 + 20 * MIN;
    const queued = [
      ticket('long', now - 9 * MIN),
      ticket('short', now - 5 * MIN),
      ticket('tax', now - 2 * MIN),
    ];
    const view = { tickets: queued, windows, matters, now, policy: onewindowPolicy };
    const stats = queueStats(view, now);
    for (const load of stats.matters) {
      const fresh = ticket(load.matterId, now, 'normal', { seq: Number.MAX_SAFE_INTEGER });
      const alone = queuePosition(fresh, { ...view, tickets: [...queued, fresh] }).estimatedWaitMin!;
      // One play places every matter's probe at once: each may count in the others' backlog, no more.
      expect(Math.abs(load.estimatedWaitMin! - alone)).toBeLessThanOrEqual(1);
    }
  });
});
