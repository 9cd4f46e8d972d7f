import type { HallClientState } from '@onewindow/client';
import type { Locale } from '@onewindow/protocol';
import type { StoreApi } from 'zustand';
import type { T } from './parts.js';
import type { Screen } from './screen.js';
import type { KioskStore } from './store.js';

/** What every kiosk screen is given by the App that shows it. */
export interface ScreenProps {
  kiosk: KioskStore;
  hall: StoreApi<HallClientState>;
  t: T;
  screen: Screen;
  trackUrl: (ticketId: string, locale: Locale) => string;
  linkUrl: (link: string) => string;
}
