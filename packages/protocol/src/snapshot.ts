import {
  Category,
  ClockTime,
  Hall,
  Id,
  MatterKind,
  QueueStats,
  ServiceDay,
  Ticket,
  Window,
} from '@onewindow/domain';
import { z } from 'zod';
import { DeviceIdentity } from './roles.js';

/** A matter as screens need it; the full guide is served over HTTP. */
export const MatterSummary = z.strictObject({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().optional(),
  categoryId: Id,
  kind: MatterKind,
  ticketPrefix: z.string(),
  targetWaitMin: z.number(),
  /** A 一件事 bundle: the matters it serves in one visit. */
  bundleOf: z.array(Id).optional(),
});
export type MatterSummary = z.infer<typeof MatterSummary>;

export const CallRecord = z.strictObject({
  ticketId: z.string(),
  number: z.string(),
  windowId: Id,
  windowNumber: z.string(),
  at: z.number(),
  recall: z.boolean(),
});
export type CallRecord = z.infer<typeof CallRecord>;

/** A line the hall's displays show until `until` (broadcast from the console). */
export const Broadcast = z.strictObject({ text: z.string(), at: z.number(), until: z.number() });
export type Broadcast = z.infer<typeof Broadcast>;

/** A clerk as screens show them (亮牌上岗): name and staff number, nothing else. */
export const StaffCard = z.strictObject({
  id: Id,
  name: z.string(),
  staffNo: z.string().nullable(),
});
export type StaffCard = z.infer<typeof StaffCard>;

/** AB岗 links of a clerk: where they work and whom they back up (no name or other personal data). */
export const StaffLinks = z.strictObject({ id: Id, windowIds: z.array(Id), backupOf: z.array(Id) });
export type StaffLinks = z.infer<typeof StaffLinks>;

/**
 * What the dispatch rule weighs besides the queue and the windows, so a window client lists its queue
 * in the order 叫号 will call it (packages/domain hall `callableQueue`): the learned handle times and
 * the day's longest wait to a call. Sent with the snapshot and with every statistics message.
 */
export const DispatchFigures = z.strictObject({
  handleMin: z.record(z.string(), z.number().min(0)),
  longestWaitMs: z.number().min(0),
});
export type DispatchFigures = z.infer<typeof DispatchFigures>;

/** The whole state a screen needs; `seq` is the last event it includes. */
export const HallSnapshot = z.strictObject({
  hallId: Id,
  seq: z.number().int().min(0),
  at: z.number(),
  serviceDay: ServiceDay,
  hall: Hall,
  categories: z.array(Category),
  matters: z.array(MatterSummary),
  windows: z.array(Window),
  /** The hall's clerks, so screens can name who serves at a window. */
  staff: z.array(StaffCard),
  /** AB岗 links: which window covers which when a clerk is away. */
  cover: z.array(StaffLinks),
  dispatch: DispatchFigures,
  /** Today's tickets that are not finished, plus the most recently finished ones. */
  tickets: z.array(Ticket),
  recentCalls: z.array(CallRecord),
  stats: QueueStats,
  you: DeviceIdentity,
  /** The version of the hall's configuration this snapshot shows. */
  configVersion: z.number().int().min(0),
  broadcast: Broadcast.nullable(),
  /** Today's opening intervals (holidays and make-up days applied); empty on a closed day. */
  openToday: z.array(z.strictObject({ open: ClockTime, close: ClockTime })),
});
export type HallSnapshot = z.infer<typeof HallSnapshot>;
