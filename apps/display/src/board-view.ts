import type { HallClientState } from '@onewindow/client';
import type { Window } from '@onewindow/domain';
import type { CallRecord } from '@onewindow/protocol';

/** A call's ticket is still where the call sent it: called or being served at that window. */
const standing = (s: HallClientState, c: CallRecord): boolean => {
  const t = s.tickets[c.ticketId];
  return t !== undefined && (t.status === 'called' || t.status === 'serving') && t.windowId === c.windowId;
};

/** Tickets whose call no longer holds: gone as no-shows, transferred elsewhere, cancelled, expired. */
const WITHDRAWN = new Set(['noShow', 'transferred', 'cancelled', 'expired']);

/**
 * What the board shows of the calls: the newest call large, only while its ticket is still called or
 * served at that window (not after a transfer, a no-show or the window's pause), and below it earlier
 * calls, one line per ticket (a recall is no new line), without withdrawn tickets.
 */
export function boardCalls(
  s: HallClientState,
  limit: number,
): { current: CallRecord | null; recent: CallRecord[] } {
  const first = s.recentCalls[0];
  const current = first !== undefined && standing(s, first) ? first : null;
  const seen = new Set<string>(current === null ? [] : [current.ticketId]);
  const recent: CallRecord[] = [];
  for (const c of s.recentCalls) {
    if (recent.length >= limit) break;
    if (seen.has(c.ticketId)) continue;
    seen.add(c.ticketId);
    const status = s.tickets[c.ticketId]?.status;
    if (status !== undefined && WITHDRAWN.has(status)) continue;
    recent.push(c);
  }
  return { current, recent };
}

/** Which windows the board lists: every open, paused or serving one, by number. */
export const shownWindows = (windows: Record<string, Window>): Window[] =>
  Object.values(windows)
    .filter((w) => w.state !== 'closed')
    .sort((a, b) => Number(a.number) - Number(b.number) || a.number.localeCompare(b.number));
