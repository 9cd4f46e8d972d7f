import { assessmentTable, pct, round1, type StaffAssessment } from '@onewindow/protocol';
import { shanghaiDateTime } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { Message, useT } from '../i18n.js';
import { beijingToday, type Period, PeriodPicker, periodOf, SortableTable } from '../report-kit.js';
import type { ConsoleStore } from '../store.js';

/** 考勤考核: each clerk's month (or any period), and one clerk's days with their sign-ins. */
export function AssessmentPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const locale = useStore(store, (s) => s.locale);
  const hallId = useStore(store, (s) => s.hallId);
  const [period, setPeriod] = useState<Period>(() => periodOf('month', beijingToday()));
  const [all, setAll] = useState<StaffAssessment[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (hallId === null) return;
    let live = true;
    void store
      .getState()
      .request<StaffAssessment[]>('GET', `/assessment?from=${period.from}&to=${period.to}`)
      .then((a) => live && setAll(a ?? []));
    return () => {
      live = false;
    };
  }, [store, hallId, period.from, period.to]);
  const one = all.find((a) => a.staffId === open);
  return (
    <div data-testid="assessment-page">
      <Message store={store} />
      <div className="ac-inline ac-card">
        <PeriodPicker t={t} value={period} onChange={setPeriod} />
        <a
          className="ac-button"
          data-testid="assessment-export"
          href={`/api/admin/halls/${encodeURIComponent(hallId ?? '')}/stats/export?format=csv&table=staff&locale=${locale}&from=${period.from}&to=${period.to}`}
        >
          {t('exportCsv')}
        </a>
        <select
          aria-label={t('assessment.pick')}
          data-testid="assessment-staff"
          value={open ?? ''}
          onChange={(e) => setOpen(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t('assessment.pick')}</option>
          {all.map((a) => (
            <option key={a.staffId} value={a.staffId}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <SortableTable table={assessmentTable(all)} locale={locale} testId="assessment" />
      {one !== undefined && <StaffDays t={t} a={one} />}
    </div>
  );
}

export function StaffDays({ t, a }: { t: ReturnType<typeof useT>; a: StaffAssessment }) {
  const worked = a.days.filter((d) => d.onWindowMin > 0 || d.served > 0);
  return (
    <table className="ac-table" data-testid="assessment-days">
      <TableHead
        labels={[
          t('day'),
          t('assessment.sessions'),
          t('assessment.onWindow'),
          t('assessment.paused'),
          t('kpi.served'),
          t('assessment.handle'),
          t('kpi.satisfaction'),
          t('assessment.bad'),
        ]}
      />
      <tbody>
        {worked.map((d) => (
          <tr key={d.day} data-testid="assessment-day">
            <td>{d.day}</td>
            <td>
              {d.sessions
                .map(
                  (s) =>
                    `${s.windowId} ${shanghaiDateTime(s.from).slice(11)}–${s.to === null ? '' : shanghaiDateTime(s.to).slice(11)}`,
                )
                .join('；')}
            </td>
            <td className="num">{round1(d.onWindowMin)}</td>
            <td className="num">{round1(d.pausedMin)}</td>
            <td className="num">{d.served}</td>
            <td className="num">{round1(d.meanHandleMin) ?? '—'}</td>
            <td className="num">{pct(d.satisfaction) ?? '—'}</td>
            <td className="num">
              {d.badReviews} / {d.badReviewsClosed}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
