import { type DayKind, type HolidayCalendar, weekdayOf } from '@onewindow/domain';
import chineseDays from 'chinese-days';

/** China's calendar: public holidays off, 调休 weekends worked (chinese-days). */
export const chineseCalendar: HolidayCalendar = (day): DayKind => {
  const detail = chineseDays.getDayDetail(day);
  const weekend = weekdayOf(day) === 'sat' || weekdayOf(day) === 'sun';
  if (detail.work) return weekend ? 'makeup' : 'workday';
  return weekend && (detail.name === 'Saturday' || detail.name === 'Sunday') ? 'weekend' : 'holiday';
};
