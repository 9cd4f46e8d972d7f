import type { PairedDifference } from './run.js';
import type { GoalVerdict, HallVerdict } from './sweep.js';

const d1 = (d: PairedDifference) =>
  `${d.meanMin.toFixed(1)} [${d.ci95[0].toFixed(1)}, ${d.ci95[1].toFixed(1)}]`;
const GOALS = ['mean', 'p95', 'max'] as const;

/** The sweep as a table, a line per hall, then how often each goal held. */
export function sweepTable(verdicts: readonly HallVerdict[], days: number): string {
  let out = `${verdicts.length} generated hall(s), ${days} day(s) each; onewindow − FIFO in minutes (95 % interval); max: − 1.02 × FIFO's\n`;
  out += `${'hall'.padEnd(6)}${'kind'.padEnd(11)}${'matters'.padStart(8)}${'windows'.padStart(8)}${'fifo mean'.padStart(10)}${'fifo max'.padStart(10)}${'Δmean'.padStart(22)}${'Δp95'.padStart(22)}${'Δmax'.padStart(22)}${'estMAE'.padStart(8)}${'estMAE%'.padStart(9)}${'bias%'.padStart(7)}${'range'.padStart(7)}  verdicts\n`;
  for (const v of verdicts) {
    const flags = GOALS.map((g) => `${g} ${v.verdicts[g]}`).join(', ');
    const e = v.estimate;
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    out += `${String(v.seed).padEnd(6)}${v.kind.padEnd(11)}${String(v.matters).padStart(8)}${String(v.windows).padStart(8)}${v.fifoMeanMin.toFixed(1).padStart(10)}${v.fifoMaxMin.toFixed(1).padStart(10)}${d1(v.mean).padStart(22)}${d1(v.p95).padStart(22)}${d1(v.maxOver).padStart(22)}${(e.maeShare * e.meanWaitMin).toFixed(1).padStart(8)}${pct(e.maeShare).padStart(9)}${pct(e.biasShare).padStart(7)}${pct(e.coverage).padStart(7)}  ${flags}\n`;
  }
  for (const g of GOALS) {
    const n = (k: GoalVerdict) => verdicts.filter((v) => v.verdicts[g] === k).length;
    out += `${g.padEnd(5)} held in ${n('held')}, within noise in ${n('noise')}, missed in ${n('missed')} of ${verdicts.length}\n`;
  }
  const ok = verdicts.filter((v) => estimateHeld(v)).length;
  out += `estimate (MAE ≤ 40 % and |bias| ≤ 10 % of the mean wait, range coverage 75–85 %) held in ${ok} of ${verdicts.length}\n`;
  for (const [name, held] of ESTIMATE_PARTS) {
    const kinds = [...new Set(verdicts.map((v) => v.kind))]
      .map((k) => {
        const of = verdicts.filter((v) => v.kind === k);
        return `${k} ${of.filter(held).length}/${of.length}`;
      })
      .join(', ');
    out += `  ${name} in ${verdicts.filter(held).length} of ${verdicts.length} (${kinds})\n`;
  }
  return out;
}

/** The parts of the estimate goal, each on its own (estMAE: the error in minutes beside its share). */
const ESTIMATE_PARTS: [string, (v: HallVerdict) => boolean][] = [
  ['MAE ≤ 40 % of the mean wait', (v) => v.estimate.maeShare <= 0.4],
  ['|bias| ≤ 10 % of the mean wait', (v) => Math.abs(v.estimate.biasShare) <= 0.1],
  ['range coverage 75–85 %', (v) => v.estimate.coverage >= 0.75 && v.estimate.coverage <= 0.85],
];

/** The estimate goal on one hall: MAE ≤ 40 % and |bias| ≤ 10 % of the mean wait, coverage 80 ± 5 %. */
export function estimateHeld(v: HallVerdict): boolean {
  const e = v.estimate;
  return e.maeShare <= 0.4 && Math.abs(e.biasShare) <= 0.1 && e.coverage >= 0.75 && e.coverage <= 0.85;
}
