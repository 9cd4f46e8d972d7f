#!/usr/bin/env node
/**
 * Time per call-next decision with 1,000 waiting tickets and 100 windows, for the OneWindow policy and,
 * for comparison, priority + FIFO. Prints figures; it asserts nothing.
 */
import { fileURLToPath } from 'node:url';
import { commandLine } from '@onewindow/cli';
import {
  type DispatchPolicy,
  expectedFreeIn,
  initialWindow,
  newTicket,
  onewindowPolicy,
  priorityFifo,
  QueueIndex,
  type QueueView,
  queuePosition,
  queueStats,
  type Ticket,
  VisitDurations,
  type Window,
} from '@onewindow/domain';
import { scenarioMatters } from './hall.js';
import { percentile } from './metrics.js';
import { Random } from './random.js';
import { loadScenario } from './scenario.js';

commandLine(
  `usage: npm run bench:dispatch
Times one call-next decision with 1,000 waiting tickets and 100 windows, OneWindow's policy against
priority + FIFO, and prints the figures (it asserts nothing).`,
  {},
);

const scenario = loadScenario(fileURLToPath(new URL('../scenarios/county-weekday.json', import.meta.url)));
const matters = scenarioMatters(scenario);
const matterIds = [...matters.keys()];
const rng = new Random(42);
const now = Date.UTC(2026, 0, 5, 4, 0); // 12:00 Beijing time
/** The day's longest wait so far: the oldest tickets (up to 3 h) are past it, so the record guard works. */
const longestWaitMs = 120 * 60_000;
const WINDOWS = 100;
const TICKETS = 1000;

const windows: Window[] = Array.from({ length: WINDOWS }, (_, i) => {
  const base = scenario.windows[i % scenario.windows.length]!;
  return {
    ...initialWindow(
      {
        id: `w${i}`,
        number: String(i + 1),
        name: base.id,
        type: base.type,
        primary: base.primary,
        secondary: base.secondary ?? {},
      },
      'sim',
      now,
    ),
    state: 'open' as const,
  };
});
const drawTickets = (n: number): Ticket[] =>
  Array.from({ length: n }, (_, i) => {
    const u = rng.next();
    return newTicket({
      id: `t${i}`,
      hallId: 'sim',
      serviceDay: '2026-01-05',
      prefix: 'A',
      seq: i + 1,
      number: `A${i + 1}`,
      matterId: matterIds[Math.floor(rng.next() * matterIds.length)]!,
      priorityClass: u < 0.06 ? 'green' : u < 0.14 ? 'appointment' : 'normal',
      greenReason: null,
      issuedAt: now - Math.floor(rng.next() * 180) * 60_000,
      appointmentId: null,
      slotStart: null,
      resident: null,
    });
  });
const tickets = drawTickets(TICKETS);
/** Half the windows are in a visit, begun up to 8 minutes ago: the rule weighs when each frees up. */
const freeInMin = expectedFreeIn(
  new Map(
    windows
      .filter((_, i) => i % 2 === 0)
      .map((w, i) => [w.id, { matterId: matterIds[i % matterIds.length]!, since: now - (i % 9) * 60_000 }]),
  ),
  undefined,
  matters,
  now,
);

