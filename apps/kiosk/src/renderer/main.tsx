import '@onewindow/ui/theme.css';
import './kiosk.css';
import './screens.css';
import { createHallClient } from '@onewindow/client';
import { Matter } from '@onewindow/domain';
import { type Locale, ticketStatusUrl } from '@onewindow/protocol';
import { PairingScreen, type PairReason, Speaker, silentEngine, webSpeechEngine } from '@onewindow/ui';
import { createRoot } from 'react-dom/client';
import { App, ConfigError } from './App.js';
import { pickBridge } from './bridge.js';
import { createKioskStore } from './store.js';

const PRINTER_CHECK_MS = 30_000;

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const bridge = pickBridge();
  const result = await bridge.settings();
  if (!result.ok) {
    root.render(<ConfigError result={result} />);
    return;
  }
  const settings = result.settings;
  const pairing = (reason: PairReason) =>
    root.render(
      <div className="kiosk">
        <PairingScreen
          locale={settings.locale}
          reason={reason}
          pair={bridge.pair}
          onPaired={() => window.location.reload()}
        />
      </div>,
    );
  if (settings.token === undefined) {
    pairing('new');
    return;
  }
  const client = createHallClient({ url: settings.serverUrl, token: settings.token, clientVersion: 'kiosk' });
  // A revoked kiosk stops taking numbers and asks to be paired again.
  client.store.subscribe((s) => {
    if (s.connection === 'unauthorized' && (s.authFailure === 'revoked' || s.authFailure === 'unknown')) {
      client.close();
      pairing(s.authFailure);
    }
  });
  const speaker = new Speaker(webSpeechEngine() ?? silentEngine(120));
  // Voices load asynchronously in Chromium; take a Chinese one as soon as it appears.
  globalThis.speechSynthesis?.addEventListener?.('voiceschanged', () => {
    const engine = webSpeechEngine();
    if (engine !== undefined) speaker.use(engine);
  });
  const trackUrl = (ticketId: string, locale: Locale) =>
    ticketStatusUrl(settings.serverUrl, ticketId, locale);
  const kiosk = createKioskStore({
    client,
    bridge,
    settings,
    speaker,
    now: () => Date.now(),
    trackUrl,
    async fetchGuide(hallId, matterId) {
      const res = await fetch(
        `${settings.serverUrl}/api/halls/${encodeURIComponent(hallId)}/matters/${encodeURIComponent(matterId)}`,
      );
      if (!res.ok) throw new Error(`guide ${matterId}: HTTP ${res.status}`);
      return Matter.parse(await res.json());
    },
  });
  bridge.onCard((event) => kiosk.getState().onCard(event));
  void kiosk.getState().refreshPrinter();
  setInterval(() => void kiosk.getState().refreshPrinter(), PRINTER_CHECK_MS);
  root.render(
    <App
      kiosk={kiosk}
      hall={client.store}
      speaker={speaker}
      idleSeconds={settings.idleSeconds}
      trackUrl={trackUrl}
      linkUrl={(link) => (link.startsWith('/') ? `${settings.serverUrl.replace(/\/+$/, '')}${link}` : link)}
    />,
  );
}

void boot();
