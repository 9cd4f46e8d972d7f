import { type Notice, type WaitRange, waitWords } from '@onewindow/domain';
import { LOW_REASON_ZH, LOW_REASONS, type Locale, type LowReason } from '@onewindow/protocol';
import { esc, page, shanghaiClock } from './shell.js';

export interface PublicWindow {
  number: string;
  name: string;
}

export interface PublicTicketStatus {
  number: string;
  hallName: string;
  hallNameEn: string | null;
  hallPhone: string | null;
  matterName: string;
  matterNameEn: string | null;
  status: string;
  window: PublicWindow | null;
  /** Set while a transferred ticket waits for one window only. */
  targetWindow: PublicWindow | null;
  /** The 咨询导办 desk residents are sent to with questions, if the hall has one. */
  consultWindow: PublicWindow | null;
  position: { peopleAhead: number; estimatedWaitMin: number | null; range?: WaitRange | null } | null;
}

/** The words of the phone pages; values are HTML (their slots are escaped before they go in). */
const ZH = {
  window: (w: string, name: string) => `<b>${w} 号窗口</b>（${name}）`,
  someWindow: '窗口',
  askDesk: (desk: string) => `请到 ${desk}咨询`,
  askStaff: '请咨询大厅工作人员',
  ahead: (n: number) => `前面还有 <b>${n}</b> 人`,
  noWindowYet: '，目前暂无窗口受理，窗口开放后按顺序叫号',
  waitAbout: (m: number, r?: WaitRange | null) => `，预计等候 <b>${waitWords(m, 'zh-CN', r)}</b>`,
  waiting: '等候叫号',
  transferred: '已转办，等候叫号',
  toQueue: (matter: string) => `您的号码已转到“${matter}”的队列，号码不变，按原取号时间排队。`,
  toWindow: (w: string) => `您的号码已转到 ${w}，号码不变，请留意该窗口叫号。`,
  goTo: (w: string) => `请到 ${w}办理`,
  serving: '正在办理',
  done: '已办结',
  thanks: '感谢您的耐心，欢迎对本次服务作出评价。',
  noShow: (ask: string) => `您的号码已过号。如仍需办理，请重新取号；如有特殊情况，${ask}。`,
  cancelled: (ask: string) => `此号码已取消。如仍需办理，请重新取号，${ask}。`,
  expired: (ask: string) => `此号码已失效（当日已停止办理）。请在办公时间重新取号，${ask}。`,
  phone: (p: string) => ` · 咨询电话 ${p}`,
  noticeTitle: '一次性告知单',
  matter: '办理事项',
  number: '号码',
  desk: '受理窗口',
  clerk: '经办人',
  staffNo: (no: string) => `（工号 ${no}）`,
  at: '告知时间',
  stillNeeded: '您申请办理的事项还需补齐以下材料：',
  note: (n: string) => `说明：${n}`,
  complete: '以上为办理本事项尚需的全部材料，补齐后即可到窗口办理，无需重新咨询。',
  callUs: (p: string) => `咨询电话：${p}`,
  levels: ['非常不满意', '不满意', '基本满意', '满意', '非常满意'],
  rated: '感谢您的评价！',
  reasonsAsk: '如不满意，请选择原因（可多选）：',
  comment: '意见建议（选填）',
  reasons: LOW_REASON_ZH as Record<LowReason, string>,
  live: '本页实时更新，叫到您的号码时会提醒您',
  calledAlert: '叫到您的号码了！',
};
type Words = typeof ZH;

