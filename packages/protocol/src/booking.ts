import { Id, Instant, ServiceDay } from '@onewindow/domain';
import { z } from 'zod';
import { ResidentIdentity } from './commands.js';

/** A mainland mobile number: what booking confirmations and call notices are sent to. */
export const MobileNumber = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number');

/** 预约 by a resident: the slot, who comes, and where to tell them. */
export const BookingRequest = z.strictObject({
  matterId: Id,
  slotStart: Instant,
  name: ResidentIdentity.shape.name,
  idNumber: ResidentIdentity.shape.idNumber,
  phone: MobileNumber,
});
export type BookingRequest = z.infer<typeof BookingRequest>;

/** Looking up one's booking: the code and the phone number's last four digits (both, or nothing). */
export const BookingAccess = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9]{4,16}$/, 'must be 4–16 letters or digits'),
  phoneDigits: z.string().regex(/^\d{4}$/, 'must be the last four digits of the phone number'),
});
export type BookingAccess = z.infer<typeof BookingAccess>;

export const BookingReschedule = BookingAccess.extend({ slotStart: Instant });
export type BookingReschedule = z.infer<typeof BookingReschedule>;

export const BookingStatus = z.enum(['booked', 'checkedIn', 'cancelled', 'missed']);

/** A booking as its resident sees it: masked, with when to check in. */
export const BookingView = z.strictObject({
  code: z.string(),
  hallId: Id,
  hallName: z.string(),
  matterId: Id,
  matterName: z.string(),
  slotStart: Instant,
  slotEnd: Instant,
  status: BookingStatus,
  nameMasked: z.string(),
  idMasked: z.string(),
  phoneMasked: z.string(),
  /** Check-in at the kiosk is open in [checkInFrom, checkInUntil]. */
  checkInFrom: Instant,
  checkInUntil: Instant,
  ticketId: z.string().nullable(),
});
export type BookingView = z.infer<typeof BookingView>;

export const SlotView = z.strictObject({
  start: Instant,
  end: Instant,
  capacity: z.number().int(),
  remaining: z.number().int(),
  /** Still before its cut-off. */
  open: z.boolean(),
});
export type SlotView = z.infer<typeof SlotView>;

export const BookingDay = z.strictObject({
  day: ServiceDay,
  /** null: bookable; otherwise why not. */
  refusal: z.enum(['closed', 'holiday', 'tooFar', 'past']).nullable(),
});
export type BookingDay = z.infer<typeof BookingDay>;

/** A day of a matter: its slots with the places left. */
export const DaySlots = z.strictObject({
  matterId: Id,
  day: ServiceDay,
  refusal: BookingDay.shape.refusal,
  slots: z.array(SlotView),
});
export type DaySlots = z.infer<typeof DaySlots>;

/** Tags a resident can pick after a low rating; recorded in Chinese, as rectification cases are kept. */
export const LOW_REASONS = [
  'wait',
  'attitude',
  'skill',
  'notice',
  'resubmit',
  'trips',
  'system',
  'facility',
] as const;
export type LowReason = (typeof LOW_REASONS)[number];
export const LOW_REASON_ZH: Readonly<Record<LowReason, string>> = {
  wait: '等待时间长',
  attitude: '服务态度差',
  skill: '业务不熟练',
  notice: '一次性告知不到位',
  resubmit: '要求重复提交材料',
  trips: '多次跑腿',
  system: '系统故障',
  facility: '环境设施不便',
};

/** The phone's live subscription to one ticket: its id is the only thing it may name. */
export const PhoneSubscribe = z.strictObject({ ticketId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });

/** What the phone page hears about its ticket, each time it changes. */
export const PhoneTicketUpdate = z.strictObject({
  ticketId: z.string(),
  status: z.string(),
  peopleAhead: z.number().int().nullable(),
  estimatedWaitMin: z.number().nullable(),
  window: z.strictObject({ number: z.string(), name: z.string() }).nullable(),
  /** The ticket's part of the page, rendered by the server in the page's language. */
  html: z.string(),
});
export type PhoneTicketUpdate = z.infer<typeof PhoneTicketUpdate>;
