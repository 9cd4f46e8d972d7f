import type { HallClientState } from '@onewindow/client';
import { windowScreenText } from '@onewindow/domain';
import { type Locale, OfflineMarker } from '@onewindow/ui';
import { type StoreApi, useStore } from 'zustand';
import { displayText } from './i18n.js';

/**
 * 窗口屏: the screen above a window, showing what its LED screen shows, larger, and who serves there
 * with their staff number (亮牌上岗).
 */
export function WindowScreen({
  hall,
  windowId,
  locale,
}: {
  hall: StoreApi<HallClientState>;
  windowId: string;
  locale: Locale;
}) {
  const t = displayText(locale);
  const w = useStore(hall, (s) => s.windows[windowId]);
  const ticket = useStore(hall, (s) =>
    w?.currentTicketId == null ? undefined : s.tickets[w.currentTicketId],
  );
  const clerk = useStore(hall, (s) => (w?.staffId == null ? undefined : s.staff[w.staffId]));
  if (w === undefined)
    return <div className="wscreen missing">{t('screenMissing', { window: windowId })}</div>;
  const text = windowScreenText(w, ticket?.number ?? null);
  return (
    <div className={`wscreen ${w.state}`} data-testid="window-screen" data-text={text} lang={locale}>
      <div className="ws-head">
        {t('screenUnitBefore') !== '' && <span className="ws-unit">{t('screenUnitBefore')} </span>}
        <span className="ws-number">{w.number}</span>
        <span className="ws-unit">{t('screenUnitAfter')}</span>
      </div>
      <div className="ws-name">{w.name}</div>
      <div className="ws-state" data-testid="window-screen-state">
        {ticket !== undefined ? (
          <b>{t('screenCall', { number: ticket.number })}</b>
        ) : w.state === 'closed' ? (
          t('screenClosed')
        ) : w.state === 'paused' ? (
          t('screenPaused')
        ) : (
          t('free')
        )}
      </div>
      {clerk !== undefined && w.state !== 'closed' && (
        <div className="ws-clerk" data-testid="window-screen-clerk">
          <span>{t('clerk', { name: clerk.name })}</span>
          {clerk.staffNo !== null && <span>{t('clerkNo', { no: clerk.staffNo })}</span>}
        </div>
      )}
      <OfflineMarker hall={hall} locale={locale} />
    </div>
  );
}
