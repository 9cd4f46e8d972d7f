#!/usr/bin/env node
/**
 * Time per call-next decision with 1,000 waiting tickets and 100 windows, for the OneWindow policy and,
 * for comparison, priority + FIFO. Prints figures; it asserts nothing.
 */
import { fileURLToPath } from 'node:url';
import { commandLine } from '@onewindow/cli';
import {
  type DispatchPolicy,
  initialWindow,
  newTicket,
  onewindowPolicy,
  priorityFifo,
  QueueIndex,
  type Ticket,
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
const tickets: Ticket[] = Array.from({ length: TICKETS }, (_, i) => {
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

function bench(name: string, policy: DispatchPolicy, index?: QueueIndex): void {
  const times: number[] = [];
  let picked = 0;
  for (let i = 0; i < 2200; i++) {
    const window = windows[i % WINDOWS]!;
    const t0 = process.hrtime.bigint();
    const t = policy(
      index === undefined
        ? { window, tickets, windows, matters, now, longestWaitMs }
        : { window, tickets: [], index, windows, matters, now, longestWaitMs },
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
