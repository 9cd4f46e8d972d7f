import '@onewindow/ui/theme.css';
import './display.css';
import './pad.css';
import { createHallClient } from '@onewindow/client';
import {
  loadClipEngine,
  Speaker,
  showPairing,
  silentEngine,
  takeDeviceToken,
  takeLocale,
  watchRevocation,
  webSpeechEngine,
} from '@onewindow/ui';
import { createRoot } from 'react-dom/client';
import { startAnnouncer } from './announcer.js';
import { Board } from './board.js';
import { Pad } from './pad.js';
import { createPadStore } from './pad-store.js';
import { WindowScreen } from './screen.js';

/**
 * One bundle, three screens, chosen by `?view=`: the hall board (default, display token), a window
 * screen (`view=screen&window=w03`, display token) and the rating pad (`view=pad`, the window's pad token).
 */
async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const params = new URLSearchParams(window.location.search);
  const view = params.get('view') ?? 'board';
  const windowParam = params.get('window') ?? '';
  const { token } = takeDeviceToken(
    `display.${view}.${windowParam}`,
    window.location,
    window.localStorage,
    window.history,
  );
  const app = `display.${view}.${windowParam}`;
  const chosen = takeLocale(`display.${view}`, window.location, window.localStorage);
  if (token === '') {
    showPairing(root, app, chosen, 'new');
    return;
  }
  const client = createHallClient({ url: window.location.origin, token, clientVersion: `display-${view}` });
  document.documentElement.dataset.view = view;
  const first = await client.waitFor((s) => s.you !== null || s.connection === 'unauthorized', 3_600_000);
  if (first.you === null) {
    client.close();
    showPairing(root, app, chosen, first.authFailure === 'revoked' ? 'revoked' : 'unknown');
    return;
  }
  // The language set for this device in the console wins over the one in the address.
  const locale = first.you.locale ?? chosen;
  document.documentElement.lang = locale;
  watchRevocation(client, root, app, () => locale);

  if (view === 'pad') {
    const windowId = first.you.windowId ?? windowParam;
    const pad = createPadStore({ hall: client.store, client, windowId, now: () => Date.now() });
    root.render(<Pad hall={client.store} pad={pad} windowId={windowId} locale={locale} />);
    return;
  }
  if (view === 'screen') {
    root.render(<WindowScreen hall={client.store} windowId={windowParam} locale={locale} />);
    return;
  }
  // A Chinese Web Speech voice if the machine has one, else the sound pack built with espeak-ng.
  const speaker = new Speaker(webSpeechEngine() ?? (await loadClipEngine('./voice/')) ?? silentEngine(150));
  globalThis.speechSynthesis?.addEventListener?.('voiceschanged', () => {
    const engine = webSpeechEngine();
    if (engine !== undefined) speaker.use(engine);
  });
  startAnnouncer(client.store, speaker);
  root.render(<Board hall={client.store} speaker={speaker} locale={locale} />);
}

void boot();
