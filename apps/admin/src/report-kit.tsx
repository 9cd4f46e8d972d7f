import { type Cell, type Locale, rowLabel, type StatsTable, titleOf } from '@onewindow/protocol';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import type { T } from './i18n.js';

// Only what the console draws: bars, lines and a pie, as SVG (sharp when printed, no canvas needed).
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** One Apache ECharts chart; redrawn when its option changes, disposed with the page. */
export function Chart({
  option,
  testId,
  height = 280,
}: {
  option: ChartOption;
  testId: string;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} className="ac-chart" data-testid={testId} style={{ height }} />;
}

const compare = (a: Cell, b: Cell) => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'zh-CN');
};

/** A table of figures; a click on a column's title sorts by it (again: the other way). */
export function SortableTable({
  table,
  locale,
  testId,
}: {
  table: StatsTable;
  locale: Locale;
  testId: string;
}) {
  const [sort, setSort] = useState<{ col: number; desc: boolean } | null>(null);
  const rows =
    sort === null
      ? table.rows
      : [...table.rows].sort(
          (a, b) => (sort.desc ? -1 : 1) * compare(a[sort.col] ?? null, b[sort.col] ?? null),
        );
  return (
    <table className="ac-table ac-figures" data-testid={testId}>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={c.key}>
              <button
                type="button"
                className="ac-sort"
                data-testid={`${testId}-sort-${c.key}`}
                onClick={() => setSort({ col: i, desc: sort?.col === i ? !sort.desc : true })}
              >
                {titleOf(c, locale)}
                {sort?.col === i ? (sort.desc ? ' ▼' : ' ▲') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.map(String).join('\u0000')} data-testid={`${testId}-row`}>
            {r.map((v, j) => (
              <td key={table.columns[j]?.key ?? j} className={typeof v === 'number' ? 'num' : undefined}>
                {j === 0 ? rowLabel(v, locale) : (v ?? '—')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type PeriodKind = 'day' | 'week' | 'month' | 'custom';
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

/** The period containing a day: that day, its Monday-to-Sunday week, or its calendar month. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, day: string): Period {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (kind === 'day') return { kind, from: day, to: day };
  if (kind === 'week') {
    const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
    return { kind, from: iso(monday), to: iso(monday + 6 * DAY) };
  }
  const d = new Date(t);
  return {
    kind,
    from: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
    to: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)),
  };
}

/** Today in Beijing, as the hall counts days. */
export const beijingToday = () => iso(Date.now() + 8 * 3_600_000);

export function PeriodPicker({ t, value, onChange }: { t: T; value: Period; onChange: (p: Period) => void }) {
  return (
    <span className="ac-period">
      <select
        aria-label={t('label.period')}
        data-testid="period-kind"
        value={value.kind}
        onChange={(e) => {
          const kind = e.target.value as PeriodKind;
          // Narrowing a period keeps today when it is inside, else the period's first day.
          const today = beijingToday();
          const anchor = value.from <= today && today <= value.to ? today : value.from;
          onChange(kind === 'custom' ? { ...value, kind } : periodOf(kind, anchor));
        }}
      >
        {(['day', 'week', 'month', 'custom'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`period.${k}`)}
          </option>
        ))}
      </select>
      <input
        type="date"
        aria-label={t('label.periodFrom')}
        data-testid="period-from"
        value={value.from}
        onChange={(e) =>
          onChange(
            value.kind === 'custom'
              ? { ...value, from: e.target.value }
              : periodOf(value.kind, e.target.value),
          )
        }
      />
      {value.kind === 'custom' && (
        <input
          type="date"
          aria-label={t('label.periodTo')}
          data-testid="period-to"
          value={value.to}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
      )}
      <span className="ac-muted">
        {value.from} – {value.to}
      </span>
    </span>
  );
}
