import {
  pct,
  round1,
  type StaffAssessment,
  type Statistics,
  statsTables,
  titleOf,
} from '@onewindow/protocol';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Message, useT } from '../i18n.js';
import {
  beijingToday,
  Chart,
  type ChartOption,
  type Period,
  PeriodPicker,
  periodOf,
  SortableTable,
} from '../report-kit.js';
import type { ConsoleStore } from '../store.js';

interface Filters {
  scope: 'hall' | 'subtree' | 'deployment';
  categoryId: string;
  matterId: string;
  windowId: string;
  staffId: string;
}
const NONE: Filters = { scope: 'hall', categoryId: '', matterId: '', windowId: '', staffId: '' };

export function statsQuery(p: Period, f: Filters = NONE): string {
  const q = new URLSearchParams({ from: p.from, to: p.to, scope: f.scope });
  for (const k of ['categoryId', 'matterId', 'windowId', 'staffId'] as const) if (f[k] !== '') q.set(k, f[k]);
  return q.toString();
}

/** The four charts of the statistics page, from one period's figures. */
export function statsCharts(
  s: Statistics,
  t: (
    k:
      | 'chart.arrivals'
      | 'chart.wait'
      | 'chart.issued'
      | 'chart.served'
      | 'chart.utilisation'
      | 'chart.satisfaction',
  ) => string,
) {
  const byHour: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: s.byHour.map((h) => `${h.hour}:00`) },
    yAxis: [{ type: 'value' }, { type: 'value' }],
    series: [
      { name: t('chart.arrivals'), type: 'bar', data: s.byHour.map((h) => h.arrivals) },
      {
        name: t('chart.wait'),
        type: 'line',
        yAxisIndex: 1,
        data: s.byHour.map((h) => round1(h.meanWaitMin)),
      },
    ],
  };
  const byMatter: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 120 },
    yAxis: { type: 'category', data: s.byMatter.map((m) => m.name) },
    xAxis: { type: 'value' },
    series: [
      { name: t('chart.issued'), type: 'bar', data: s.byMatter.map((m) => m.issued) },
      { name: t('chart.served'), type: 'bar', data: s.byMatter.map((m) => m.served) },
    ],
  };
  const windows: ChartOption = {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.windows.map((w) => w.name) },
    yAxis: { type: 'value', max: 100 },
    series: [{ name: t('chart.utilisation'), type: 'bar', data: s.windows.map((w) => pct(w.utilisation)) }],
  };
  const trend: ChartOption = {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: s.byDay.filter((d) => d.ratings > 0).map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        name: t('chart.satisfaction'),
        type: 'line',
        data: s.byDay.filter((d) => d.ratings > 0).map((d) => pct(d.satisfaction)),
        markLine: { data: [{ yAxis: 95 }] },
      },
    ],
  };
  return { byHour, byMatter, windows, trend };
}