const EN: Words = {
  window: (w: string, name: string) => `<b>window ${w}</b> (${name})`,
  someWindow: 'the window',
  askDesk: (desk: string) => `please ask at ${desk}`,
  askStaff: 'please ask the hall staff',
  ahead: (n: number) => `<b>${n}</b> ${n === 1 ? 'person' : 'people'} ahead of you`,
  noWindowYet: '; no window serves this yet, tickets are called in order once one opens',
  waitAbout: (m: number, r?: WaitRange | null) => `; wait <b>${waitWords(m, 'en', r)}</b>`,
  waiting: 'Waiting to be called',
  transferred: 'Transferred, waiting to be called',
  toQueue: (matter: string) =>
    `Your ticket moved to the queue for “${matter}”; same number, same place by the time you took it.`,
  toWindow: (w: string) => `Your ticket moved to ${w}; same number, watch for that window's call.`,
  goTo: (w: string) => `Please go to ${w}`,
  serving: 'Being served',
  done: 'Completed',
  thanks: 'Thank you for your patience. Please rate the service you received.',
  noShow: (ask: string) =>
    `Your number was called and missed. To be served, take a new ticket; if something kept you, ${ask}.`,
  cancelled: (ask: string) => `This ticket was cancelled. To be served, take a new ticket, or ${ask}.`,
  expired: (ask: string) =>
    `This ticket has expired (the day's service ended). Take a new ticket during opening hours, or ${ask}.`,
  phone: (p: string) => ` · Enquiries ${p}`,
  noticeTitle: 'Notice of missing materials (一次性告知单)',
  matter: 'Matter',
  number: 'Ticket',
  desk: 'Window',
  clerk: 'Handled by',
  staffNo: (no: string) => ` (staff no. ${no})`,
  at: 'Issued',
  stillNeeded: 'To complete your application, please bring the following:',
  note: (n: string) => `Note: ${n}`,
  complete:
    'This is everything still needed. Once you have it, come to any window that handles this matter; no need to ask again.',
  callUs: (p: string) => `Enquiries: ${p}`,
  levels: ['Very dissatisfied', 'Dissatisfied', 'Fair', 'Satisfied', 'Very satisfied'],
  rated: 'Thank you for your rating!',
  reasonsAsk: 'If you were not satisfied, tell us why (any that apply):',
  comment: 'Comments (optional)',
  reasons: {
    wait: 'Long wait',
    attitude: 'Unfriendly service',
    skill: 'Clerk unsure of the matter',
    notice: 'Missing documents not told at once',
    resubmit: 'Asked to hand in papers again',
    trips: 'Had to come several times',
    system: 'System failure',
    facility: 'Inconvenient hall or facilities',
  },
  live: 'This page updates by itself and alerts you when your number is called',
  calledAlert: 'Your number is called!',
};

const WORDS: Record<Locale, Words> = { 'zh-CN': ZH, en: EN };

const name = (locale: Locale, zh: string, en: string | null) => esc(locale === 'en' && en !== null ? en : zh);

/** What the ticket's state means for the resident, and what to do now. */
function ticketGuidance(s: PublicTicketStatus, w: Words, locale: Locale, rate: RateForm | undefined): string {
  const win = (x: PublicWindow) => w.window(esc(x.number), esc(x.name));
  const ask = s.consultWindow === null ? w.askStaff : w.askDesk(win(s.consultWindow));
  const wait =
    s.position === null
      ? ''
      : `<p>${w.ahead(s.position.peopleAhead)}${
          s.position.estimatedWaitMin === null
            ? w.noWindowYet
            : w.waitAbout(s.position.estimatedWaitMin, s.position.range)
        }</p>`;
  switch (s.status) {
    case 'waiting':
      return `<p class="state">${w.waiting}</p>${wait}`;
    case 'transferred':
      return `<p class="state">${w.transferred}</p><p>${
        s.targetWindow === null
          ? w.toQueue(name(locale, s.matterName, s.matterNameEn))
          : w.toWindow(win(s.targetWindow))
      }</p>${wait}`;
    case 'called':
      return `<p class="go" data-testid="called" role="alert">${w.calledAlert} ${w.goTo(s.window === null ? w.someWindow : win(s.window))}</p>`;
    case 'serving':
      return `<p class="state">${w.serving}</p>${s.window === null ? '' : `<p>${win(s.window)}</p>`}`;
    case 'done':
      return `<p class="state">${w.done}</p>${rate === undefined ? `<p>${w.thanks}</p>` : rateForm(rate, w, locale)}`;
    case 'noShow':
      return `<div class="alert">${w.noShow(ask)}</div>`;
    case 'cancelled':
      return `<div class="alert">${w.cancelled(ask)}</div>`;
    default:
      return `<div class="alert">${w.expired(ask)}</div>`;
  }
}

