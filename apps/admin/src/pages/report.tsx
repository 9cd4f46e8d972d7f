import {
  assessmentTable,
  type StaffAssessment,
  type Statistics,
  statsTables,
  titleOf,
} from '@onewindow/protocol';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Message, useT } from '../i18n.js';
import { beijingToday, Chart, periodOf, SortableTable } from '../report-kit.js';
import type { ConsoleStore } from '../store.js';
import { statsCharts, statsQuery } from './stats.js';

/** 月度报表: one month of the hall (and the halls below it) on paper: figures, charts, staff. */
export function ReportPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const locale = useStore(store, (s) => s.locale);
  const hallId = useStore(store, (s) => s.hallId);
  const halls = useStore(store, (s) => s.halls);
  const [month, setMonth] = useState(() => beijingToday().slice(0, 7));
  const [stats, setStats] = useState<Statistics | null>(null);
  const [staff, setStaff] = useState<StaffAssessment[]>([]);
  const period = periodOf('month', `${month}-01`);
  useEffect(() => {
    if (hallId === null) return;
    let live = true;
    void (async () => {
      const q = statsQuery(period, {
        scope: 'subtree',
        categoryId: '',
        matterId: '',
        windowId: '',
        staffId: '',
      });
      const s = await store.getState().request<Statistics>('GET', `/stats?${q}`);
      const a = await store
        .getState()
        .request<StaffAssessment[]>('GET', `/assessment?from=${period.from}&to=${period.to}`);
      if (live) {
        setStats(s ?? null);
        setStaff(a ?? []);
      }
    })();
    return () => {
      live = false;
    };
  }, [store, hallId, period]);
  const charts = useMemo(() => (stats === null ? null : statsCharts(stats, t)), [stats, t]);
  const hall = halls.find((h) => h.id === hallId);
  const tables = stats === null ? [] : statsTables(stats).filter((x) => x.key !== 'estimates');
  return (
    <div data-testid="report-page" className="ac-report">
      <Message store={store} />
      <div className="ac-inline ac-card ac-noprint">
        <input
          type="month"
          aria-label={t('label.period')}
          data-testid="report-month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        />
        <button
          type="button"
          className="ac-button primary"
          data-testid="report-print"
          onClick={() => window.print()}
        >
          {t('print')}
        </button>
      </div>
      {stats !== null && charts !== null && (
        <article>
          <h1 data-testid="report-title">
            {hall?.name ?? ''} · {t('report.title', { month })}
          </h1>
          <p className="ac-muted">
            {t('report.covers', {
              halls: stats.halls.map((h) => h.name).join('、'),
              from: stats.from,
              to: stats.to,
            })}
          </p>
          {tables.map((table) => (
            <section key={table.key}>
              <h2>{titleOf(table, locale)}</h2>
              <SortableTable table={table} locale={locale} testId={`report-${table.key}`} />
            </section>
          ))}
          <section className="ac-charts">
            <Chart option={charts.byHour} testId="report-chart-hour" height={240} />
            <Chart option={charts.trend} testId="report-chart-trend" height={240} />
          </section>
          {staff.length > 0 && (
            <section>
              <h2>{titleOf(assessmentTable(staff), locale)}</h2>
              <SortableTable table={assessmentTable(staff)} locale={locale} testId="report-staff" />
            </section>
          )}
          <p className="ac-signature">{t('report.signature')}</p>
        </article>
      )}
    </div>
  );
}
