import { Id, QueueStats, Ticket, Window } from '@onewindow/domain';
import { z } from 'zod';
import { Broadcast, CallRecord } from './snapshot.js';

const base = { hallId: Id, seq: z.number().int().positive(), at: z.number() };

/** What changed and why: the action that moved a ticket, for logs and screens. */
export const TicketChange = z.enum([
  'issued',
  'called',
  'recalled',
  'noShow',
  /** A no-show taken back at the window: the resident arrived just after. */
  'restored',
  'started',
  'finished',
  'transferred',
  'cancelled',
  'expired',
]);
export type TicketChange = z.infer<typeof TicketChange>;

export const TicketIssuedEvent = z.strictObject({
  type: z.literal('ticket:issued'),
  ...base,
  ticket: Ticket,
});
export const TicketUpdatedEvent = z.strictObject({
  type: z.literal('ticket:updated'),
  ...base,
  ticket: Ticket,
  change: TicketChange,
  /**
   * After a finished visit: the matter's handle-time estimate (minutes) with it counted, so window
   * clients weigh the queue as the next call will (DispatchFigures).
   */
  handleMin: z.number().min(0).optional(),
});
export const TicketCalledEvent = z.strictObject({
  type: z.literal('ticket:called'),
  ...base,
  ticket: Ticket,
  call: CallRecord,
});
export const WindowUpdatedEvent = z.strictObject({
  type: z.literal('window:updated'),
  ...base,
  window: Window,
});
export const QueueStatsEvent = z.strictObject({ type: z.literal('queue:stats'), ...base, stats: QueueStats });
/** The configuration changed (matters, windows, hours…): screens fetch a fresh snapshot. */
export const HallConfiguredEvent = z.strictObject({
  type: z.literal('hall:configured'),
  ...base,
  version: z.number().int().min(0),
});
export const HallBroadcastEvent = z.strictObject({
  type: z.literal('hall:broadcast'),
  ...base,
  broadcast: Broadcast.nullable(),
});

/** Every event in a hall's log, in `seq` order; each is broadcast under its `type` as event name. */
export const HallEvent = z.discriminatedUnion('type', [
  TicketIssuedEvent,
  TicketUpdatedEvent,
  TicketCalledEvent,
  WindowUpdatedEvent,
  QueueStatsEvent,
  HallConfiguredEvent,
  HallBroadcastEvent,
]);
export type HallEvent = z.infer<typeof HallEvent>;
export type HallEventType = HallEvent['type'];
export type HallEventOf<K extends HallEventType> = Extract<HallEvent, { type: K }>;
/** An event before the store gives it its place in the log. */
export type PendingEvent = HallEvent extends infer E ? (E extends HallEvent ? Omit<E, 'seq'> : never) : never;
export const hallEventTypes: readonly HallEventType[] = HallEvent.options.map((o) => o.shape.type.value);