/** The 好差评 form of a finished visit on the phone (channel mobile): five buttons, no script. */
export interface RateForm {
  ticketId: string;
  rated: boolean;
}
const rateForm = (r: RateForm, w: Words, locale: Locale) =>
  r.rated
    ? `<p class="state" data-rated="1">${w.rated}</p>`
    : `<p>${w.thanks}</p><form method="post" action="/t/${encodeURIComponent(r.ticketId)}/rate" class="rate">${
        locale === 'en' ? '<input type="hidden" name="lang" value="en">' : ''
      }<fieldset><legend>${w.reasonsAsk}</legend>${LOW_REASONS.map(
        (x) =>
          `<label><input type="checkbox" name="reason" value="${x}" data-testid="rate-reason-${x}"> ${esc(w.reasons[x])}</label>`,
      ).join('')}</fieldset><p><label>${w.comment}<br><input name="comment" maxlength="500"></label></p>${[
        5, 4, 3, 2, 1,
      ]
        .map(
          (l) =>
            `<button name="level" value="${l}" type="submit" data-testid="rate-${l}"${l <= 2 ? ' class="secondary"' : ''}>${w.levels[l - 1]}</button>`,
        )
        .join('')}</form>`;

/** The ticket's part of the phone page: rendered here for the first load and for every live update. */
export function ticketSection(s: PublicTicketStatus, locale: Locale, rate?: RateForm): string {
  const w: Words = WORDS[locale];
  return `<div class="big">${esc(s.number)}</div><p>${name(locale, s.matterName, s.matterNameEn)}</p>${ticketGuidance(
    s,
    w,
    locale,
    rate,
  )}`;
}

/** Where the live page's script is served (the phone bundle); the page works without it, refreshing. */
export const PHONE_SCRIPT = '/phone/app.js';

/** What a resident's phone shows after scanning the ticket's QR code; kept current over Socket.IO. */
export function ticketPage(
  s: PublicTicketStatus & { id: string },
  locale: Locale = 'zh-CN',
  rate?: RateForm,
): string {
  const w: Words = WORDS[locale];
  const hall = name(locale, s.hallName, s.hallNameEn);
  const phone = s.hallPhone === null ? '' : w.phone(esc(s.hallPhone));
  return page(
    `${s.number} · ${locale === 'en' && s.hallNameEn !== null ? s.hallNameEn : s.hallName}`,
    `<h1>${hall}</h1><main id="ticket" data-ticket="${esc(s.id)}" data-lang="${locale}" data-status="${esc(s.status)}" aria-live="polite">${ticketSection(
      s,
      locale,
      rate,
    )}</main><p class="muted"><span data-testid="live-note">${w.live}</span>${phone}</p>`,
    {
      locale,
      switchable: true,
      head: `<noscript><meta http-equiv="refresh" content="15"></noscript><script type="module" src="${PHONE_SCRIPT}"></script>`,
    },
  );
}

/** 一次性告知单 as an official notice: hall, date, clerk, ticket, everything missing, whom to call. */
export function noticePage(
  n: Notice,
  hall: { name: string; nameEn?: string | undefined; phone?: string | undefined },
  locale: Locale = 'zh-CN',
): string {
  const w: Words = WORDS[locale];
  const items = n.missing.map((m) => `<li>${esc(m)}</li>`).join('');
  const clerk =
    n.staffName === null ? '' : `${esc(n.staffName)}${n.staffNo === null ? '' : w.staffNo(esc(n.staffNo))}`;
  return page(
    `${w.noticeTitle} · ${n.ticketNumber}`,
    `<div class="sheet"><h1>${name(locale, hall.name, hall.nameEn ?? null)}</h1><h2>${w.noticeTitle}</h2>
<dl><dt>${w.matter}</dt><dd><b>${esc(n.matterName)}</b></dd><dt>${w.number}</dt><dd>${esc(n.ticketNumber)}</dd>
<dt>${w.desk}</dt><dd>${esc(n.windowName)}</dd>${clerk === '' ? '' : `<dt>${w.clerk}</dt><dd>${clerk}</dd>`}
<dt>${w.at}</dt><dd>${esc(shanghaiClock(n.at))}</dd></dl>
<p>${w.stillNeeded}</p><ol>${items}</ol>${n.note === null ? '' : `<p>${w.note(esc(n.note))}</p>`}<p>${w.complete}</p>${
      hall.phone === undefined ? '' : `<p>${w.callUs(esc(hall.phone))}</p>`
    }</div>`,
    { locale, switchable: true },
  );
}
