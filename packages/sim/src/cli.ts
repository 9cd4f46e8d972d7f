#!/usr/bin/env node
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, exitOnUsageError } from '@onewindow/cli';
import { staffingAdvice, whatIf } from './advise.js';
import { POLICY_NAMES } from './engine.js';
import { DEFAULT_FLOOR, estimateFloor } from './floor.js';
import { generateHall } from './generated.js';
import type { PolicyMetrics } from './metrics.js';
import { MIN_SEEDS, runScenario, runUntilSeparated, type ScenarioReport } from './run.js';
import { loadScenario, type Scenario, ScenarioError } from './scenario.js';
import { sweepHalls, sweepKind } from './sweep.js';
import { sweepTable, variantsTable } from './sweep-table.js';
import { judgeVariants } from './variants.js';

const shipped = fileURLToPath(new URL('../scenarios/', import.meta.url));

const USAGE = `usage: npm run sim -- [options]
Simulates hall days with every dispatch policy on the same residents and prints waits per policy.

  --scenario FILE   a hall day (JSON, see packages/sim/README.md); repeat for several
                    (default: every scenario in packages/sim/scenarios/)
  --seeds N|auto    simulated days per scenario, 1–1000, or auto (the default): 40 days, doubled
                    while a policy whose mean wait differs from onewindow's (paired 95 % interval
                    without zero) still has a ± interval overlapping it, up to 160 days. One day's
                    mean wait swings by ±40 % between seeds, so fewer hide or invent differences
  --sweep N         instead of scenarios, N generated halls (1–500): onewindow against FIFO on
                    mean, p95 and longest wait, each goal held, within noise or missed (--seeds
                    days each; auto: 40)
  --floor           instead of the policies, the floor of the wait estimate's error: each judged
                    ticket's hall played on from its issue many times, everything known then kept,
                    the rest drawn afresh; the median of the plays against the actual wait is the
                    best any estimate could tell (with --sweep N or scenarios; --seeds days, auto: 5)
  --variants        instead of the policies, each scenario as written and bent (fewer and more
                    residents, longer and shorter visits, more uneven ones): onewindow against FIFO
                    and its told waits, judged as the sweep judges (--seeds days each; auto: 40)
  --json            print the report as JSON
  --advise          add hourly staffing advice (Erlang C) and what-if changes
  -h, --help        this help`;

