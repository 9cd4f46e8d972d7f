import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balancedPolicy,
  compareQueueOrder,
  DEFAULT_BALANCE,
  effectiveRank,
  expectedFreeIn,
  idleWindowOrder,
  isEligible,
  isSaturated,
  onewindowPolicy,
  type PriorityClass,
  priorityFifo,
  QueueIndex,
  starvationBoundMin,
  type Ticket,
  type Window,
} from '../src/index.js';
import { matter, mattersMap, T0, ticket, window } from './fixtures.js';

const MIN = 60_000;
const matters = mattersMap(
  matter('s1', 'social', { targetWaitMin: 15 }),
  matter('s2', 'social', { targetWaitMin: 30 }),
  matter('t1', 'tax', { targetWaitMin: 20 }),
  matter('e1', 'estate', { targetWaitMin: 30, avgHandleMin: 20 }),
);
const windows: Window[] = [
  window('u', { all: true }),
  window('soc', { categories: ['social'] }, { categories: ['tax'] }),
  window('tax', { categories: ['tax'] }),
  window('est', { categories: ['estate'] }),
  window('est2', { categories: ['estate'] }, {}, 'serving'),
];

const ticketArb = fc
  .record({
    matterId: fc.constantFrom('s1', 's2', 't1', 'e1'),
    at: fc.integer({ min: 0, max: 90 }),
    cls: fc.constantFrom<PriorityClass>('normal', 'normal', 'normal', 'green', 'appointment'),
    slotLater: fc.boolean(),
  })
  .map((r) =>
    ticket(r.matterId, T0 + r.at * MIN, r.cls, {
      slotStart: r.cls === 'appointment' ? T0 + (r.slotLater ? 200 : 0) * MIN : null,
    }),
  );
/** Waited beyond its matter's target plus the cross-class limit. */
const pastCrossBound = (t: Ticket, now: number, limitMin = DEFAULT_BALANCE.crossClassLimitMin) =>
  (now - t.issuedAt) / MIN > matters.get(t.matterId)!.targetWaitMin + limitMin;

const stateArb = fc.record({
  tickets: fc.array(ticketArb, { maxLength: 60 }),
  window: fc.constantFrom(...windows.slice(0, 4)),
  nowMin: fc.integer({ min: 90, max: 180 }),
});

