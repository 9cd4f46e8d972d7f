import { jsonObjectOf, type NoticeKind } from '../notify.js';

/** The kinds of booking and visit messages (办不成事 case messages are written by the clerk). */
export type VisitKind = Exclude<NoticeKind, 'case'>;
export const VISIT_KINDS: readonly VisitKind[] = [
  'booked',
  'rescheduled',
  'cancelled',
  'reminder',
  'soon',
  'call',
  'pickup',
];

/** What a message may name; each template uses the ones it needs. */
export interface MessageValues {
  hall: string;
  matter?: string;
  /** 12月1日 09:30–10:00 */
  time?: string;
  code?: string;
  number?: string;
  ahead?: number;
  window?: string;
}

/** The texts a hall sends (SMS style, Chinese); a deployment may replace any of them. */
export const DEFAULT_MESSAGES: Readonly<Record<VisitKind, string>> = {
  booked: '您已预约“{matter}”，时间{time}，预约码{code}。请在预约时段到{hall}的自助取号机凭预约码签到取号。',
  rescheduled: '您的“{matter}”预约已改到{time}，预约码{code}。',
  cancelled: '您{time}的“{matter}”预约已取消。',
  reminder: '温馨提醒：您预约的“{matter}”将于{time}开始，请带齐材料按时到{hall}签到，预约码{code}。',
  soon: '您的号码{number}前面还有{ahead}人，即将叫号，请回到大厅留意叫号。',
  call: '请{number}号到{window}号窗口办理。',
  pickup: '您办理的“{matter}”已办结，请到{window}领取办理结果。',
};

export type MessageTemplates = Readonly<Record<VisitKind, string>>;

export function fillMessage(template: string, v: MessageValues): string {
  return template.replace(/\{(hall|matter|time|code|number|ahead|window)\}/g, (_, k: keyof MessageValues) =>
    String(v[k] ?? ''),
  );
}

/** Message texts given as JSON (ONEWINDOW_NOTIFY_MESSAGES): known kinds only, non-empty text. */
export function parseMessageTemplates(text: string): MessageTemplates {
  const out: Record<VisitKind, string> = { ...DEFAULT_MESSAGES };
  for (const [k, v] of Object.entries(jsonObjectOf(text, 'ONEWINDOW_NOTIFY_MESSAGES'))) {
    if (!(VISIT_KINDS as readonly string[]).includes(k))
      throw new Error(
        `ONEWINDOW_NOTIFY_MESSAGES: unknown kind ${k.slice(0, 40)} (${VISIT_KINDS.join(', ')})`,
      );
    if (typeof v !== 'string' || v.trim() === '' || v.length > 500)
      throw new Error(`ONEWINDOW_NOTIFY_MESSAGES: ${k} must be a text of at most 500 characters`);
    out[k as VisitKind] = v;
  }
  return out;
}
