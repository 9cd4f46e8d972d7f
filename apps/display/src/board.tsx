import type { HallClientState } from '@onewindow/client';
import { PAUSE_TEXT, type Window } from '@onewindow/domain';
import { Clock, OfflineMarker, type Speaker } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';

/** Which windows the board lists: every open, paused or serving one, by number. */
const shownWindows = (windows: Record<string, Window>) =>
  Object.values(windows)
    .filter((w) => w.state !== 'closed')
    .sort((a, b) => Number(a.number) - Number(b.number) || a.number.localeCompare(b.number));

/** The hall board for a 1920×1080 screen: newest call large, windows, waiting per category, notice. */
export function Board({ hall, speaker }: { hall: StoreApi<HallClientState>; speaker: Speaker }) {
  const info = useStore(hall, (s) => s.hall);
  const lastCall = useStore(hall, (s) => s.recentCalls[0] ?? null);
  const recent = useStore(hall, (s) => s.recentCalls);
  const windows = useStore(hall, (s) => s.windows);
  const tickets = useStore(hall, (s) => s.tickets);
  const categories = useStore(hall, (s) => s.categories);
  const stats = useStore(hall, (s) => s.stats);
  const speech = useStore(speaker.store);
  const [flash, setFlash] = useState(false);
  const key = lastCall === null ? '' : `${lastCall.ticketId}@${lastCall.at}`;
  useEffect(() => {
    if (key === '') return;
    setFlash(true);
    const timer = setTimeout(() => setFlash(false), 6_000);
    return () => clearTimeout(timer);
  }, [key]);

  const waitingBy = (categoryId: string) =>
    (stats?.matters ?? []).filter((m) => m.categoryId === categoryId).reduce((n, m) => n + m.waiting, 0);
  return (
    <div className="board">
      <header className="board-header">
        <h1>{info?.name ?? ''}</h1>
        <div className="board-clock">
          <Clock seconds />
        </div>
      </header>
      <div className="board-body">
        <section className={`board-call ${flash ? 'flash' : ''}`} data-testid="last-call">
          {lastCall === null ? (
            <p className="board-idle">请留意叫号</p>
          ) : (
            <>
              <p className="board-please">请</p>
              <div className="board-number" data-testid="last-call-number">
                {lastCall.number}
              </div>
              <p className="board-to">
                到 <b data-testid="last-call-window">{lastCall.windowNumber}</b> 号窗口办理
              </p>
            </>
          )}
          <ol className="board-recent" data-testid="recent-calls">
            {recent.slice(1, 7).map((c) => (
              <li key={`${c.ticketId}@${c.at}`}>
                <span>{c.number}</span>
                <span>{c.windowNumber} 号窗口</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="board-windows" data-testid="windows">
          <h2>窗口</h2>
          <div className="board-window-grid">
            {shownWindows(windows).map((w) => {
              const current = w.currentTicketId === null ? undefined : tickets[w.currentTicketId];
              return (
                <div key={w.id} className={`board-window ${w.state}`} data-testid={`board-window-${w.id}`}>
                  <div className="bw-number">{w.number}</div>
                  <div className="bw-name">{w.name}</div>
                  <div className="bw-ticket" data-testid={`board-window-ticket-${w.id}`}>
                    {w.state === 'paused' ? PAUSE_TEXT[w.pauseReason ?? 'other'] : (current?.number ?? '—')}
                  </div>
                </div>
              );
            })}
          </div>
        </section>
      </div>
      <footer className="board-footer">
        <div className="board-waiting" data-testid="waiting">
          {categories.map((c) => (
            <span key={c.id}>
              {c.name} <b>{waitingBy(c.id)}</b>
            </span>
          ))}
          <span className="total">
            共等候 <b>{stats?.totalWaiting ?? 0}</b> 人
          </span>
        </div>
        {info?.notice !== undefined && (
          <div className="board-notice">
            <span>{info.notice}</span>
          </div>
        )}
      </footer>
      <OfflineMarker hall={hall} />
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
