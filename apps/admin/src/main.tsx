import '@onewindow/ui/theme.css';
import './admin.css';
import './reports.css';
import { createHallClient, type HallClient } from '@onewindow/client';
import { keepLocale, takeLocale } from '@onewindow/ui';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createConsoleStore } from './store.js';

/** The administration console at /admin/; `?setup=<code>` from the server's first start creates the first administrator. */
function boot(): void {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const locale = takeLocale('admin', window.location, window.localStorage);
  document.documentElement.lang = locale;
  const params = new URLSearchParams(window.location.search);
  const setupCode = params.get('setup');
  if (setupCode !== null) window.history.replaceState(null, '', window.location.pathname);
  const store = createConsoleStore({
    locale,
    saveLocale: (l) => {
      keepLocale('admin', window.localStorage, l);
      document.documentElement.lang = l;
    },
  });
  // One live connection per hall looked at, as the signed-in person (the session cookie).
  const clients = new Map<string, HallClient>();
  const live = (hallId: string): HallClient => {
    let c = clients.get(hallId);
    if (c === undefined) {
      c = createHallClient({ url: window.location.origin, hallId, clientVersion: 'admin' });
      clients.set(hallId, c);
    }
    return c;
  };
  void store.getState().init();
  root.render(<App store={store} live={live} setupCode={setupCode} />);
}

boot();
