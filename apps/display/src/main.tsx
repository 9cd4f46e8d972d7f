import '@onewindow/ui/theme.css';
import './display.css';
import { createHallClient } from '@onewindow/client';
import {
  loadClipEngine,
  Speaker,
  silentEngine,
  takeDeviceToken,
  takeLocale,
  webSpeechEngine,
} from '@onewindow/ui';
import { createRoot } from 'react-dom/client';
import { startAnnouncer } from './announcer.js';
import { Board } from './board.js';
import { displayText } from './i18n.js';
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
  const locale = takeLocale(`display.${view}`, window.location, window.localStorage);
  document.documentElement.lang = locale;
  if (token === '') {
    root.render(<p className="center">{displayText(locale)('noToken')}</p>);
    return;
  }
  const client = createHallClient({ url: window.location.origin, token });
  document.documentElement.dataset.view = view;

  if (view === 'pad') {
    const you = await client.waitFor((s) => s.you !== null, 60_000).catch(() => client.store.getState());
    const windowId = you.you?.windowId ?? windowParam;
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