function bench(name: string, policy: DispatchPolicy, index?: QueueIndex): void {
  const times: number[] = [];
  let picked = 0;
  for (let i = 0; i < 2200; i++) {
    const window = windows[i % WINDOWS]!;
    const t0 = process.hrtime.bigint();
    const t = policy(
      index === undefined
        ? { window, tickets, windows, matters, now, longestWaitMs, freeInMin }
        : { window, tickets: [], index, windows, matters, now, longestWaitMs, freeInMin },
    );
    const dt = Number(process.hrtime.bigint() - t0) / 1000;
    if (t !== undefined) picked++;
    if (i >= 200) times.push(dt); // the first 200 warm the JIT up
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${name.padEnd(26)} median ${percentile(times, 50).toFixed(1).padStart(7)} µs   p90 ${percentile(times, 90).toFixed(1).padStart(7)} µs   p99 ${percentile(times, 99).toFixed(1).padStart(7)} µs   (${picked} decisions found a ticket)\n`,
  );
}

process.stdout.write(
  `call-next decision, ${TICKETS} waiting tickets, ${WINDOWS} open windows, ${matters.size} matters\n`,
);
const t0 = process.hrtime.bigint();
const index = new QueueIndex(tickets);
const buildUs = Number(process.hrtime.bigint() - t0) / 1000;
bench('onewindow (queue index)', onewindowPolicy, index);
bench('onewindow (plain list)', onewindowPolicy);
bench('fifo (plain list)', priorityFifo);
process.stdout.write(
  `building the queue index once: ${buildUs.toFixed(0)} µs; keeping it current costs one insertion per issue and one removal per call\n`,
);

/**
 * The hall's recent visits (1,000 per matter, around its handle time): with them the busy windows' rests
 * are distributions, and every estimate staggers when they free up (staggeredFreeTimes).
 */
const lengths = new Random(7);
const visits = VisitDurations.from(
  Array.from({ length: 1000 * matterIds.length }, (_, k) => {
    const matterId = matterIds[k % matterIds.length]!;
    return { matterId, minutes: matters.get(matterId)!.avgHandleMin * (0.3 + 1.4 * lengths.next()) };
  }),
);

/**
 * One wait estimate (a new ticket's place, as the kiosk prints it) at growing queue lengths: played
 * forward with the hall's policy against the queue-order schedule alone (the raw baseline): both should
 * stay flat as the queue grows.
 */
function benchEstimate(waiting: number): void {
  const queue = new QueueIndex(drawTickets(waiting));
  const busy = windows.map((w, i) => ({ ...w, currentTicketId: i % 2 === 0 ? `busy${i}` : null }));
  const inService = new Map(
    busy
      .filter((w) => w.currentTicketId !== null)
      .map((w, i) => [w.id, { matterId: matterIds[i % matterIds.length]!, since: now - (i % 9) * 60_000 }]),
  );
  const view = (policy: DispatchPolicy | undefined, learned: VisitDurations | null = visits): QueueView => ({
    tickets: [],
    index: queue,
    windows: busy,
    matters,
    inService,
    now,
    longestWaitMs,
    ...(learned === null ? {} : { visits: learned }),
    ...(policy === undefined ? {} : { policy }),
  });
  const line = (name: string, v: QueueView) => {
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const probe = newTicket({
        id: `probe${i}`,
        hallId: 'sim',
        serviceDay: '2026-01-05',
        prefix: 'A',
        seq: waiting + i + 1,
        number: 'A0',
        matterId: matterIds[i % matterIds.length]!,
        priorityClass: 'normal',
        greenReason: null,
        issuedAt: now,
        appointmentId: null,
        slotStart: null,
        resident: null,
      });
      const t0 = process.hrtime.bigint();
      queuePosition(probe, v);
      const dt = Number(process.hrtime.bigint() - t0) / 1000;
      if (i >= 50) times.push(dt);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `  ${String(waiting).padStart(6)} waiting  ${name.padEnd(34)} median ${percentile(times, 50).toFixed(0).padStart(6)} µs   p90 ${percentile(times, 90).toFixed(0).padStart(6)} µs\n`,
    );
  };
  line('played forward with the policy', view(onewindowPolicy));
  line('  the same, no visits learned yet', view(onewindowPolicy, null));
  line('queue-order schedule (baseline)', view(undefined));
  const stats = (name: string, v: QueueView) => {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = process.hrtime.bigint();
      queueStats(v, now);
      if (i >= 10) times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `  ${String(waiting).padStart(6)} waiting  ${name.padEnd(34)} median ${percentile(times, 50).toFixed(0).padStart(6)} µs   p90 ${percentile(times, 90).toFixed(0).padStart(6)} µs\n`,
    );
  };
  stats('statistics, every matter, played', view(onewindowPolicy));
  stats('statistics, every matter, baseline', view(undefined));
}

process.stdout.write(`\none wait estimate, ${WINDOWS} windows (half busy), ${matters.size} matters\n`);
for (const waiting of [100, 1000, 10_000]) benchEstimate(waiting);
