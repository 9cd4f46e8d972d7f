import type { Locale } from './roles.js';
import type { StaffAssessment, Statistics } from './stats.js';

/**
 * The statistics as tables: what the console shows (sortable), and what the xlsx and CSV exports
 * hold, cell for cell. Column titles come in both languages so the export and the page agree.
 */
export type Cell = string | number | null;
export interface Column {
  key: string;
  zh: string;
  en: string;
}
export interface StatsTable {
  key: string;
  zh: string;
  en: string;
  columns: Column[];
  rows: Cell[][];
}

const c = (key: string, zh: string, en: string): Column => ({ key, zh, en });
/** Minutes and counts to one decimal, shares as percentages: what a person reads. */
export const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
export const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);

export const titleOf = (x: { zh: string; en: string }, locale: Locale): string =>
  locale === 'en' ? x.en : x.zh;

function summary(s: Statistics): StatsTable {
  const rows: [string, string, string, Cell][] = [
    ['issued', '取号', 'Tickets issued', s.tickets.issued],
    ['served', '办结', 'Served', s.tickets.served],
    ['noShow', '过号', 'No-shows', s.tickets.noShow],
    ['cancelled', '取消', 'Cancelled', s.tickets.cancelled],
    ['expired', '未叫号作废', 'Expired', s.tickets.expired],
    ['transferred', '转办', 'Transfers', s.tickets.transferred],
    ['waitMean', '平均等候（分）', 'Mean wait (min)', round1(s.wait.meanMin)],
    ['waitP90', '等候P90（分）', 'Wait p90 (min)', round1(s.wait.p90Min)],
    ['waitWithin', '目标内叫号率 %', 'Called within target %', pct(s.wait.withinTarget)],
    ['handleMean', '平均办理（分）', 'Mean handle (min)', round1(s.handle.meanMin)],
    ['handleP90', '办理P90（分）', 'Handle p90 (min)', round1(s.handle.p90Min)],
    ['timeLimit', '限时办结率 %', 'Finished within committed time %', pct(s.timeLimit.share)],
    ['ratings', '评价数', 'Ratings', s.ratings.count],
    ['satisfaction', '满意率 %', 'Satisfaction %', pct(s.ratings.satisfaction)],
    ['good', '好评率 %', 'Good ratings %', pct(s.ratings.good)],
    ['coverage', '评价覆盖率 %', 'Rating coverage %', pct(s.ratings.coverage)],
    ['level5', '非常满意', 'Very satisfied', s.ratings.byLevel[4] ?? 0],
    ['level4', '满意', 'Satisfied', s.ratings.byLevel[3] ?? 0],
    ['level3', '基本满意', 'Fairly satisfied', s.ratings.byLevel[2] ?? 0],
    ['level2', '不满意', 'Dissatisfied', s.ratings.byLevel[1] ?? 0],
    ['level1', '非常不满意', 'Very dissatisfied', s.ratings.byLevel[0] ?? 0],
    ['rectOpened', '差评整改 新增', 'Bad reviews opened', s.rectifications.opened],
    ['rectClosed', '差评整改 办结', 'Bad reviews closed', s.rectifications.closed],
    ['rectOverdue', '差评整改 超期', 'Bad reviews overdue', s.rectifications.overdue],
    ['unresolved', '办不成事', 'Unresolved cases', s.unresolved.recorded],
    ['unresolvedClosed', '办不成事 办结', 'Unresolved closed', s.unresolved.closed],
    ['apptBooked', '预约', 'Appointments', s.appointments.booked],
    ['apptCheckedIn', '预约签到', 'Appointments checked in', s.appointments.checkedIn],
    ['apptMissed', '预约失约', 'Appointments missed', s.appointments.missed],
    ['apptCancelled', '预约取消', 'Appointments cancelled', s.appointments.cancelled],
    ['apptShown', '预约履约率 %', 'Appointments kept %', pct(s.appointments.shown)],
    ['peakHour', '高峰时段', 'Peak hour', s.peakHour === null ? null : `${s.peakHour}:00`],
    ['estimateMae', '预计等候误差（分）', 'Wait estimate error (min)', round1(s.estimates.maeMin)],
  ];
  return {
    key: 'summary',
    zh: '概览',
    en: 'Summary',
    columns: [c('metric', '指标', 'Figure'), c('value', '数值', 'Value')],
    rows: rows.map(([key, zh, en, v]) => [`${key}|${zh}|${en}`, v]),
  };
}

