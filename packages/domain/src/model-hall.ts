import { z } from 'zod';
import { MissRule } from './booking.js';
import { HallHours, weekdayHours } from './hours.js';
import { Id } from './model-base.js';
import { GreenReason } from './model-ticket.js';

export const HallLevel = z.enum(['county', 'township', 'village']);
export type HallLevel = z.infer<typeof HallLevel>;

export const HallRules = z.strictObject({
  /** Recalls allowed after the first call; one more recall marks the ticket a no-show. */
  maxRecalls: z.number().int().min(0).max(10).default(2),
  /** How early before its slot an appointment may check in. */
  appointmentEarlyMin: z.number().int().min(0).default(30),
  /** How late after its slot's end an appointment may still check in. */
  appointmentLateMin: z.number().int().min(0).default(15),
  /** Residents at least this old are offered the green channel. */
  greenAge: z.number().int().min(0).default(60),
  /** Working days a bad rating's rectification may take. */
  rectificationDays: z.number().int().min(1).max(60).default(5),
  /** Seconds a rating pad waits for an answer; no answer records nothing. */
  ratingTimeoutSec: z.number().int().min(5).max(600).default(60),
  /** Minutes in which a clerk may take back a no-show (the resident arrived just after). */
  undoNoShowMin: z.number().int().min(0).max(60).default(5),
  /**
   * Days personal data is kept (ID tokens, masked names, contacts, rating comments); then it is
   * erased and only the anonymous record stays for statistics.
   */
  personalDataDays: z.number().int().min(1).max(3650).default(30),
  /** Real-name tickets one resident may take for one matter in one day (stops number scalping, 黄牛). */
  realNameTicketsPerDay: z.number().int().min(1).max(50).default(3),
  /** Tickets one kiosk may issue in a minute; beyond it the kiosk is refused and managers are alerted. */
  kioskTicketsPerMinute: z.number().int().min(1).max(10_000).default(30),
  /**
   * A window opens only with a clerk signed in (staff id, and PIN where set). A hall may allow windows
   * to open without one, explicitly: then a window token alone calls tickets.
   */
  windowsWithoutStaff: z.boolean().default(false),
  /** Which green-channel reasons the hall offers at its kiosks. */
  greenReasons: z.array(GreenReason).min(1).default(['elderly', 'disabled', 'military', 'pregnant', 'other']),
  /** Residents who repeatedly book and do not come may not book for a while; null: never limited. */
  bookingMisses: MissRule.nullable().default(MissRule.parse({})),
  /** Minutes before an appointment's slot its reminder goes out. */
  reminderBeforeMin: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  /** A booked resident in the queue hears "your number is coming" with this many people ahead. */
  notifyAheadCount: z.number().int().min(1).max(50).default(3),
});
export type HallRules = z.infer<typeof HallRules>;
/** Every rule at its default: what a new hall starts with. */
export const DEFAULT_HALL_RULES: HallRules = HallRules.parse({});

export const Hall = z.strictObject({
  id: Id,
  name: z.string().min(1),
  nameEn: z.string().optional(),
  level: HallLevel,
  /** The hall above this one (county → township → village), for roll-up and forwarding. */
  parentId: Id.optional(),
  address: z.string().optional(),
  /** 咨询电话, printed on notices and shown on phone pages. */
  phone: z
    .string()
    .regex(/^[0-9+\- ()]{3,30}$/, 'must be a phone number')
    .optional(),
  hours: HallHours,
  rules: HallRules.default(DEFAULT_HALL_RULES),
  /** The line that scrolls along the bottom of the hall display. */
  notice: z.string().max(500).optional(),
});
export type Hall = z.infer<typeof Hall>;

/** A hall as first created: open on weekdays 08:30–17:30, every rule at its default. */
export function newHall(base: {
  id: string;
  name: string;
  level: HallLevel;
  parentId?: string | undefined;
}): Hall {
  return {
    id: base.id,
    name: base.name,
    level: base.level,
    ...(base.parentId === undefined || base.parentId === '' ? {} : { parentId: base.parentId }),
    hours: weekdayHours('08:30', '17:30'),
    rules: DEFAULT_HALL_RULES,
  };
}
