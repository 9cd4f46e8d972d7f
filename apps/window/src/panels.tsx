import { callableTickets, type HallClientState } from '@onewindow/client';
import { effectiveWindow, isEligible, type Ticket } from '@onewindow/domain';
import type { MatterSummary } from '@onewindow/protocol';
import { localized } from '@onewindow/ui';
import { useEffect, useMemo, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { useT } from './i18n.js';
import type { WindowClientStore } from './store.js';

const minutesSince = (at: number, now: number) => Math.max(0, Math.floor((now - at) / 60_000));

/** A clock for elapsed minutes that ticks every few seconds. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function CurrentTicket({
  hall,
  win,
  ticket,
}: {
  hall: StoreApi<HallClientState>;
  win: WindowClientStore;
  ticket: Ticket | undefined;
}) {
  const t = useT(win);
  const locale = useStore(win, (s) => s.locale);
  const matter = useStore(hall, (s) => s.matters.find((m) => m.id === ticket?.matterId));
  const now = useNow(15_000);
  if (ticket === undefined) {
    return (
      <div className="wc-ticket empty" data-testid="current">
        {t('noTicket')}
      </div>
    );
  }
  return (
    <div className="wc-ticket" data-testid="current">
      <div className="wc-ticket-number" data-testid="current-number">
        {ticket.number}
      </div>
      <div className="wc-ticket-body">
        <div className="wc-ticket-matter" data-testid="current-matter">
          {matter === undefined ? ticket.matterId : localized(locale, matter.name, matter.nameEn)}
        </div>
        <div className="wc-ticket-meta">
          <span className={`badge ${ticket.priorityClass}`}>{t(`class.${ticket.priorityClass}`)}</span>
          {ticket.greenReason !== null && (
            <span className="badge green">
              {t('greenReason', { reason: t(`green.${ticket.greenReason}`) })}
            </span>
          )}
          {ticket.resident !== null && (
            <span>
              {ticket.resident.nameMasked} {ticket.resident.idMasked}
            </span>
          )}
          {(ticket.status === 'called' || ticket.status === 'serving') && (
            <span>{t(`status.${ticket.status}`)}</span>
          )}
          <span>{t('waited', { n: minutesSince(ticket.issuedAt, ticket.calledAt ?? now) })}</span>
          {ticket.recallCount > 0 && <span>{t('recalled', { n: ticket.recallCount })}</span>}
          {ticket.note !== null && <span>{t('note', { note: ticket.note })}</span>}
        </div>
      </div>
    </div>
  );
}

export function GuidePanel({ win, hasTicket }: { win: WindowClientStore; hasTicket: boolean }) {
  const t = useT(win);
  const guide = useStore(win, (s) => s.guide);
  const received = useStore(win, (s) => s.received);
  if (!hasTicket || guide === null) return null;
  return (
    <section className="wc-guide" data-testid="guide">
      <h3>{t('checklist', { matter: guide.name })}</h3>
      <ul>
        {guide.guide.materials.map((m) => (
          <li key={m.name}>
            <label>
              <input
                type="checkbox"
                checked={received[m.name] === true}
                data-testid={`material-${m.name}`}
                onChange={() => win.getState().toggleReceived(m.name)}
              />
              {m.name}
              <span className="wc-muted">
                {' '}
                {t('originalCopies', { original: m.original, copies: m.copies })}
                {m.note === undefined ? '' : ` · ${m.note}`}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="ow-button"
        data-testid="notice"
        onClick={() => win.getState().openDialog('notice')}
      >
        {t('noticeButton', { n: guide.guide.materials.filter((m) => received[m.name] !== true).length })}
      </button>
    </section>
  );
}

export function Figures({ win }: { win: WindowClientStore }) {
  const t = useT(win);
  const f = useStore(win, (s) => s.figures);
  return (
    <section className="wc-figures" data-testid="figures">
      <h3>{t('figuresTitle')}</h3>
      <dl>
        <dt>{t('served')}</dt>
        <dd data-testid="figures-served">{f?.served ?? 0}</dd>
        <dt>{t('averageHandle')}</dt>
        <dd>{f?.averageHandleMin == null ? '—' : t('minutes', { n: f.averageHandleMin.toFixed(1) })}</dd>
        <dt>{t('noShows')}</dt>
        <dd>{f?.noShows ?? 0}</dd>
        <dt>{t('ratings')}</dt>
        <dd>
          {f === null || f.ratings.count === 0
            ? '—'
            : t('ratingsValue', { n: f.ratings.count, average: f.ratings.average?.toFixed(1) ?? '—' })}
        </dd>
      </dl>
      <MyMonth win={win} />
    </section>
  );
}

/** 考勤考核: the clerk's own month, as the console's assessment counts it. */
function MyMonth({ win }: { win: WindowClientStore }) {
  const t = useT(win);
  const m = useStore(win, (s) => s.month);
  return (
    <details
      data-testid="my-month"
      onToggle={(e) => (e.currentTarget.open ? void win.getState().loadMonth() : undefined)}
    >
      <summary>{t('monthTitle')}</summary>
      {m !== null && (
        <dl>
          <dt>{t('monthDays')}</dt>
          <dd data-testid="month-days">{m.total.daysWorked}</dd>
          <dt>{t('monthOnWindow')}</dt>
          <dd>{t('hours', { n: (m.total.onWindowMin / 60).toFixed(1) })}</dd>
          <dt>{t('monthPaused')}</dt>
          <dd>{t('minutes', { n: m.total.pausedMin.toFixed(0) })}</dd>
          <dt>{t('served')}</dt>
          <dd data-testid="month-served">{m.total.served}</dd>
          <dt>{t('averageHandle')}</dt>
          <dd>
            {m.total.meanHandleMin === null ? '—' : t('minutes', { n: m.total.meanHandleMin.toFixed(1) })}
          </dd>
          <dt>{t('monthSatisfaction')}</dt>
          <dd data-testid="month-satisfaction">
            {m.total.satisfaction === null ? '—' : `${(m.total.satisfaction * 100).toFixed(1)}%`}
          </dd>
          <dt>{t('monthBad')}</dt>
          <dd>
            {m.total.badReviews} / {m.total.badReviewsClosed}
          </dd>
        </dl>
      )}
    </details>
  );
}

/** Tickets the queue panel lists: the next calls, first the one 叫号 takes. */
const LISTED = 30;

export function Queue({
  hall,
  win,
  disabled,
}: {
  hall: StoreApi<HallClientState>;
  win: WindowClientStore;
  disabled: boolean;
}) {
  const t = useT(win);
  const locale = useStore(win, (s) => s.locale);
  const windowId = useStore(win, (s) => s.windowId);
  const windows = useStore(hall, (s) => s.windows);
  const tickets = useStore(hall, (s) => s.tickets);
  const matters = useStore(hall, (s) => s.matters);
  const cover = useStore(hall, (s) => s.cover);
  const dispatch = useStore(hall, (s) => s.dispatch);
  const hallConfig = useStore(hall, (s) => s.hall);
  const byId = useMemo(() => new Map<string, MatterSummary>(matters.map((m) => [m.id, m])), [matters]);
  const now = useNow(30_000);
  const name = (id: string) => {
    const m = byId.get(id);
    return m === undefined ? id : localized(locale, m.name, m.nameEn);
  };
  // What 叫号 may call, AB岗 cover included, in the order it will call it: the hall module's own rule,
  // worked out when the hall changes (or every 30 s) at that moment, as the server decides at the call.
  const listed = useMemo(
    () =>
      callableTickets(
        { windows, tickets, matters, cover, dispatch, hall: hallConfig },
        windowId,
        Math.max(now, Date.now()),
        LISTED,
      ),
    [windows, tickets, matters, cover, dispatch, hallConfig, windowId, now],
  );
  const w = effectiveWindow({ windows: Object.values(windows), staff: cover }, windowId);
  const callable = w === undefined ? [] : Object.values(tickets).filter((x) => isEligible(w, x, byId));
  const perMatter = new Map<string, number>();
  for (const x of callable) perMatter.set(x.matterId, (perMatter.get(x.matterId) ?? 0) + 1);
  return (
    <section className="wc-queue" data-testid="queue">
      <h3>{t('queueTitle', { n: callable.length })}</h3>
      <p className="wc-muted">
        {[...perMatter].map(([m, n]) => `${name(m)} ${n}`).join(' · ') || t('queueEmpty')}
      </p>
      <ol>
        {listed.map((x) => (
          <li key={x.id} data-testid={`queue-${x.number}`}>
            <span className="wc-q-number">{x.number}</span>
            <span className="wc-q-matter" title={name(x.matterId)}>
              {name(x.matterId)}
            </span>
            <span className={`badge ${x.priorityClass}`}>{t(`class.${x.priorityClass}`)}</span>
            <span>{t('minutes', { n: minutesSince(x.issuedAt, now) })}</span>
            <button
              type="button"
              className="ow-button quiet"
              disabled={disabled}
              onClick={() => void win.getState().call(x.id)}
            >
              {t('call')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
