import {
  applyEvent,
  applySnapshot,
  classifyEvent,
  type HallClientState,
  initialState,
} from '@onewindow/client';
import { type WindowDef, windowScreenText } from '@onewindow/domain';
import { type LedScreen, openLedScreen } from '@onewindow/led';
import type { HallEvent, HallSnapshot } from '@onewindow/protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HallServer } from './app.js';

export type LedShown = (windowId: string, text: string, error?: Error) => void;

/**
 * Keeps each window's LED screen showing what the hall says about that window (the same text as the
 * window screen page). Shows to one screen go out one after another, and only when the text changes.
 */
export function startLedBridge(
  hall: StoreApi<HallClientState>,
  screens: ReadonlyMap<string, LedScreen>,
  onShown: LedShown,
): () => void {
  const last = new Map<string, string>();
  const queue = new Map<string, Promise<void>>();
  const update = (s: HallClientState) => {
    for (const [windowId, screen] of screens) {
      const w = s.windows[windowId];
      if (w === undefined) continue;
      const ticket = w.currentTicketId === null ? undefined : s.tickets[w.currentTicketId];
      const text = windowScreenText(w, ticket?.number ?? null);
      if (last.get(windowId) === text) continue;
      last.set(windowId, text);
      const next = (queue.get(windowId) ?? Promise.resolve()).then(() =>
        screen.show(text).then(
          () => onShown(windowId, text),
          (e: unknown) => onShown(windowId, text, e instanceof Error ? e : new Error(String(e))),
        ),
      );
      queue.set(windowId, next);
    }
  };
  update(hall.getState());
  return hall.subscribe(update);
}

/** What the in-process LED bridge needs of the hall server. */
export interface LedSource {
  snapshot(): Promise<HallSnapshot>;
  subscribe(listener: (event: HallEvent) => void): () => void;
}

/**
 * Opens the LED screen of every window that has one configured and drives them from the server's own
 * event stream (no socket needed). A screen that cannot be opened is reported and skipped.
 */
export async function startWindowLeds(
  source: LedSource,
  windows: readonly WindowDef[],
  onShown: LedShown,
): Promise<{ close(): Promise<void> }> {
  const opened: { windowId: string; screen: LedScreen; close(): Promise<void> }[] = [];
  for (const w of windows) {
    if (w.led === undefined) continue;
    try {
      opened.push({ windowId: w.id, ...(await openLedScreen(w.led)) });
    } catch (e) {
      onShown(w.id, '', e instanceof Error ? e : new Error(String(e)));
    }
  }
  const store = createStore<HallClientState>(() => ({ ...initialState(), connection: 'connected' }));
  const resync = async () => {
    const s = await source.snapshot();
    store.setState((st) => applySnapshot(st, s));
  };
  const unsubscribe = source.subscribe((e) => {
    const outcome = classifyEvent(store.getState(), e);
    if (outcome === 'applied') {
      store.setState((st) => applyEvent(st, e));
      // A new configuration may rename or renumber windows: read them again.
      if (e.type === 'hall:configured') void resync();
    } else if (outcome === 'gap') void resync();
  });
  await resync();
  const stop = startLedBridge(store, new Map(opened.map((o) => [o.windowId, o.screen])), onShown);
  return {
    async close() {
      stop();
      unsubscribe();
      for (const o of opened) await o.close().catch(() => {});
    },
  };
}

/** The LED screens of every hall a server hosts (windows without `led` are skipped). */
export async function startHallLeds(
  server: Pick<HallServer, 'service' | 'subscribe'>,
  onShown: LedShown,
): Promise<{ close(): Promise<void> }> {
  const running: { close(): Promise<void> }[] = [];
  for (const h of server.service.halls.all()) {
    if (!h.config.windows.some((w) => w.led !== undefined)) continue;
    const hallId = h.id;
    running.push(
      await startWindowLeds(
        {
          snapshot: () =>
            server.service.snapshot({ deviceId: 'led-bridge', hallId, role: 'display', windowId: null }),
          subscribe: (listener) => server.subscribe(hallId, listener),
        },
        h.config.windows,
        onShown,
      ),
    );
  }
  return {
    async close() {
      for (const r of running) await r.close();
    },
  };
}
