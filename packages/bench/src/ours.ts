import { rssMb, startHallServer, startWorker, type Worker } from './procs.js';
import { type Context, callsToDisplays, connect, type IssueFigures, issuance, seedFile } from './run.js';
import { callers, displaySockets, issueTargets, kioskSockets, windowSockets } from './scenario.js';
import { type BenchDevices, hallId, MATTERS } from './seed.js';
import { latency, round } from './stats.js';

interface IssueResult {
  latencies: number[];
  errors: Record<string, number>;
  elapsedMs: number;
}

/** Issues `count` tickets into some halls, as fast as answers come. */
function fill(worker: Worker, devices: BenchDevices, halls: readonly number[] | undefined, count: number) {
  return worker.ask<IssueResult>({
    kind: 'issue',
    server: 'ours',
    targets: issueTargets(devices, 'ours', halls),
    count,
    concurrency: 32,
  });
}

/** The hall server under the same load, plus what only it has: snapshots, misbehaving devices, memory. */
export async function hallServer(ctx: Context) {
  const { file, devices } = seedFile(ctx.dir, ctx.shape);
  ctx.devices = devices;
  const server = await startHallServer(`${ctx.dir}/data`, file);
  const pid = server.child.pid ?? 0;
  const driver = startWorker();
  const listeners = startWorker();
  const pest = startWorker();
  try {
    await new Promise((r) => setTimeout(r, 1_000));
    const rssIdleMb = rssMb(pid);
    const displays = await connect(listeners, server.url, 'ours', displaySockets(devices, 'ours'));
    await connect(driver, server.url, 'ours', windowSockets(devices, 'ours'));
    const kiosks = await connect(driver, server.url, 'ours', kioskSockets(devices, 'ours'));
    await new Promise((r) => setTimeout(r, 1_000));
    const clients = displays.connected + ctx.shape.halls + kiosks.connected;
    const rssWithClientsMb = rssMb(pid);
    for (const w of callers(ctx.shape)) {
      await driver.ask({
        kind: 'command',
        socket: w.socket,
        name: 'window:open',
        payload: { windowId: w.windowId },
      });
    }
    // Hall 1 starts with 1,000 waiting; every other hall with a few for its window to call.
    const waitingBefore = 1_000;
    await fill(driver, devices, [0], waitingBefore);
    const others = devices.kiosks.map((_, h) => h).slice(1);
    if (others.length > 0) await fill(driver, devices, others, others.length * 30);

    const issue = await issuance(driver, 'ours', devices, [100, 200], ctx.durationMs);
    const calls = await callsToDisplays(driver, listeners, 'ours', ctx.shape, ctx.durationMs, 0);

    // A snapshot of the busy hall, as a clerk's screen asks for it after a gap (once a second: its allowance).
    const snap = await driver.ask<{ latencies: number[]; bytes: number }>({
      kind: 'snapshots',
      socket: 'window-0',
      rate: 1,
      durationMs: Math.min(ctx.durationMs, 5_000),
    });

    // Misbehaving devices while hall 1's kiosks issue at 100/s: a display asking for snapshots 10,000
    // times a second, a kiosk of another hall sending 10,000 tickets a second, and 64 clients fetching
    // the status page as fast as they can.
    const quiet = (await issuance(driver, 'ours', devices, [100], ctx.durationMs))[0]!;
    await connect(pest, server.url, 'ours', [
      { id: 'pest', auth: { token: devices.displays[0]![0]! }, localAddress: '127.4.0.1', listen: false },
      {
        id: 'pest-kiosk',
        auth: { token: devices.kiosks.at(-1)![0]! },
        localAddress: '127.4.0.3',
        listen: false,
      },
    ]);
    const spam = pest.ask<{ codes: Record<string, number> }>({
      kind: 'snapshots',
      socket: 'pest',
      rate: 10_000,
      durationMs: ctx.durationMs,
    });
    const underSnapshots = (await issuance(driver, 'ours', devices, [100], ctx.durationMs))[0]!;
    const spamCodes = (await spam).codes;
    const flood = pest.ask<{ codes: Record<string, number> }>({
      kind: 'snapshots',
      socket: 'pest-kiosk',
      rate: 10_000,
      durationMs: ctx.durationMs,
      event: 'ticket:issue',
      payload: { matterId: `${hallId(devices.kiosks.length - 1)}-${MATTERS[0]}` },
    });
    const underCommands = (await issuance(driver, 'ours', devices, [100], ctx.durationMs))[0]!;
    const floodCodes = (await flood).codes;
    const pages = pest.ask<{ codes: Record<string, number> }>({
      kind: 'http',
      url: `${server.url}/`,
      localAddress: '127.4.0.2',
      concurrency: 64,
      durationMs: ctx.durationMs,
    });
    const underPages = (await issuance(driver, 'ours', devices, [100], ctx.durationMs))[0]!;
    const pageCodes = (await pages).codes;

    // The rest of a busy day: 10,000 tickets issued over the halls, then memory.
    const issued = (f: IssueFigures) => f.latency.n;
    const so =
      waitingBefore +
      others.length * 30 +
      issue.reduce((a, f) => a + issued(f), 0) +
      issued(quiet) +
      issued(underSnapshots) +
      issued(underCommands) +
      issued(underPages);
    const target = ctx.quick ? 3_000 : 10_000;
    if (so < target) await fill(driver, devices, undefined, target - so);
    await new Promise((r) => setTimeout(r, 1_500));
    const rssAfterTicketsMb = rssMb(pid);
    return {
      clients,
      connectMs: round(displays.ms, 0),
      rssIdleMb,
      rssWithClientsMb,
      rssAfterTicketsMb,
      ticketsIssued: Math.max(so, target),
      issue,
      calls,
      snapshot: { latency: latency(snap.latencies), bytes: snap.bytes },
      misbehaving: {
        quietIssueP99: quiet.latency.p99,
        snapshotSpam: { issueP99: underSnapshots.latency.p99, spammerAnswers: spamCodes },
        commandSpam: { issueP99: underCommands.latency.p99, spammerAnswers: floodCodes },
        statusPageSpam: { issueP99: underPages.latency.p99, pageAnswers: pageCodes },
      },
    };
  } finally {
    await pest.stop();
    await driver.stop();
    await listeners.stop();
    await server.stop();
  }
}
