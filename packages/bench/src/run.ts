import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rssMb, type Served, startRawServer, startWorker, type Worker } from './procs.js';
import { callers, displaySockets, issueTargets, kioskSockets, windowSockets } from './scenario.js';
import { type BenchDevices, type BenchShape, benchSeed } from './seed.js';
import { type Latency, latency, round } from './stats.js';
import type { IssueTarget, SocketSpec } from './worker.js';

export interface IssueFigures {
  offered: number | 'saturation';
  latency: Latency;
  perSec: number;
  errors: Record<string, number>;
}

interface IssueResult {
  latencies: number[];
  errors: Record<string, number>;
  elapsedMs: number;
}

/**
 * Issues into hall 1 at fixed offered rates (its queue holding 1,000 and more), then into every hall
 * as fast as answers come (128 in flight): what one server sustains.
 */
export async function issuance(
  worker: Worker,
  server: 'ours' | 'raw',
  devices: BenchDevices,
  rates: readonly number[],
  durationMs: number,
): Promise<IssueFigures[]> {
  const out: IssueFigures[] = [];
  for (const offered of [...rates, 'saturation' as const]) {
    const targets: IssueTarget[] = issueTargets(devices, server, offered === 'saturation' ? undefined : [0]);
    const r = await worker.ask<IssueResult>({
      kind: 'issue',
      server,
      targets,
      durationMs,
      ...(offered === 'saturation' ? { concurrency: 128 } : { rate: offered }),
    });
    out.push({
      offered,
      latency: latency(r.latencies),
      perSec: round((r.latencies.length / r.elapsedMs) * 1_000, 0),
      errors: r.errors,
    });
  }
  return out;
}

/** Calls in every hall; each display notes when it hears of each call. */
export async function callsToDisplays(
  driver: Worker,
  listeners: Worker,
  server: 'ours' | 'raw',
  shape: BenchShape,
  durationMs: number,
  size: number,
): Promise<{ latency: Latency; calls: number; messageBytes: number; errors: Record<string, number> }> {
  await listeners.ask({ kind: 'receipts' }); // forget anything heard before
  const { sends, errors } = await driver.ask<{
    sends: Record<string, number>;
    errors: Record<string, number>;
  }>({
    kind: 'calls',
    server,
    windows: callers(shape),
    perWindowPerSec: 1,
    durationMs,
    size,
  });
  await new Promise((r) => setTimeout(r, 1_000)); // the last calls' messages land
  const { receipts, sampleSize } = await listeners.ask<{
    receipts: Record<string, number[]>;
    sampleSize: number;
  }>({
    kind: 'receipts',
  });
  const samples: number[] = [];
  for (const [marker, times] of Object.entries(receipts)) {
    const sent = sends[marker];
    if (sent !== undefined) for (const t of times) samples.push(t - sent);
  }
  return {
    latency: latency(samples),
    calls: Object.keys(sends).length,
    messageBytes: sampleSize || size,
    errors,
  };
}

export interface Connected {
  connected: number;
  failed: number;
  ms: number;
}

export async function connect(worker: Worker, url: string, server: 'ours' | 'raw', sockets: SocketSpec[]) {
  const r = await worker.ask<Connected>({ kind: 'connect', url, server, sockets });
  if (r.failed > 0) throw new Error(`${r.failed} of ${sockets.length} sockets did not connect to ${server}`);
  return r;
}

export interface Context {
  dir: string;
  quick: boolean;
  shape: BenchShape;
  durationMs: number;
  devices: BenchDevices;
}

export function seedFile(dir: string, shape: BenchShape): { file: string; devices: BenchDevices } {
  const { config, devices } = benchSeed(shape);
  const file = join(dir, 'bench-seed.json');
  writeFileSync(file, JSON.stringify(config));
  return { file, devices };
}

/** Everything the raw baseline is measured for, in its own server process, with the same clients. */
export async function rawBaseline(ctx: Context, messageBytes: number) {
  const raw: Served = await startRawServer(ctx.dir);
  const driver = startWorker();
  const listeners = startWorker();
  try {
    await connect(listeners, raw.url, 'raw', displaySockets(ctx.devices, 'raw'));
    await connect(driver, raw.url, 'raw', windowSockets(ctx.devices, 'raw'));
    await connect(driver, raw.url, 'raw', kioskSockets(ctx.devices, 'raw'));
    const issue = await issuance(driver, 'raw', ctx.devices, [100, 200], ctx.durationMs);
    const calls = await callsToDisplays(driver, listeners, 'raw', ctx.shape, ctx.durationMs, messageBytes);
    return { issue, calls, rssWithClientsMb: rssMb(raw.child.pid ?? 0) };
  } finally {
    await driver.stop();
    await listeners.stop();
    await raw.stop();
  }
}
