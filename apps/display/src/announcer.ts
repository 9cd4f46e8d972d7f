import type { HallClientState } from '@onewindow/client';
import type { CallRecord } from '@onewindow/protocol';
import { callAnnouncement, type Speaker } from '@onewindow/ui';
import type { StoreApi } from 'zustand/vanilla';

const callKey = (c: CallRecord) => `${c.ticketId}@${c.at}${c.recall ? ':recall' : ''}`;

/**
 * Announces every call the hall makes, each once (said twice), in the order made. Calls already in the
 * first snapshot are history and stay silent; calls missed while offline and brought by a resync are
 * announced when they come. A recall is a new call and is announced again; a no-show makes no call.
 */
export function startAnnouncer(hall: StoreApi<HallClientState>, speaker: Speaker): () => void {
  const announced = new Set<string>();
  let primed = false;
  const onState = (s: HallClientState) => {
    if (!s.synced) return;
    if (!primed) {
      for (const c of s.recentCalls) announced.add(callKey(c));
      primed = true;
      return;
    }
    const fresh = s.recentCalls.filter((c) => !announced.has(callKey(c))).sort((a, b) => a.at - b.at);
    for (const c of fresh) {
      announced.add(callKey(c));
      speaker.say(callAnnouncement(c.number, c.windowNumber));
    }
  };
  onState(hall.getState());
  return hall.subscribe(onState);
}