function main(): void {
  const { values } = commandLine(USAGE, {
    scenario: { type: 'string', multiple: true },
    seeds: { type: 'string', default: 'auto' },
    json: { type: 'boolean', default: false },
    advise: { type: 'boolean', default: false },
    sweep: { type: 'string' },
    floor: { type: 'boolean', default: false },
    variants: { type: 'boolean', default: false },
  });
  const auto = values.seeds === 'auto';
  const seeds = auto ? MIN_SEEDS : Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 1000)
    exitOnUsageError(USAGE, '--seeds must be auto or a whole number from 1 to 1000');
  if (values.sweep !== undefined) {
    const halls = Number(values.sweep);
    if (!Number.isInteger(halls) || halls < 1 || halls > 500)
      exitOnUsageError(USAGE, '--sweep must be a whole number from 1 to 500');
    if (values.scenario !== undefined || values.advise || values.variants)
      exitOnUsageError(USAGE, '--sweep generates its halls: it takes no --scenario, --advise or --variants');
    if (values.floor) {
      const hallsOf = Array.from({ length: halls }, (_, i) => {
        const kind = sweepKind(i + 1);
        return { name: `${i + 1} ${kind}`, scenario: generateHall(i + 1, kind) };
      });
      printFloors(hallsOf, auto ? DEFAULT_FLOOR.days : seeds, values.json);
      return;
    }
    const verdicts = sweepHalls(halls, seeds);
    process.stdout.write(
      values.json ? `${JSON.stringify(verdicts, null, 2)}\n` : sweepTable(verdicts, seeds),
    );
    return;
  }
  const files =
    values.scenario ??
    readdirSync(shipped)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(shipped, f));
  const scenarios = files.map((f) => loadScenario(resolve(f)));
  if (values.variants) {
    if (values.advise || values.floor)
      exitOnUsageError(USAGE, '--variants judges the policies: it takes no --advise or --floor');
    const verdicts = judgeVariants(scenarios, seeds);
    process.stdout.write(
      values.json ? `${JSON.stringify(verdicts, null, 2)}\n` : variantsTable(verdicts, seeds),
    );
    return;
  }
  if (values.floor) {
    if (values.advise) exitOnUsageError(USAGE, '--floor measures estimates only: it takes no --advise');
    printFloors(
      scenarios.map((scenario) => ({ name: scenario.name, scenario })),
      auto ? DEFAULT_FLOOR.days : seeds,
      values.json,
    );
    return;
  }
  const outputs = scenarios.map((scenario) => {
    const { report, stillOverlapping } = auto
      ? runUntilSeparated(scenario)
      : { report: runScenario(scenario, seeds), stillOverlapping: [] };
    return {
      report,
      stillOverlapping,
      ...(values.advise
        ? { advice: staffingAdvice(scenario), whatIf: whatIf(scenario, Math.min(seeds, 3)) }
        : { advice: undefined, whatIf: undefined }),
    };
  });
  if (values.json) {
    const json = outputs.map((o) => ({
      ...o.report,
      ...(auto ? { stillOverlapping: o.stillOverlapping } : {}),
      ...(o.advice ? { advice: o.advice, whatIf: o.whatIf } : {}),
    }));
    process.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
    return;
  }
  for (const o of outputs) {
    process.stdout.write(table(o.report));
    if (o.stillOverlapping.length > 0)
      process.stdout.write(
        `After ${o.report.seeds} days the intervals of onewindow and ${o.stillOverlapping.join(', ')} still overlap although the paired difference is clear: read the Δ column.\n`,
      );
    if (o.advice !== undefined && o.whatIf !== undefined) {
      process.stdout.write(
        '\nStaffing advice (Erlang C: mean wait ≤ target and 80 % called within target)\n',
      );
      process.stdout.write(
        `${'hour'.padEnd(13)}${'group'.padEnd(14)}${'rate/h'.padStart(8)}${'load'.padStart(7)}${'needed'.padStart(8)}${'able'.padStart(6)}\n`,
      );
      for (const a of o.advice) {
        const flag = a.windowsAble < a.windowsNeeded ? '  ← short' : '';
        process.stdout.write(
          `${a.hour.padEnd(13)}${a.group.padEnd(14)}${a.ratePerHour.toFixed(1).padStart(8)}${a.load.toFixed(2).padStart(7)}${String(a.windowsNeeded).padStart(8)}${String(a.windowsAble).padStart(6)}${flag}\n`,
        );
      }
      process.stdout.write(
        `\nWhat-if (OneWindow policy; baseline mean wait ${o.whatIf.baselineMeanWaitMin.toFixed(1)} min)\n`,
      );
      for (const w of o.whatIf.options) {
        process.stdout.write(
          `  ${w.reductionMin >= 0 ? '−' : '+'}${Math.abs(w.reductionMin).toFixed(1)} min  ${w.change}\n`,
        );
      }
    }
    process.stdout.write('\n');
  }
}

const fmt = (v: number, d = 1) => v.toFixed(d);