/** Every table of a period's statistics (and of its staff assessment, when given). */
export function statsTables(s: Statistics, staff: readonly StaffAssessment[] = []): StatsTable[] {
  const tables: StatsTable[] = [
    summary(s),
    {
      key: 'byMatter',
      zh: '按事项',
      en: 'By matter',
      columns: [
        c('matter', '事项', 'Matter'),
        c('issued', '取号', 'Issued'),
        c('served', '办结', 'Served'),
        c('noShow', '过号', 'No-shows'),
        c('meanWait', '平均等候（分）', 'Mean wait (min)'),
        c('p90Wait', '等候P90（分）', 'Wait p90 (min)'),
        c('within', '目标内 %', 'Within target %'),
        c('meanHandle', '平均办理（分）', 'Mean handle (min)'),
        c('committed', '限时办结 %', 'Within committed %'),
        c('mae', '估时误差（分）', 'Estimate error (min)'),
      ],
      rows: s.byMatter.map((m) => [
        m.name,
        m.issued,
        m.served,
        m.noShow,
        round1(m.meanWaitMin),
        round1(m.p90WaitMin),
        pct(m.withinTarget),
        round1(m.meanHandleMin),
        pct(m.withinCommitted),
        round1(m.estimateMaeMin),
      ]),
    },
    {
      key: 'windows',
      zh: '窗口利用',
      en: 'Windows',
      columns: [
        c('window', '窗口', 'Window'),
        c('served', '办结', 'Served'),
        c('staffed', '在岗（分）', 'Staffed (min)'),
        c('serving', '办理（分）', 'Serving (min)'),
        c('idle', '空闲（分）', 'Idle (min)'),
        c('paused', '暂停（分）', 'Paused (min)'),
        c('break', '休息', 'Break'),
        c('backOffice', '后台办件', 'Back office'),
        c('meeting', '会议', 'Meeting'),
        c('other', '其他', 'Other'),
        c('utilisation', '利用率 %', 'Utilisation %'),
      ],
      rows: s.windows.map((w) => [
        w.name,
        w.served,
        round1(w.staffedMin),
        round1(w.servingMin),
        round1(w.idleMin),
        round1(w.pausedMin),
        round1(w.pausedByReason.break),
        round1(w.pausedByReason.backOffice),
        round1(w.pausedByReason.meeting),
        round1(w.pausedByReason.other),
        pct(w.utilisation),
      ]),
    },
    {
      key: 'byHour',
      zh: '按时段',
      en: 'By hour',
      columns: [
        c('hour', '时段', 'Hour'),
        c('arrivals', '取号', 'Arrivals'),
        c('meanWait', '平均等候（分）', 'Mean wait (min)'),
      ],
      rows: s.byHour.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, h.arrivals, round1(h.meanWaitMin)]),
    },
    {
      key: 'byDay',
      zh: '按日',
      en: 'By day',
      columns: [
        c('day', '日期', 'Day'),
        c('issued', '取号', 'Issued'),
        c('served', '办结', 'Served'),
        c('meanWait', '平均等候（分）', 'Mean wait (min)'),
        c('ratings', '评价', 'Ratings'),
        c('satisfaction', '满意率 %', 'Satisfaction %'),
      ],
      rows: s.byDay.map((d) => [
        d.day,
        d.issued,
        d.served,
        round1(d.meanWaitMin),
        d.ratings,
        pct(d.satisfaction),
      ]),
    },
    {
      key: 'estimates',
      zh: '预计等候误差',
      en: 'Wait estimates',
      columns: [
        c('day', '日期', 'Day'),
        c('matter', '事项', 'Matter'),
        c('count', '号数', 'Tickets'),
        c('mae', '平均绝对误差（分）', 'Mean absolute error (min)'),
      ],
      rows: s.estimates.byMatterDay.map((e) => [
        e.day,
        s.byMatter.find((m) => m.matterId === e.matterId)?.name ?? e.matterId,
        e.count,
        round1(e.maeMin),
      ]),
    },
  ];
  if (staff.length > 0) tables.push(assessmentTable(staff));
  return tables;
}

export function assessmentTable(staff: readonly StaffAssessment[]): StatsTable {
  return {
    key: 'staff',
    zh: '考勤考核',
    en: 'Staff assessment',
    columns: [
      c('name', '姓名', 'Name'),
      c('staffNo', '工号', 'Staff no.'),
      c('days', '出勤天数', 'Days worked'),
      c('onWindow', '在岗（分）', 'At window (min)'),
      c('paused', '暂停（分）', 'Paused (min)'),
      c('served', '办结', 'Served'),
      c('meanHandle', '平均办理（分）', 'Mean handle (min)'),
      c('ratings', '评价', 'Ratings'),
      c('satisfaction', '满意率 %', 'Satisfaction %'),
      c('bad', '差评', 'Bad reviews'),
      c('badClosed', '差评已整改', 'Bad reviews closed'),
    ],
    rows: staff.map((a) => [
      a.name,
      a.staffNo,
      a.total.daysWorked,
      round1(a.total.onWindowMin),
      round1(a.total.pausedMin),
      a.total.served,
      round1(a.total.meanHandleMin),
      a.total.ratings,
      pct(a.total.satisfaction),
      a.total.badReviews,
      a.total.badReviewsClosed,
    ]),
  };
}

/** A summary row's label in a language (its first cell holds key|zh|en). */
export function rowLabel(cell: Cell, locale: Locale): Cell {
  if (typeof cell !== 'string' || !cell.includes('|')) return cell;
  const [, zh, en] = cell.split('|');
  return (locale === 'en' ? en : zh) ?? cell;
}

/** RFC 4180 CSV with a BOM, so spreadsheet programs read the Chinese as UTF-8. */
export function toCsv(table: StatsTable, locale: Locale): string {
  const esc = (v: Cell) => {
    // A text starting like a formula is read as text by spreadsheet programs (CSV injection).
    const s = v === null ? '' : typeof v === 'string' && /^[=+@\t\r-]/.test(v) ? `'${v}` : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    table.columns.map((col) => esc(titleOf(col, locale))).join(','),
    ...table.rows.map((r) => r.map((v, i) => esc(i === 0 ? rowLabel(v, locale) : v)).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
