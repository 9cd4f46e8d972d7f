import { Category, Hall, Id, MatterKind, QueueStats, ServiceDay, Ticket, Window } from '@onewindow/domain';
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

/** A clerk as screens show them (亮牌上岗): name and staff number, nothing else. */
export const StaffCard = z.strictObject({
  id: Id,
  name: z.string(),
  staffNo: z.string().nullable(),
});
export type StaffCard = z.infer<typeof StaffCard>;

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
  /** Today's tickets that are not finished, plus the most recently finished ones. */
  tickets: z.array(Ticket),
  recentCalls: z.array(CallRecord),
  stats: QueueStats,
  you: DeviceIdentity,
});
export type HallSnapshot = z.infer<typeof HallSnapshot>;