describe('balanced dispatch invariants (property)', () => {
  it('only calls eligible tickets of the best class present, never a later ticket of the same matter and class first', () => {
    fc.assert(
      fc.property(stateArb, ({ tickets, window: w, nowMin }) => {
        const now = T0 + nowMin * MIN;
        const picked = onewindowPolicy({ window: w, tickets, windows, matters, now });
        const eligible = tickets.filter((t) => isEligible(w, t, matters));
        if (eligible.length === 0) {
          expect(picked).toBeUndefined();
          return;
        }
        expect(picked).toBeDefined();
        const p = picked!;
        expect(isEligible(w, p, matters)).toBe(true);
        const bestRank = Math.min(...eligible.map((t) => effectiveRank(t, now)));
        // The best class, unless a lower-class ticket is past the cross-class bound.
        if (effectiveRank(p, now) !== bestRank) expect(pastCrossBound(p, now)).toBe(true);
        for (const t of eligible) {
          if (t.matterId === p.matterId && effectiveRank(t, now) === effectiveRank(p, now)) {
            expect(compareQueueOrder(p, t, now)).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cross-class bound: past its target plus the limit, a ticket is passed over only for a later green or appointment ticket that has waited the keep share of its wait', () => {
    fc.assert(
      fc.property(stateArb, ({ tickets, window: w, nowMin }) => {
        const now = T0 + nowMin * MIN;
        const ctx = { window: w, tickets, windows, matters, now };
        const picked = onewindowPolicy(ctx);
        if (picked === undefined) return;
        const eligible = tickets.filter((t) => isEligible(w, t, matters));
        // Saturated, the bound is the longer one that only keeps a class from starving, and past it
        // nothing later of a higher class goes first.
        const saturated = isSaturated(ctx);
        const limit = saturated ? DEFAULT_BALANCE.saturatedCrossClassLimitMin : undefined;
        const starving = (t: Ticket) => pastCrossBound(t, now, DEFAULT_BALANCE.saturatedCrossClassLimitMin);
        for (const x of eligible.filter((t) => pastCrossBound(t, now, limit))) {
          const laterAndHigher =
            effectiveRank(picked, now) < effectiveRank(x, now) && picked.issuedAt > x.issuedAt;
          if (!laterAndHigher) continue;
          expect(saturated || starving(x)).toBe(false);
          expect(now - picked.issuedAt).toBeGreaterThanOrEqual(
            DEFAULT_BALANCE.crossClassKeepShare * (now - x.issuedAt),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('cross-class bound: a green ticket that has waited the keep share of an overdue normal ticket’s wait keeps its turn; a fresher one does not', () => {
    const w = windows[0]!;
    const now = T0 + 60 * MIN;
    // s1's target plus the limit is well under the hour the normal ticket has waited.
    const normal = ticket('s1', T0, 'normal');
    const waitedGreen = ticket('s2', now - 20 * MIN, 'green');
    const freshGreen = ticket('s2', now - 5 * MIN, 'green');
    const pick = (tickets: Ticket[]) => onewindowPolicy({ window: w, tickets, windows, matters, now })?.id;
    expect(pick([normal, waitedGreen])).toBe(waitedGreen.id);
    expect(pick([normal, freshGreen])).toBe(normal.id);
  });

  it('cross-class bound over a day: a steady stream of green tickets holds a normal one back at most its target plus the (saturated) limit and one visit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 12 }), (everyMin, handleMin) => {
        // One window; a normal ticket at T0 and a green one every `everyMin` minutes, more than it can serve.
        const normal = ticket('s1', T0, 'normal');
        let queue: Ticket[] = [normal];
        let nextGreen = T0;
        let now = T0;
        for (let call = 0; call < 200; call++) {
          while (nextGreen <= now) {
            queue.push(ticket('s1', nextGreen, 'green'));
            nextGreen += everyMin * MIN;
          }
          const picked = onewindowPolicy({ window: windows[0]!, tickets: queue, windows, matters, now });
          if (picked === undefined) break;
          if (picked.id === normal.id) {
            // Greens alone are more than the window can serve: the hall saturates, and the longer
            // saturated bound is the one that holds then.
            const limit = Math.max(
              DEFAULT_BALANCE.crossClassLimitMin,
              DEFAULT_BALANCE.saturatedCrossClassLimitMin,
            );
            const bound = matters.get('s1')!.targetWaitMin + limit + handleMin;
            expect((now - T0) / MIN).toBeLessThanOrEqual(bound);
            return;
          }
          queue = queue.filter((t) => t.id !== picked.id);
          now += handleMin * MIN;
        }
        // Served before the loop ran out: with every call the window took a green ticket instead.
        expect.unreachable('the normal ticket was never called');
      }),
      { numRuns: 200 },
    );
  });

  it('saturated: when a queue holds more than twice its target in work per window, calls go as FIFO’s would (class, then arrival)', () => {
    const crowd = fc
      .record({
        matterId: fc.constantFrom('s1', 's2', 't1', 'e1'),
        at: fc.integer({ min: 0, max: 90 }),
        cls: fc.constantFrom<PriorityClass>('normal', 'normal', 'normal', 'green', 'appointment'),
      })
      .map((r) =>
        ticket(r.matterId, T0 + r.at * MIN, r.cls, { slotStart: r.cls === 'appointment' ? T0 : null }),
      );
    fc.assert(
      fc.property(
        fc.array(crowd, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 40, maxLength: 40 }),
        fc.constantFrom(...windows.slice(0, 4)),
        fc.integer({ min: 90, max: 120 }),
        (some, rush, w, nowMin) => {
          // Forty of one matter the window serves: far more work than its windows clear in twice its target.
          const m = [...matters.values()].find((x) => isEligible(w, ticket(x.id, T0), matters))!;
          const tickets = [...some, ...rush.map((at) => ticket(m.id, T0 + at * MIN))];
          const now = T0 + nowMin * MIN;
          // Nobody has waited past target + the saturated cross-class limit, so no class is starving.
          const picked = onewindowPolicy({ window: w, tickets, windows, matters, now });
          const fifo = priorityFifo({ window: w, tickets, windows, matters, now });
          expect(picked?.id).toBe(fifo?.id);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('starvation and record guards: a ticket past its bound or past the day’s longest wait, among the hall’s longest waits, is never passed over for a fresher one', () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.option(fc.nat(150), { nil: undefined }),
        ({ tickets, window: w, nowMin }, longestMin) => {
          const now = T0 + nowMin * MIN;
          const longestWaitMs = longestMin === undefined ? undefined : longestMin * MIN;
          const picked = onewindowPolicy({ window: w, tickets, windows, matters, now, longestWaitMs });
          const record =
            longestWaitMs === undefined
              ? Number.POSITIVE_INFINITY
              : Math.max(DEFAULT_BALANCE.recordShare * longestWaitMs, DEFAULT_BALANCE.recordMinMin * MIN);
          const eligible = tickets.filter((t) => isEligible(w, t, matters));
          if (picked === undefined) return;
          const bestRank = Math.min(...eligible.map((t) => effectiveRank(t, now)));
          const oldest = Math.max(0, ...tickets.map((t) => now - t.issuedAt));
          const overdue = eligible.filter(
            (t) =>
              effectiveRank(t, now) === bestRank &&
              ((now - t.issuedAt) / MIN > starvationBoundMin(matters.get(t.matterId)!) ||
                now - t.issuedAt > record) &&
              now - t.issuedAt >= DEFAULT_BALANCE.guardShare * oldest,
          );
          if (overdue.length > 0) {
            overdue.sort((a, b) => compareQueueOrder(a, b, now));
            // A lower-class ticket that came earlier and is past the cross-class bound goes first (above).
            const heldBefore = eligible.some(
              (t) =>
                effectiveRank(t, now) > bestRank &&
                pastCrossBound(t, now) &&
                t.issuedAt < overdue[0]!.issuedAt,
            );
            if (!heldBefore) expect(picked.id).toBe(overdue[0]!.id);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides the same from a queue index as from the plain list, transferred tickets included', () => {
    const targetArb = fc.option(fc.constantFrom('u', 'soc', 'tax', 'est'), { nil: null });
    fc.assert(
      fc.property(
        stateArb,
        fc.array(targetArb, { maxLength: 60 }),
        ({ tickets, window: w, nowMin }, targets) => {
          const now = T0 + nowMin * MIN;
          const withTargets = tickets.map((t, i) =>
            targets[i] ? { ...t, status: 'transferred' as const, targetWindowId: targets[i]! } : t,
          );
          const index = new QueueIndex(withTargets);
          const plain = onewindowPolicy({ window: w, tickets: withTargets, windows, matters, now });
          const indexed = onewindowPolicy({ window: w, tickets: [], index, windows, matters, now });
          expect(indexed?.id).toBe(plain?.id);
          // Removing what was called keeps the index in step with the list.
          if (plain !== undefined) {
            index.remove(plain.id);
            const rest = withTargets.filter((t) => t.id !== plain.id);
            expect(onewindowPolicy({ window: w, tickets: [], index, windows, matters, now })?.id).toBe(
              onewindowPolicy({ window: w, tickets: rest, windows, matters, now })?.id,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides the same for the same state, whatever the order tickets are listed in', () => {
    fc.assert(
      fc.property(stateArb, fc.integer(), ({ tickets, window: w, nowMin }, salt) => {
        const now = T0 + nowMin * MIN;
        const shuffled = [...tickets].sort(
          (a, b) => ((a.seq * 7919 + salt) % 101) - ((b.seq * 7919 + salt) % 101),
        );
        const a = onewindowPolicy({ window: w, tickets, windows, matters, now });
        const b = onewindowPolicy({ window: w, tickets: shuffled, windows, matters, now });
        expect(b?.id).toBe(a?.id);
      }),
      { numRuns: 200 },
    );
  });
});

describe('balanced dispatch choices', () => {
  const now = T0 + 30 * MIN;

  it('lets a flexible window relieve the queue that only it can serve', () => {
    // Social has its own window; estate's dedicated windows are swamped: the universal window helps estate.
    const social = ticket('s2', T0 + 10 * MIN);
    const estate = [0, 1, 2, 3, 4, 5].map((i) => ticket('e1', T0 + (12 + i) * MIN));
    const picked = onewindowPolicy({
      window: windows[0]!,
      tickets: [social, ...estate],
      windows,
      matters,
      now,
    });
    expect(picked?.matterId).toBe('e1');
    // First come, first served would have called the social ticket.
    expect(compareQueueOrder(social, estate[0]!)).toBeLessThan(0);
  });

  it('takes the head whose other windows are deep in long visits before one whose other window is about to free up', () => {
    const ms = mattersMap(
      matter('soc', 'social', { targetWaitMin: 20, avgHandleMin: 10 }),
      matter('tax', 'tax', { targetWaitMin: 20, avgHandleMin: 10 }),
    );
    const ws = [
      window('u', { all: true }),
      window('s', { categories: ['social'] }, {}, 'serving'),
      window('t', { categories: ['tax'] }, {}, 'serving'),
    ];
    const now = T0 + 5 * MIN;
    // The social ticket came first; each matter has one other window, both busy.
    const soc = ticket('soc', T0);
    const tax = ticket('tax', T0 + MIN);
    const ctx = { window: ws[0]!, tickets: [tax, soc], windows: ws, matters: ms, now };
    // Not knowing the visits under way, the window calls in queue order between equals.
    expect(onewindowPolicy(ctx)?.id).toBe(soc.id);
    // The social window frees up in a minute, the tax window in ten: passing the social ticket over
    // costs its resident a minute, passing the tax ticket over costs ten.
    const busy = new Map([
      ['s', { matterId: 'soc', since: now - 9 * MIN }],
      ['t', { matterId: 'tax', since: now }],
    ]);
    const freeInMin = expectedFreeIn(busy, undefined, ms, now);
    expect(freeInMin('s')).toBe(2); // a fifth of the visit: one past its mean is not over yet
    expect(freeInMin('t')).toBe(10);
    expect(onewindowPolicy({ ...ctx, freeInMin })?.id).toBe(tax.id);
    // Weighed at 0 the visits under way change nothing.
    expect(balancedPolicy({ ...DEFAULT_BALANCE, nextWindowWeight: 0 })({ ...ctx, freeInMin })?.id).toBe(
      soc.id,
    );
  });

  it('calls the shorter visit first between heads of equal wait and target, unless told not to', () => {
    const ms = mattersMap(
      matter('short', 'social', { targetWaitMin: 20, avgHandleMin: 4 }),
      matter('long', 'social', { targetWaitMin: 20, avgHandleMin: 25 }),
    );
    const long = ticket('long', T0 + 10 * MIN);
    const short = ticket('short', T0 + 10 * MIN);
    const ws = [window('u', { all: true })];
    const ctx = { window: ws[0]!, tickets: [long, short], windows: ws, matters: ms, now: T0 + 15 * MIN };
    expect(DEFAULT_BALANCE.shortFirst).toBeGreaterThan(0);
    // Backlog aside (one ticket each, but the long one is more work queued), the short visit goes first.
    const plain = { ...DEFAULT_BALANCE, backlogWeight: 0 };
    expect(balancedPolicy(plain)(ctx)?.id).toBe(short.id);
    // Without it, the tie falls back to queue order: the long visit's ticket was issued first.
    expect(balancedPolicy({ ...plain, shortFirst: 0 })(ctx)?.id).toBe(long.id);
  });

  it('calls a deferred long visit once its wait passes the day’s longest wait to a call (the record guard)', () => {
    const ms = mattersMap(
      matter('short', 'social', { targetWaitMin: 15, avgHandleMin: 4 }),
      matter('long', 'social', { targetWaitMin: 30, avgHandleMin: 25 }),
    );
    const long = ticket('long', T0);
    const shorts = [5, 6, 7].map((m) => ticket('short', T0 + m * MIN));
    const ws = [window('u', { all: true })];
    const plain = balancedPolicy({ ...DEFAULT_BALANCE, backlogWeight: 0 });
    const at = (longestMin?: number, nowMin = 20) =>
      plain({
        window: ws[0]!,
        tickets: [long, ...shorts],
        windows: ws,
        matters: ms,
        now: T0 + nowMin * MIN,
        ...(longestMin === undefined ? {} : { longestWaitMs: longestMin * MIN }),
      })?.matterId;
    // The long visit has waited 20 min against 15 for the short ones: short visits first defers it ...
    expect(at()).toBe('short');
    expect(at(21)).toBe('short'); // 20 min is short of 0.97 × 21
    // ... until it comes close to the longest wait of the day.
    expect(at(15)).toBe('long');
    // The floor: early in the day (nobody has waited yet) the guard holds from 15 minutes.
    expect(at(0)).toBe('long');
    expect(at(0, 14)).toBe('short');
  });

  it('puts a window’s primary work before its secondary work of the same urgency', () => {
    const soc = ticket('s1', T0 + 20 * MIN);
    const tax = ticket('t1', T0 + 20 * MIN);
    const tw: Window[] = [windows[1]!, window('tax', { categories: ['tax'] })];
    expect(onewindowPolicy({ window: windows[1]!, tickets: [tax, soc], windows: tw, matters, now })?.id).toBe(
      soc.id,
    );
  });

  it('treats an appointment checked in before its slot as a normal ticket until the slot starts', () => {
    const early = ticket('s1', T0 + 25 * MIN, 'appointment', { slotStart: T0 + 60 * MIN });
    const green = ticket('s1', T0 + 26 * MIN, 'green');
    const ctx = { window: windows[0]!, tickets: [early, green], windows, matters };
    expect(onewindowPolicy({ ...ctx, now })?.id).toBe(green.id);
    expect(onewindowPolicy({ ...ctx, now: T0 + 60 * MIN })?.id).toBe(early.id);
  });

  it('calls the most overdue-and-oldest ticket once it passes its bound', () => {
    const old = ticket('s2', T0); // waited 90 min > 2 × 30
    const fresh = ticket('e1', T0 + 80 * MIN);
    const pile = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ticket('e1', T0 + (80 + i) * MIN));
    const p = balancedPolicy()({
      window: windows[0]!,
      tickets: [fresh, ...pile, old],
      windows,
      matters,
      now: T0 + 90 * MIN,
    });
    expect(p?.id).toBe(old.id);
  });

  it('offers new arrivals to the narrowest idle window first', () => {
    const order = idleWindowOrder([windows[0]!, windows[1]!, windows[3]!], matters).map((w) => w.id);
    expect(order).toEqual(['est', 'soc', 'u']);
  });

  it('returns nothing when no ticket is eligible', () => {
    const t: Ticket = ticket('t1', T0);
    expect(onewindowPolicy({ window: windows[3]!, tickets: [t], windows, matters, now })).toBeUndefined();
  });
});
