import type { HallClient } from '@onewindow/client';
import type { Root } from 'react-dom/client';
import type { Locale } from './i18n.js';
import { browserPair, PairingScreen, type PairReason } from './pairing.js';

/**
 * Shows the pairing screen instead of a browser screen that has no token, or whose device was
 * revoked or is unknown, and starts the page over once paired.
 */
export function showPairing(root: Root, app: string, locale: Locale, reason: PairReason): void {
  root.render(
    <PairingScreen
      locale={locale}
      reason={reason}
      pair={browserPair(app)}
      onPaired={() => window.location.reload()}
    />,
  );
}

/** Watches a running screen: if its device is revoked, the screen turns into the pairing screen. */
export function watchRevocation(client: HallClient, root: Root, app: string, locale: () => Locale): void {
  client.store.subscribe((s) => {
    if (s.connection === 'unauthorized' && (s.authFailure === 'revoked' || s.authFailure === 'unknown')) {
      client.close();
      showPairing(root, app, locale(), s.authFailure);
    }
  });
}