/** The estimate's error beside its floor, hall by hall (estimateFloor). */
function printFloors(halls: { name: string; scenario: Scenario }[], days: number, json: boolean): void {
  const rows = halls.map((h) => ({
    hall: h.name,
    ...estimateFloor(h.scenario, { ...DEFAULT_FLOOR, days }),
  }));
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${fmt(x * 100, 0)}%`;
  let out = `estimate error against its floor, ${days} day(s) per hall, one ticket in ${DEFAULT_FLOOR.every} played on from its issue ${DEFAULT_FLOOR.plays} times\n`;
  out += `${'hall'.padEnd(36)}${'tickets'.padStart(8)}${'mean'.padStart(7)}${'told MAE'.padStart(10)}${'bias'.padStart(7)}${'floor MAE'.padStart(11)}${'bias'.padStart(7)}\n`;
  for (const r of rows)
    out += `${r.hall.slice(0, 35).padEnd(36)}${String(r.tickets).padStart(8)}${fmt(r.meanWaitMin).padStart(7)}${pct(r.told.maeShare).padStart(10)}${pct(r.told.biasShare).padStart(7)}${pct(r.floor.maeShare).padStart(11)}${pct(r.floor.biasShare).padStart(7)}\n`;
  const above = rows.filter((r) => r.floor.maeShare > 0.4).length;
  out += `floor MAE above 40 % of the mean wait on ${above} of ${rows.length}: there no estimate holds that goal\n`;
  process.stdout.write(out);
}

/** A figure with its 95 % confidence half-width over the simulated days. */
const pm = (v: number, half: number, d = 1) => `${fmt(v, d)}±${fmt(half, d)}`;

function table(r: ScenarioReport): string {
  const cols: [string, (m: PolicyMetrics, h: PolicyMetrics) => string, number][] = [
    ['served', (m) => fmt(m.served, 0), 8],
    ['mean', (m, h) => pm(m.meanWaitMin, h.meanWaitMin), 11],
    ['p50', (m) => fmt(m.p50WaitMin), 7],
    ['p95', (m, h) => pm(m.p95WaitMin, h.p95WaitMin), 12],
    ['max', (m, h) => pm(m.maxWaitMin, h.maxWaitMin), 12],
    ['SLA', (m) => `${fmt(m.slaAttainment * 100)}%`, 8],
    ['utilCV', (m) => fmt(m.utilizationCv, 2), 8],
    ['estMAE', (m, h) => pm(m.estimateMaeMin, h.estimateMaeMin), 11],
    ['estMAE%', (m) => `${fmt((m.estimateMaeMin / Math.max(1e-9, m.meanWaitMin)) * 100, 0)}%`, 9],
    ['estBias', (m) => fmt(m.estimateBiasMin), 9],
    ['range', (m) => `${fmt(m.rangeCoverage * 100, 0)}%`, 7],
    ['naiveMAE', (m) => fmt(m.naiveMaeMin), 10],
  ];
  const pooled = r.policies.pooled;
  const fifo = r.policies.fifo;
  let out = `${r.scenario} — ${r.seeds} seed(s); waits in minutes, ± the 95 % confidence half-width over seeds\n`;
  out += `${'policy'.padEnd(11)}${cols.map(([h, , w]) => h.padStart(w)).join('')}${'mean/fifo'.padStart(11)}${'gap closed'.padStart(12)}${'Δmean vs fifo (95% CI)'.padStart(26)}\n`;
  for (const p of POLICY_NAMES) {
    const m = r.policies[p];
    const h = r.ci95[p];
    const gap = fifo.meanWaitMin - pooled.meanWaitMin;
    const closed = gap > 0 ? `${fmt(((fifo.meanWaitMin - m.meanWaitMin) / gap) * 100, 0)}%` : '-';
    const d = r.vsFifo[p];
    const diff = d === undefined ? '-' : `${fmt(d.meanMin)} [${fmt(d.ci95[0])}, ${fmt(d.ci95[1])}]`;
    out += `${p.padEnd(11)}${cols.map(([, f, w]) => f(m, h).padStart(w)).join('')}${fmt(m.meanWaitMin / Math.max(1e-9, fifo.meanWaitMin), 2).padStart(11)}${closed.padStart(12)}${diff.padStart(26)}\n`;
  }
  out += `estMAE: the wait told at issuance against the actual wait (estMAE%: of the mean wait); estBias: told − actual; range: share of waits inside the range told (goal 80 %); naiveMAE: people ahead × average handle ÷ windows able, for comparison.\n`;
  return out;
}

try {
  main();
} catch (e) {
  process.stderr.write(
    `${e instanceof ScenarioError ? e.message : e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
}
