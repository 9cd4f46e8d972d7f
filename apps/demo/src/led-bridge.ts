import type { HallClient, HallClientState } from '@onewindow/client';
import { windowScreenText } from '@onewindow/domain';
import type { LedScreen } from '@onewindow/led';

/**
 * Keeps each window's LED screen showing what the hall says about that window. Shows to one screen go
 * out one after another, and only when the text changes.
 */
export function startLedBridge(
  client: HallClient,
  screens: ReadonlyMap<string, LedScreen>,
  onShown: (windowId: string, text: string, error?: Error) => void,
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
  update(client.store.getState());
  return client.store.subscribe(update);
}
