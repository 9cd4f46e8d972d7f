import type { HallClientState } from '@onewindow/client';
import { windowScreenText } from '@onewindow/domain';
import { OfflineMarker } from '@onewindow/ui';
import { type StoreApi, useStore } from 'zustand';

/** 窗口屏: the small screen above a window, showing what its LED screen shows, larger. */
export function WindowScreen({ hall, windowId }: { hall: StoreApi<HallClientState>; windowId: string }) {
  const w = useStore(hall, (s) => s.windows[windowId]);
  const ticket = useStore(hall, (s) =>
    w?.currentTicketId === null || w === undefined ? undefined : s.tickets[w.currentTicketId],
  );
  if (w === undefined) return <div className="wscreen missing">窗口 {windowId} 不存在</div>;
  const text = windowScreenText(w, ticket?.number ?? null);
  return (
    <div className={`wscreen ${w.state}`} data-testid="window-screen" data-text={text}>
      <div className="ws-head">
        <span className="ws-number">{w.number}</span>
        <span className="ws-unit">号窗口</span>
      </div>
      <div className="ws-name">{w.name}</div>
      <div className="ws-state" data-testid="window-screen-state">
        {ticket !== undefined ? (
          <>
            请 <b>{ticket.number}</b> 号
          </>
        ) : (
          text.replace(/^\S+号窗口\s*/, '') || '欢迎办理'
        )}
      </div>
      <OfflineMarker hall={hall} />
    </div>
  );
}
