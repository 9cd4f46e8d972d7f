import { Id, QueueStats, type Ticket } from '@onewindow/domain';
import { z } from 'zod';
import { HallEvent } from './events.js';
import type { DeviceRole } from './roles.js';
import { DispatchFigures } from './snapshot.js';

/**
 * The events of one command (or of a few, when they are sent together), as one message. A screen gets
 * only the events it renders, so a batch says where it stands in the hall's log: it follows `prev`
 * (the last seq this screen's kind of screen was sent) and brings the hall to `last`. A screen whose
 * state is at a seq in [prev, last) applies the events after its seq; one behind `prev` missed a batch
 * and asks for a fresh snapshot.
 */
export const HallEventBatch = z.strictObject({
  hallId: Id,
  prev: z.number().int().min(0),
  last: z.number().int().positive(),
  events: z.array(HallEvent),
});
export type HallEventBatch = z.infer<typeof HallEventBatch>;

/** The hall's queue statistics, sent at most a few times a second (they are worked out, not logged). */
export const HallStatsMessage = z.strictObject({ hallId: Id, stats: QueueStats, dispatch: DispatchFigures });
export type HallStatsMessage = z.infer<typeof HallStatsMessage>;

/** Who gets which events: clerks and the console everything, boards and pads calls, kiosks neither. */
export type Audience = 'full' | 'board' | 'kiosk';
export const AUDIENCES: readonly Audience[] = ['full', 'board', 'kiosk'];

export function audienceOf(role: DeviceRole): Audience {
  if (role === 'display' || role === 'pad') return 'board';
  if (role === 'kiosk') return 'kiosk';
  return 'full';
}

/** Whether a kind of screen renders an event (and so is sent it). */
export function rendersEvent(audience: Audience, e: HallEvent): boolean {
  if (audience === 'full') return true;
  switch (e.type) {
    case 'window:updated':
    case 'hall:broadcast':
    case 'hall:configured':
      return true;
    case 'ticket:called':
      return audience === 'board';
    case 'ticket:issued':
    case 'queue:stats':
      return false;
    case 'ticket:updated':
      // A board shows a ticket from its first call on (at a window, finished there).
      return audience === 'board' && e.ticket.calledAt !== null;
  }
}

/**
 * A ticket as a board, pad or kiosk may hold it: without the resident (even masked) or why it had
 * priority (a green channel for pregnancy is nobody's business on a hall screen). They render neither.
 */
export function screenTicket(t: Ticket): Ticket {
  return t.resident === null && t.greenReason === null ? t : { ...t, resident: null, greenReason: null };
}

/** An event as a kind of screen is sent it: clerks and managers whole, the others without personal data. */
export function eventFor(audience: Audience, e: HallEvent): HallEvent {
  if (audience === 'full') return e;
  if (e.type === 'ticket:called' || e.type === 'ticket:updated' || e.type === 'ticket:issued')
    return { ...e, ticket: screenTicket(e.ticket) };
  return e;
}
