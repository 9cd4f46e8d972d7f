import '@onewindow/ui/theme.css';
import './window.css';
import './papers.css';
import { createHallClient } from '@onewindow/client';
import { Matter } from '@onewindow/domain';
import {
  keepLocale,
  showPairing,
  takeDeviceToken,
  takeLocale,
  translator,
  watchRevocation,
} from '@onewindow/ui';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { messages } from './messages.js';
import { createWindowClientStore } from './store.js';

/** The clerk's window client at /window/?token=<window device token>; the token names the window. */
async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const locale = takeLocale('window', window.location, window.localStorage);
  const t = translator(messages, locale);
  document.documentElement.lang = locale;
  const { token } = takeDeviceToken('window', window.location, window.localStorage, window.history);
  if (token === '') {
    showPairing(root, 'window', locale, 'new');
    return;
  }
  const client = createHallClient({ url: window.location.origin, token, clientVersion: 'window-web' });
  root.render(<p className="wc-center">{t('connecting')}</p>);
  const hall = await client.waitFor((s) => s.you !== null || s.connection === 'unauthorized', 3_600_000);
  if (hall.you === null) {
    client.close();
    showPairing(root, 'window', locale, hall.authFailure === 'revoked' ? 'revoked' : 'unknown');
    return;
  }
  const windowId = hall.you?.windowId ?? '';
  // The language set for this device in the console wins over the one chosen on the screen.
  const win = createWindowClientStore({
    client,
    windowId,
    locale: hall.you.locale ?? locale,
    saveLocale: (l) => {
      keepLocale('window', window.localStorage, l);
      document.documentElement.lang = l;
    },
    async fetchGuide(hallId, matterId) {
      const res = await fetch(
        `/api/halls/${encodeURIComponent(hallId)}/matters/${encodeURIComponent(matterId)}`,
      );
      if (!res.ok) throw new Error(`guide ${matterId}: HTTP ${res.status}`);
      return Matter.parse(await res.json());
    },
  });
  if (hall.windows[windowId]?.state !== 'closed') void win.getState().refreshFigures();
  watchRevocation(client, root, 'window', () => win.getState().locale);
  root.render(<App hall={client.store} win={win} />);
}

void boot();
