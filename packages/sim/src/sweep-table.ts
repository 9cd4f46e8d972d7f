import type { PairedDifference } from './run.js';
import type { GoalVerdict, HallJudgement, HallVerdict } from './sweep.js';
import type { VariantVerdict } from './variants.js';

const d1 = (d: PairedDifference) =>
  `${d.meanMin.toFixed(1)} [${d.ci95[0].toFixed(1)}, ${d.ci95[1].toFixed(1)}]`;
const GOALS = ['mean', 'p95', 'max'] as const;

/** A judged hall day as a table row: its label columns, and the group its estimate figures count in. */
interface Row {
  label: string;
  group: string;
  judged: HallJudgement;
}

/** The sweep as a table, a line per hall, then how often each goal held. */
export function sweepTable(verdicts: readonly HallVerdict[], days: number): string {
  return judgedTable(
    `${verdicts.length} generated hall(s), ${days} day(s) each`,
    `${'hall'.padEnd(6)}${'kind'.padEnd(11)}`,
    verdicts.map((v) => ({
      label: `${String(v.seed).padEnd(6)}${v.kind.padEnd(11)}`,
      group: v.kind,
      judged: v,
    })),
  );
}

/** Columns a terminal gives a string: CJK and full-width characters take two. */
function columns(s: string): number {
  let n = 0;
  for (const ch of s)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return n;
}

const padColumns = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - columns(s)));

/** The shipped days bent (`--variants`): a line per scenario and variant, then the same counts. */
export function variantsTable(verdicts: readonly VariantVerdict[], days: number): string {
  const width = Math.max(8, ...verdicts.map((v) => columns(v.scenario))) + 2;
  return judgedTable(
    `${verdicts.length} hall day(s) as written and bent, ${days} day(s) each`,
    `${'scenario'.padEnd(width)}${'variant'.padEnd(16)}`,
    verdicts.map((v) => ({
      label: `${padColumns(v.scenario, width)}${v.variant.padEnd(16)}`,
      group: v.variant,
      judged: v,
    })),
  );
}

function judgedTable(title: string, labelHead: string, rows: readonly Row[]): string {
  let out = `${title}; onewindow − FIFO in minutes (95 % interval); max: − 1.02 × FIFO's\n`;
  out += `${labelHead}${'matters'.padStart(8)}${'windows'.padStart(8)}${'fifo mean'.padStart(10)}${'fifo max'.padStart(10)}${'Δmean'.padStart(22)}${'Δp95'.padStart(22)}${'Δmax'.padStart(22)}${'estMAE'.padStart(8)}${'estMAE%'.padStart(9)}${'bias%'.padStart(7)}${'range'.padStart(7)}  verdicts\n`;
  for (const { label, judged: v } of rows) {
    const flags = GOALS.map((g) => `${g} ${v.verdicts[g]}`).join(', ');
    const e = v.estimate;
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    out += `${label}${String(v.matters).padStart(8)}${String(v.windows).padStart(8)}${v.fifoMeanMin.toFixed(1).padStart(10)}${v.fifoMaxMin.toFixed(1).padStart(10)}${d1(v.mean).padStart(22)}${d1(v.p95).padStart(22)}${d1(v.maxOver).padStart(22)}${(e.maeShare * e.meanWaitMin).toFixed(1).padStart(8)}${pct(e.maeShare).padStart(9)}${pct(e.biasShare).padStart(7)}${pct(e.coverage).padStart(7)}  ${flags}\n`;
  }
  for (const g of GOALS) {
    const n = (k: GoalVerdict) => rows.filter((r) => r.judged.verdicts[g] === k).length;
    out += `${g.padEnd(5)} held in ${n('held')}, within noise in ${n('noise')}, missed in ${n('missed')} of ${rows.length}\n`;
  }
  const ok = rows.filter((r) => estimateHeld(r.judged)).length;
  out += `estimate (MAE ≤ 40 % and |bias| ≤ 10 % of the mean wait, range coverage 75–85 %) held in ${ok} of ${rows.length}\n`;
  for (const [name, held] of ESTIMATE_PARTS) {
    const groups = [...new Set(rows.map((r) => r.group))]
      .map((k) => {
        const of = rows.filter((r) => r.group === k);
        return `${k} ${of.filter((r) => held(r.judged)).length}/${of.length}`;
      })
      .join(', ');
    out += `  ${name} in ${rows.filter((r) => held(r.judged)).length} of ${rows.length} (${groups})\n`;
  }
  return out;
}

/** The parts of the estimate goal, each on its own (estMAE: the error in minutes beside its share). */
const ESTIMATE_PARTS: [string, (v: HallJudgement) => boolean][] = [
  ['MAE ≤ 40 % of the mean wait', (v) => v.estimate.maeShare <= 0.4],
  ['|bias| ≤ 10 % of the mean wait', (v) => Math.abs(v.estimate.biasShare) <= 0.1],
  ['range coverage 75–85 %', (v) => v.estimate.coverage >= 0.75 && v.estimate.coverage <= 0.85],
];

/** The estimate goal on one hall: MAE ≤ 40 % and |bias| ≤ 10 % of the mean wait, coverage 80 ± 5 %. */
export function estimateHeld(v: HallJudgement): boolean {
  const e = v.estimate;
  return e.maeShare <= 0.4 && Math.abs(e.biasShare) <= 0.1 && e.coverage >= 0.75 && e.coverage <= 0.85;
}