/** 统计分析: a period's figures for a scope, as cards, charts and sortable tables; xlsx and CSV. */
export function StatsPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const locale = useStore(store, (s) => s.locale);
  const hallId = useStore(store, (s) => s.hallId);
  const config = useStore(store, (s) => s.config);
  const person = useStore(store, (s) => s.person);
  const [period, setPeriod] = useState<Period>(() => periodOf('month', beijingToday()));
  const [filters, setFilters] = useState<Filters>(NONE);
  const [stats, setStats] = useState<Statistics | null>(null);
  const [staff, setStaff] = useState<StaffAssessment[]>([]);
  const query = statsQuery(period, filters);
  useEffect(() => {
    if (hallId === null) return;
    void store.getState().loadConfig();
  }, [store, hallId]);
  useEffect(() => {
    if (hallId === null) return;
    let live = true;
    void (async () => {
      const s = await store.getState().request<Statistics>('GET', `/stats?${query}`);
      const a = await store
        .getState()
        .request<StaffAssessment[]>('GET', `/assessment?from=${period.from}&to=${period.to}`);
      if (!live) return;
      setStats(s ?? null);
      setStaff(a ?? []);
    })();
    return () => {
      live = false;
    };
  }, [store, hallId, query, period.from, period.to]);
  const charts = useMemo(() => (stats === null ? null : statsCharts(stats, t)), [stats, t]);
  const tables = stats === null ? [] : statsTables(stats, staff);
  const exportUrl = (format: 'xlsx' | 'csv', table?: string) =>
    `/api/admin/halls/${encodeURIComponent(hallId ?? '')}/stats/export?format=${format}&locale=${locale}${table === undefined ? '' : `&table=${table}`}&${query}`;
  const select = (key: keyof Omit<Filters, 'scope'>, options: { id: string; name: string }[]) => (
    <select
      aria-label={t(`label.${key}`)}
      data-testid={`filter-${key}`}
      value={filters[key]}
      onChange={(e) => setFilters({ ...filters, [key]: e.target.value })}
    >
      <option value="">{t(`filter.${key}`)}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
  const c = config?.config;
  return (
    <div data-testid="stats-page">
      <Message store={store} />
      <div className="ac-inline ac-card ac-noprint">
        <PeriodPicker t={t} value={period} onChange={setPeriod} />
        <select
          aria-label={t('label.scope')}
          data-testid="filter-scope"
          value={filters.scope}
          onChange={(e) => setFilters({ ...filters, scope: e.target.value as Filters['scope'] })}
        >
          <option value="hall">{t('scope.hall')}</option>
          <option value="subtree">{t('scope.subtree')}</option>
          {person?.hallId === null && person.role !== 'hallManager' && (
            <option value="deployment">{t('scope.deployment')}</option>
          )}
        </select>
        {select('categoryId', c?.categories ?? [])}
        {select('matterId', c?.matters ?? [])}
        {select(
          'windowId',
          (c?.windows ?? []).map((w) => ({ id: w.id, name: `${w.number} ${w.name}` })),
        )}
        {select('staffId', c?.staff ?? [])}
        <a className="ac-button" data-testid="export-xlsx" href={exportUrl('xlsx')}>
          {t('exportXlsx')}
        </a>
      </div>
      {stats !== null && charts !== null && (
        <>
          <div className="ac-kpis" data-testid="kpis">
            <Kpi label={t('kpi.issued')} value={stats.tickets.issued} testId="kpi-issued" />
            <Kpi label={t('kpi.served')} value={stats.tickets.served} testId="kpi-served" />
            <Kpi
              label={t('kpi.wait')}
              value={round1(stats.wait.meanMin)}
              unit={t('unit.min')}
              testId="kpi-wait"
            />
            <Kpi label={t('kpi.within')} value={pct(stats.wait.withinTarget)} unit="%" testId="kpi-within" />
            <Kpi
              label={t('kpi.timeLimit')}
              value={pct(stats.timeLimit.share)}
              unit="%"
              testId="kpi-timelimit"
            />
            <Kpi
              label={t('kpi.satisfaction')}
              value={pct(stats.ratings.satisfaction)}
              unit="%"
              testId="kpi-satisfaction"
              warn={stats.ratings.satisfaction !== null && stats.ratings.satisfaction < 0.95}
            />
            <Kpi
              label={t('kpi.overdue')}
              value={stats.rectifications.overdue}
              testId="kpi-overdue"
              warn={stats.rectifications.overdue > 0}
            />
            <Kpi
              label={t('kpi.mae')}
              value={round1(stats.estimates.maeMin)}
              unit={t('unit.min')}
              testId="kpi-mae"
            />
            <Kpi
              label={t('kpi.appointments')}
              value={stats.appointments.checkedIn}
              unit={` / ${stats.appointments.booked - stats.appointments.cancelled}`}
              testId="kpi-appointments"
              warn={stats.appointments.missed > 0}
            />
          </div>
          <div className="ac-charts">
            <figure>
              <figcaption>{t('chart.byHour')}</figcaption>
              <Chart option={charts.byHour} testId="chart-hour" />
            </figure>
            <figure>
              <figcaption>{t('chart.byMatter')}</figcaption>
              <Chart option={charts.byMatter} testId="chart-matter" />
            </figure>
            <figure>
              <figcaption>{t('chart.windows')}</figcaption>
              <Chart option={charts.windows} testId="chart-windows" />
            </figure>
            <figure>
              <figcaption>{t('chart.trend')}</figcaption>
              <Chart option={charts.trend} testId="chart-trend" />
            </figure>
          </div>
          {tables.map((table) => (
            <section key={table.key} className="ac-card">
              <h3>
                {titleOf(table, locale)}{' '}
                <a
                  className="ac-small"
                  data-testid={`export-csv-${table.key}`}
                  href={exportUrl('csv', table.key)}
                >
                  CSV
                </a>
              </h3>
              <SortableTable table={table} locale={locale} testId={`table-${table.key}`} />
            </section>
          ))}
        </>
      )}
    </div>
  );
}

export function Kpi({
  label,
  value,
  unit = '',
  testId,
  warn = false,
}: {
  label: string;
  value: number | null;
  unit?: string;
  testId: string;
  warn?: boolean;
}) {
  return (
    <div className={`ac-kpi${warn ? ' warn' : ''}`} data-testid={testId}>
      <span>{label}</span>
      <b>
        {value ?? '—'}
        {value === null ? '' : unit}
      </b>
    </div>
  );
}
