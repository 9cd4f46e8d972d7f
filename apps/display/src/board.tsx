import type { HallClientState } from '@onewindow/client';
import { Clock, type Locale, localized, OfflineMarker, type Speaker } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { boardCalls, shownWindows } from './board-view.js';
import { displayText } from './i18n.js';

/** As many earlier calls as fit under the large one without reaching the footer. */
const RECENT_SHOWN = 5;

/** Columns for the window tiles: as few as fit, so each tile is as large as the screen allows. */
const columnsFor = (n: number) => (n <= 6 ? 2 : n <= 12 ? 3 : 4);

/** The hall board for a 1920×1080 screen: newest call large, windows, waiting per category, notice. */
export function Board({
  hall,
  speaker,
  locale,
}: {
  hall: StoreApi<HallClientState>;
  speaker: Speaker;
  locale: Locale;
}) {
  const t = displayText(locale);
  const info = useStore(hall, (s) => s.hall);
  const state = useStore(hall);
  const { current, recent } = boardCalls(state, RECENT_SHOWN);
  const windows = shownWindows(state.windows);
  const speech = useStore(speaker.store);
  const [flash, setFlash] = useState(false);
  const key = current === null ? '' : `${current.ticketId}@${current.at}`;
  useEffect(() => {
    if (key === '') return;
    setFlash(true);
    const timer = setTimeout(() => setFlash(false), 6_000);
    return () => clearTimeout(timer);
  }, [key]);

  const waitingBy = (categoryId: string) =>
    (state.stats?.matters ?? [])
      .filter((m) => m.categoryId === categoryId)
      .reduce((n, m) => n + m.waiting, 0);
  return (
    <div className="board" lang={locale}>
      <header className="board-header">
        <h1>{info === null ? '' : localized(locale, info.name, info.nameEn)}</h1>
        <div className="board-clock">
          <Clock seconds locale={locale} />
        </div>
      </header>
      <div className="board-body">
        <section className={`board-call ${flash ? 'flash' : ''}`} data-testid="last-call">
          {current === null ? (
            <p className="board-idle" data-testid="board-idle">
              {t('idle')}
            </p>
          ) : (
            <>
              <p className="board-please">{t('please')}</p>
              <div className="board-number" data-testid="last-call-number">
                {current.number}
              </div>
              <p className="board-to">
                {t('goToBefore')} <b data-testid="last-call-window">{current.windowNumber}</b>{' '}
                {t('goToAfter')}
              </p>
            </>
          )}
          <ol className="board-recent" data-testid="recent-calls">
            {recent.map((c) => (
              <li key={c.ticketId} data-testid={`recent-${c.number}`}>
                <span>{c.number}</span>
                <span>{t('recentWindow', { n: c.windowNumber })}</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="board-windows" data-testid="windows">
          <div
            className="board-window-grid"
            data-cols={columnsFor(windows.length)}
            data-rows={Math.ceil(windows.length / columnsFor(windows.length))}
          >
            {windows.map((w) => {
              const ticket = w.currentTicketId === null ? undefined : state.tickets[w.currentTicketId];
              return (
                <div key={w.id} className={`board-window ${w.state}`} data-testid={`board-window-${w.id}`}>
                  <div className="bw-head">
                    <span className="bw-number">{w.number}</span>
                    <span className="bw-name">{w.name}</span>
                  </div>
                  <div className="bw-ticket" data-testid={`board-window-ticket-${w.id}`}>
                    {w.state === 'paused' ? t(`pause.${w.pauseReason ?? 'other'}`) : (ticket?.number ?? '—')}
                  </div>
                </div>
              );
            })}
          </div>
        </section>
      </div>
      <footer className="board-footer">
        <div className="board-waiting" data-testid="waiting">
          {state.categories.map((c) => (
            <span key={c.id}>
              {localized(locale, c.name, c.nameEn)} <b>{waitingBy(c.id)}</b>
            </span>
          ))}
          <span className="total">{t('totalWaiting', { n: state.stats?.totalWaiting ?? 0 })}</span>
        </div>
        {info?.notice !== undefined && (
          <div className="board-notice">
            <span>{info.notice}</span>
          </div>
        )}
      </footer>
      {speech.engine === 'silent' && (
        <div className="board-voice-off" role="status" data-testid="voice-off">
          {t('voiceOff')}
        </div>
      )}
      {speech.blocked && (
        <button
          type="button"
          className="board-voice-blocked"
          data-testid="voice-blocked"
          onClick={() => void speaker.unlock()}
        >
          🔈 {t('voiceBlocked')}
        </button>
      )}
      <OfflineMarker hall={hall} locale={locale} />
      <ul className="sr-only" data-testid="announcements" data-engine={speech.engine}>
        {speech.spoken.map((u) => (
          <li key={u.id} data-state="spoken">
            {u.text}
          </li>
        ))}
        {speech.current !== null && <li data-state="current">{speech.current.text}</li>}
        {speech.queue.map((u) => (
          <li key={u.id} data-state="queued">
            {u.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
