import type { HallClientState } from '@onewindow/client';
import { Clock, OfflineMarker } from '@onewindow/ui';
import { type StoreApi, useStore } from 'zustand';
import { useT } from './i18n.js';
import { Login } from './login.js';
import type { WindowClientStore } from './store.js';
import { Workbench } from './workbench.js';

/** The clerk's screen: the window's header, then the login or the workbench. */
export function App({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const locale = useStore(win, (s) => s.locale);
  const windowId = useStore(win, (s) => s.windowId);
  const w = useStore(hall, (s) => s.windows[windowId]);
  // Named from the hall's staff list, so a reloaded page still shows who is logged in.
  const clerk = useStore(hall, (s) => (w?.staffId == null ? undefined : s.staff[w.staffId]));
  const hallName = useStore(hall, (s) => s.hall?.name ?? '');
  if (w === undefined) {
    return (
      <div className="wc-center" lang={locale}>
        <p>{t('connecting')}</p>
        <OfflineMarker hall={hall} locale={locale} />
      </div>
    );
  }
  const loggedIn = w.state !== 'closed';
  return (
    <div className="wc" lang={locale}>
      <header className="wc-header">
        <div className="wc-title">
          <b>{t('windowTitle', { number: w.number, name: w.name })}</b>
          <span className="wc-hall">{hallName}</span>
        </div>
        <div className="wc-header-right">
          {loggedIn && (
            <span data-testid="staff">
              {clerk === undefined
                ? (w.staffId ?? '')
                : `${clerk.name}${clerk.staffNo === null ? '' : ` ${clerk.staffNo}`}`}{' '}
              · <span data-testid="window-state">{t(`state.${w.state}`)}</span>
            </span>
          )}
          <Clock locale={locale} />
          <button
            type="button"
            className="wc-lang"
            data-testid="locale"
            onClick={() => win.getState().toggleLocale()}
          >
            {t('language')}
          </button>
        </div>
      </header>
      {loggedIn ? <Workbench hall={hall} win={win} /> : <Login win={win} />}
      <OfflineMarker hall={hall} locale={locale} />
    </div>
  );
}
