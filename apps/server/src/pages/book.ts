import { type Category, type Matter, weekdayOf } from '@onewindow/domain';
import type { BookingDay, BookingView, DaySlots, ErrorCode, Locale } from '@onewindow/protocol';
import { BOOK_WORDS, type BookWords, errorWords } from './book-words.js';
import { esc, page, shanghaiClock } from './shell.js';

/** What every booking page carries along: the language and large type. */
export interface Nav {
  locale: Locale;
  large: boolean;
}

/** A link's query: the navigation plus the page's own parameters. */
export function qs(nav: Nav, extra: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  if (nav.locale === 'en') p.set('lang', 'en');
  if (nav.large) p.set('size', 'l');
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

/** The navigation as hidden fields of a form. */
const navFields = (nav: Nav) =>
  `${nav.locale === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}${
    nav.large ? '<input type="hidden" name="size" value="l">' : ''
  }`;

const nameOf = (nav: Nav, zh: string, en: string | undefined) =>
  esc(nav.locale === 'en' && en !== undefined ? en : zh);
const u = encodeURIComponent;

/** A booking page: the language and large-type switches keep the rest of the address. */
function bookPage(
  nav: Nav,
  path: string,
  extra: Record<string, string | number>,
  title: string,
  body: string,
): string {
  const w = BOOK_WORDS[nav.locale];
  const other = { ...nav, locale: nav.locale === 'en' ? ('zh-CN' as const) : ('en' as const) };
  const sized = { ...nav, large: !nav.large };
  return page(`${title} · ${w.title}`, `<main data-testid="book">${body}</main>`, {
    locale: nav.locale,
    switchable: true,
    switchHref: `${path}${qs(other, extra)}`,
    large: nav.large,
    tools: `<a class="lang noprint" style="margin-right:1rem" href="${esc(`${path}${qs(sized, extra)}`)}" data-testid="page-size">${
      nav.large ? w.normalType : w.largeType
    }</a>`,
  });
}

const crumbs = (links: [string, string][]) =>
  `<p class="crumbs">${links.map(([href, text]) => `<a href="${esc(href)}">${text}</a>`).join(' › ')}</p>`;

export function hallsPage(
  halls: { id: string; name: string; nameEn?: string | undefined }[],
  nav: Nav,
): string {
  const w = BOOK_WORDS[nav.locale];
  const items = halls
    .map((h) => `<li><a href="/book/${u(h.id)}/${qs(nav)}">${nameOf(nav, h.name, h.nameEn)}</a></li>`)
    .join('');
  return bookPage(
    nav,
    '/book/',
    {},
    w.title,
    `<h1>${w.title}</h1><h2>${w.chooseHall}</h2><ul class="list">${items}</ul>`,
  );
}

export interface HallHead {
  id: string;
  name: string;
  nameEn?: string | undefined;
}

const hallCrumb = (hall: HallHead, nav: Nav): [string, string] => [
  `/book/${u(hall.id)}/${qs(nav)}`,
  nameOf(nav, hall.name, hall.nameEn),
];

export function categoriesPage(hall: HallHead, categories: Category[], nav: Nav): string {
  const w = BOOK_WORDS[nav.locale];
  const items = categories
    .map((c) => `<li><a href="/book/${u(hall.id)}/c/${u(c.id)}${qs(nav)}">${esc(c.name)}</a></li>`)
    .join('');
  return bookPage(
    nav,
    `/book/${u(hall.id)}/`,
    {},
    hall.name,
    `<h1>${nameOf(nav, hall.name, hall.nameEn)}</h1>${crumbs([[`/book/${qs(nav)}`, w.title]])}<h2>${w.chooseCategory}</h2>${
      items === '' ? `<p>${w.noBookable}</p>` : `<ul class="list">${items}</ul>`
    }<p><a href="/book/${u(hall.id)}/manage${qs(nav)}" data-testid="manage-link">${w.manage}</a></p>`,
  );
}

export function mattersPage(hall: HallHead, category: Category, matters: Matter[], nav: Nav): string {
  const w = BOOK_WORDS[nav.locale];
  const items = matters
    .map(
      (m) =>
        `<li><a href="/book/${u(hall.id)}/m/${u(m.id)}${qs(nav)}">${nameOf(nav, m.name, m.nameEn)}</a></li>`,
    )
    .join('');
  return bookPage(
    nav,
    `/book/${u(hall.id)}/c/${u(category.id)}`,
    {},
    category.name,
    `<h1>${esc(category.name)}</h1>${crumbs([hallCrumb(hall, nav)])}<h2>${w.chooseMatter}</h2><ul class="list">${items}</ul>`,
  );
}

/** 办事指南 in short: what to meet and what to bring, so the visit is done at once. */
function guide(m: Matter, w: BookWords): string {
  const g = m.guide;
  const list = (xs: string[]) => `<ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  const materials = g.materials
    .map(
      (x) =>
        `<li><b>${esc(x.name)}</b>（${w.copies(x.original, x.copies)}）${x.note === undefined ? '' : ` ${esc(x.note)}`}</li>`,
    )
    .join('');
  return `<details open data-testid="guide"><summary><b>${w.guide}</b></summary>${
    g.plain === undefined
      ? g.summary === undefined
        ? ''
        : `<p>${esc(g.summary)}</p>`
      : `<p>${esc(g.plain)}</p>`
  }${g.conditions.length === 0 ? '' : `<h3>${w.conditions}</h3>${list(g.conditions)}`}<h3>${w.materials}</h3><ol data-testid="materials">${materials}</ol><p>${w.timeLimit}：${esc(g.timeLimit)} · ${w.fees}：${esc(g.fees)}</p></details>`;
}

const dayLabel = (day: string, w: BookWords) =>
  `${day.slice(5)} ${w.weekday[['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOf(day))] ?? ''}`;

export function matterPage(
  hall: HallHead,
  matter: Matter,
  days: BookingDay[],
  chosen: DaySlots | null,
  nav: Nav,
): string {
  const w = BOOK_WORDS[nav.locale];
  const base = `/book/${u(hall.id)}/m/${u(matter.id)}`;
  const dayChips = days
    .map((d) =>
      d.refusal === null
        ? `<a class="chip${chosen?.day === d.day ? ' on' : ''}" href="${base}${qs(nav, { day: d.day })}#slots" data-day="${d.day}">${dayLabel(d.day, w)}</a>`
        : `<span class="chip off" data-day="${d.day}">${dayLabel(d.day, w)}<small>${w.refusal[d.refusal]}</small></span>`,
    )
    .join('');
  const slots =
    chosen === null
      ? ''
      : `<h2 id="slots">${w.chooseSlot} · ${chosen.day}</h2><div class="chips" data-testid="slots">${chosen.slots
          .map((s) => {
            const time = `${shanghaiClock(s.start).slice(11)}–${shanghaiClock(s.end).slice(11)}`;
            if (!s.open) return `<span class="chip off">${time}<small>${w.cutoff}</small></span>`;
            if (s.remaining === 0)
              return `<span class="chip off" data-slot="${s.start}">${time}<small>${w.full}</small></span>`;
            return `<a class="chip" href="${base}/form${qs(nav, { start: s.start })}" data-slot="${s.start}">${time}<small>${w.remaining(s.remaining)}</small></a>`;
          })
          .join('')}</div>`;
  return bookPage(
    nav,
    base,
    chosen === null ? {} : { day: chosen.day },
    matter.name,
    `<h1>${nameOf(nav, matter.name, matter.nameEn)}</h1>${crumbs([hallCrumb(hall, nav)])}${guide(matter, w)}<h2>${w.chooseDay}</h2><div class="chips" data-testid="days">${dayChips}</div>${slots}`,
  );
}

export interface FormValues {
  name?: string;
  phone?: string;
}

export function formPage(
  hall: HallHead,
  matter: Matter,
  slot: { start: number; end: number } | null,
  nav: Nav,
  error?: ErrorCode,
  values: FormValues = {},
): string {
  const w = BOOK_WORDS[nav.locale];
  const base = `/book/${u(hall.id)}/m/${u(matter.id)}`;
  return bookPage(
    nav,
    `${base}/form`,
    slot === null ? {} : { start: slot.start },
    matter.name,
    `<h1>${w.details}</h1>${crumbs([hallCrumb(hall, nav), [`${base}${qs(nav)}`, nameOf(nav, matter.name, matter.nameEn)]])}
${slot === null ? '' : `<p>${w.slot}：<b>${esc(when(slot.start, slot.end))}</b></p>`}${error === undefined ? '' : `<p class="error" data-testid="book-error" data-code="${error}">${errorWords(w, error)}</p>`}
<form class="book" method="post" action="${base}/book">${navFields(nav)}<input type="hidden" name="start" value="${slot?.start ?? ''}">
<label>${w.name}<input name="name" required maxlength="40" autocomplete="name" value="${esc(values.name ?? '')}"></label>
<label>${w.phone}<input name="phone" required inputmode="numeric" pattern="1[3-9][0-9]{9}" maxlength="11" autocomplete="tel" value="${esc(values.phone ?? '')}"></label>
<label>${w.idNumber}<input name="idNumber" required pattern="[0-9]{17}[0-9Xx]" maxlength="18" autocomplete="off"></label>
<p class="muted">${w.privacy}</p><button type="submit" data-testid="book-submit">${w.submit}</button></form>`,
  );
}

const when = (start: number, end: number) => `${shanghaiClock(start)}–${shanghaiClock(end).slice(11)}`;

/** The booking, as its resident sees it: code, QR for the kiosk, masked details, when to check in. */
function bookingCard(v: BookingView, w: BookWords, qrSvg: string | null): string {
  return `<div class="sheet" data-testid="booking" data-status="${v.status}"><p>${w.code}</p><p class="code" data-testid="booking-code">${esc(v.code)}</p>${
    qrSvg === null || v.status !== 'booked'
      ? ''
      : `<div class="qr" data-testid="booking-qr">${qrSvg}</div><p>${w.atKiosk}</p>`
  }<dl><dt>${w.matter}</dt><dd>${esc(v.matterName)}</dd><dt>${w.slot}</dt><dd><b>${esc(when(v.slotStart, v.slotEnd))}</b></dd>
<dt>${w.resident}</dt><dd>${esc(v.nameMasked)} · ${esc(v.idMasked)} · ${esc(v.phoneMasked)}</dd><dt></dt><dd>${w.status[v.status]}</dd></dl>${
    v.status === 'booked'
      ? `<p class="muted">${w.checkIn(shanghaiClock(v.checkInFrom).slice(11), shanghaiClock(v.checkInUntil).slice(11))}</p>`
      : ''
  }</div>`;
}

export function confirmPage(v: BookingView, qrSvg: string, nav: Nav): string {
  const w = BOOK_WORDS[nav.locale];
  return bookPage(
    nav,
    `/book/${u(v.hallId)}/`,
    {},
    w.booked,
    `<h1 data-testid="booked">${w.booked}</h1>${bookingCard(v, w, qrSvg)}<p><a href="/book/${u(v.hallId)}/manage${qs(nav)}">${w.manage}</a></p>`,
  );
}

export function lookupPage(hall: HallHead, nav: Nav, error?: ErrorCode): string {
  const w = BOOK_WORDS[nav.locale];
  return bookPage(
    nav,
    `/book/${u(hall.id)}/manage`,
    {},
    w.manage,
    `<h1>${w.manage}</h1>${crumbs([hallCrumb(hall, nav)])}${
      error === undefined
        ? ''
        : `<p class="error" data-testid="book-error" data-code="${error}">${errorWords(w, error)}</p>`
    }<form class="book" method="post" action="/book/${u(hall.id)}/manage">${navFields(nav)}
<label>${w.code}<input name="code" required maxlength="16" autocomplete="off"></label>
<label>${w.digits}<input name="phoneDigits" required inputmode="numeric" pattern="[0-9]{4}" maxlength="4"></label>
<button type="submit" data-testid="lookup-submit">${w.lookup}</button></form>`,
  );
}

/** A looked-up booking: cancel it, or move it to another open slot of the days ahead. */
export function managePage(
  v: BookingView,
  access: { code: string; phoneDigits: string },
  choices: DaySlots[],
  nav: Nav,
  qrSvg: string,
  said?: string,
): string {
  const w = BOOK_WORDS[nav.locale];
  const hidden = `${navFields(nav)}<input type="hidden" name="code" value="${esc(access.code)}"><input type="hidden" name="phoneDigits" value="${esc(access.phoneDigits)}">`;
  const options = choices
    .map(
      (d) =>
        `<optgroup label="${d.day}">${d.slots
          .filter((s) => s.open && s.remaining > 0 && s.start !== v.slotStart)
          .map(
            (s) =>
              `<option value="${s.start}">${esc(when(s.start, s.end))} · ${w.remaining(s.remaining)}</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('');
  const actions =
    v.status !== 'booked'
      ? ''
      : `<form class="book" method="post" action="/book/${u(v.hallId)}/reschedule">${hidden}<label>${w.reschedule}<select name="slotStart" data-testid="reschedule-slot">${options}</select></label><button type="submit" data-testid="reschedule-submit">${w.move}</button></form>
<form method="post" action="/book/${u(v.hallId)}/cancel">${hidden}<button class="secondary" type="submit" data-testid="cancel-submit">${w.cancel}</button></form>`;
  return bookPage(
    nav,
    `/book/${u(v.hallId)}/manage`,
    {},
    w.manage,
    `<h1>${w.manage}</h1>${said === undefined ? '' : `<p class="go" data-testid="book-said">${esc(said)}</p>`}${bookingCard(v, w, qrSvg)}${actions}<p><a href="/book/${u(v.hallId)}/${qs(nav)}">${w.start}</a></p>`,
  );
}
