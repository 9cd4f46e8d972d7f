#!/usr/bin/env node
/**
 * `npm run bench`: the hall server against raw baselines measured in the same run, on this machine.
 * Prints a table and writes the figures as JSON; it asserts nothing (targets are read, not tested).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from '@onewindow/cli';
import { hallServer } from './ours.js';
import { type IssueFigures, rawBaseline } from './run.js';
import type { BenchShape } from './seed.js';
import { round } from './stats.js';

const USAGE = `usage: npm run bench [-- options]
Measures the hall server (onewindow serve, clients in other processes) next to raw baselines taken in
the same run: issuing tickets, calls reaching displays, memory, snapshots, misbehaving devices, the
dispatch decision and the simulator. Prints a table and writes JSON.

  --quick        a small deployment and short phases (a smoke run, not figures to quote)
  --seconds N    length of each measured phase (default 8)
  --json FILE    where the JSON goes (default test-output/bench.json)
  --no-sim       leave out the simulator table (it takes about 40 s)`;

const { values } = commandLine(USAGE, {
  quick: { type: 'boolean', default: false },
  seconds: { type: 'string', default: '8' },
  json: { type: 'string', default: 'test-output/bench.json' },
  'no-sim': { type: 'boolean', default: false },
});

const shape: BenchShape = values.quick
  ? { halls: 3, displaysPerHall: 10, windowsPerHall: 3, kiosksPerHall: 5, kiosksInHall1: 25 }
  : { halls: 40, displaysPerHall: 44, windowsPerHall: 10, kiosksPerHall: 5, kiosksInHall1: 25 };
const durationMs = (values.quick ? 1.5 : Number(values.seconds)) * 1_000;
const out = (s = '') => process.stdout.write(`${s}\n`);

const pad = (s: string | number, n: number) => String(s).padStart(n);
function issueRows(label: string, ours: IssueFigures[], raw: IssueFigures[]): void {
  out(`${label}`);
  out(
    `  ${'offered'.padEnd(12)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('per s', 8)}   ${'raw p50'.padStart(8)}${pad('raw p99', 9)}${pad('raw/s', 8)}   p99 ×raw`,
  );
  for (const [i, o] of ours.entries()) {
    const r = raw[i]!;
    out(
      `  ${String(o.offered).padEnd(12)}${pad(o.latency.p50, 9)}${pad(o.latency.p99, 9)}${pad(o.perSec, 8)}   ${pad(r.latency.p50, 8)}${pad(r.latency.p99, 9)}${pad(r.perSec, 8)}   ${pad(round(o.latency.p99 / r.latency.p99, 1), 8)}${Object.keys(o.errors).length > 0 ? `   errors ${JSON.stringify(o.errors)}` : ''}`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-'));
  const started = Date.now();
  try {
    const machine = {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '?',
      memGiB: round(totalmem() / 2 ** 30, 0),
      node: process.version,
    };
    out(
      `OneWindow benchmark — ${machine.cpus} × ${machine.cpu}, ${machine.memGiB} GiB, Node ${machine.node}`,
    );
    out(
      `deployment: ${shape.halls} halls on one server, ${shape.halls * shape.displaysPerHall} displays, ${shape.kiosksInHall1} kiosks in hall 1 and ${shape.kiosksPerHall} in each other; phases of ${durationMs / 1_000} s`,
    );
    const ctx = {
      dir,
      quick: values.quick,
      shape,
      durationMs,
      devices: { kiosks: [], displays: [], windows: [] },
    };
    const ours = await hallServer(ctx);
    const raw = await rawBaseline(ctx, ours.calls.messageBytes);
    out();
    issueRows(
      `Issuing tickets: into hall 1 at fixed rates (1,000 waiting at the start), into all halls at saturation (128 in flight)`,
      ours.issue,
      raw.issue,
    );
    out();
    out(
      `A call reaching the ${shape.displaysPerHall} displays of its hall (${shape.halls} halls calling once a second each, ${ours.clients} clients connected)`,
    );
    out(
      `  hall server   p50 ${ours.calls.latency.p50} ms  p99 ${ours.calls.latency.p99} ms  (${ours.calls.latency.n} deliveries of ${ours.calls.calls} calls, ${ours.calls.messageBytes} bytes a message)`,
    );
    out(
      `  raw broadcast p50 ${raw.calls.latency.p50} ms  p99 ${raw.calls.latency.p99} ms  (same audience, same size)   p99 × raw ${round(ours.calls.latency.p99 / raw.calls.latency.p99, 2)}`,
    );
    out();
    out(`Memory of the server process (RSS)`);
    out(
      `  idle ${ours.rssIdleMb} MB · ${ours.clients} clients ${ours.rssWithClientsMb} MB · after ${ours.ticketsIssued} tickets today ${ours.rssAfterTicketsMb} MB   (raw server with all its clients ${raw.rssWithClientsMb} MB)`,
    );
    out();
    out(
      `Snapshot of hall 1 for a clerk's screen: p50 ${ours.snapshot.latency.p50} ms, p99 ${ours.snapshot.latency.p99} ms, ${round(ours.snapshot.bytes / 1024, 0)} KiB`,
    );
    const m = ours.misbehaving;
    out(`Kiosks issuing at 100/s: p99 ${m.quietIssueP99} ms alone;`);
    out(
      `  with a display asking for 10,000 snapshots a second: p99 ${m.snapshotSpam.issueP99} ms (×${round(m.snapshotSpam.issueP99 / m.quietIssueP99, 1)}); the display heard ${JSON.stringify(m.snapshotSpam.spammerAnswers)}`,
    );
    out(
      `  with a kiosk of another hall sending 10,000 tickets a second: p99 ${m.commandSpam.issueP99} ms (×${round(m.commandSpam.issueP99 / m.quietIssueP99, 1)}); the kiosk heard ${JSON.stringify(m.commandSpam.spammerAnswers)}`,
    );
    out(
      `  with 64 clients fetching the status page: p99 ${m.statusPageSpam.issueP99} ms (×${round(m.statusPageSpam.issueP99 / m.quietIssueP99, 1)}); they heard ${JSON.stringify(m.statusPageSpam.pageAnswers)}`,
    );
    out();
    const here = fileURLToPath(new URL('../../sim/dist/', import.meta.url));
    const dispatch = execFileSync(process.execPath, [join(here, 'bench-dispatch.js')], { encoding: 'utf8' });
    out('Dispatch decision (packages/sim bench-dispatch)');
    out(dispatch.trimEnd().replace(/^/gm, '  '));
    let sim = '';
    if (!values['no-sim']) {
      sim = execFileSync(process.execPath, [join(here, 'cli.js'), '--seeds', values.quick ? '5' : '40'], {
        encoding: 'utf8',
      });
      out();
      out('Simulator (npm run sim): every dispatch policy on the same residents');
      out(sim.trimEnd());
    }
    const file = resolve(values.json);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ at: new Date().toISOString(), machine, shape, durationMs, ours, raw, dispatch, sim, seconds: round((Date.now() - started) / 1_000, 0) }, null, 2)}\n`,
    );
    out();
    out(`figures written to ${file} (${round((Date.now() - started) / 1_000, 0)} s)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
