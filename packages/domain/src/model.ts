import { z } from 'zod';

export { ClockTime, Id, Instant, ServiceDay } from './model-base.js';

import { BookingRule, MissRule } from './booking.js';
import { HallHours, weekdayHours } from './hours.js';
import { Id, Instant, ServiceDay } from './model-base.js';

export const HallLevel = z.enum(['county', 'township', 'village']);
export type HallLevel = z.infer<typeof HallLevel>;

export const Category = z.strictObject({
  id: Id,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
});
export type Category = z.infer<typeof Category>;

export const Material = z.strictObject({
  name: z.string().min(1),
  original: z.number().int().min(0),
  copies: z.number().int().min(0),
  note: z.string().optional(),
});
export type Material = z.infer<typeof Material>;

/** Only web addresses a phone or kiosk can open: http(s) or a path on the hall server. */
const Link = z
  .string()
  .max(500)
  .regex(/^(https?:\/\/|\/)[^\s]*$/, 'must be an http(s) address or a path starting with /');

export const Guide = z.strictObject({
  summary: z.string().optional(),
  /** 白话版: the guide in plain words for residents. */
  plain: z.string().max(2000).optional(),
  conditions: z.array(z.string().min(1)),
  materials: z.array(Material),
  steps: z.array(z.string().min(1)),
  timeLimit: z.string().min(1),
  fees: z.string().min(1),
  legalBasis: z.array(z.string().min(1)),
  faq: z.array(z.strictObject({ q: z.string().min(1), a: z.string().min(1) })).default([]),
  /** Pictures (where to sign, what a document looks like) and a video explaining the matter. */
  pictures: z.array(z.strictObject({ url: Link, caption: z.string().max(100).optional() })).default([]),
  videoUrl: Link.optional(),
  /** Blank forms and samples to download (表格下载). */
  forms: z.array(z.strictObject({ name: z.string().min(1).max(100), url: Link })).default([]),
  /** 中介服务 the matter needs, and 特别程序 (hearing, expert review…) that add time. */
  intermediary: z.string().max(500).optional(),
  specialProcedures: z.string().max(500).optional(),
});
export type Guide = z.infer<typeof Guide>;

/** A guide with nothing filled in yet (an instant matter without fees): a new matter's starting point. */
export function emptyGuide(over: Partial<Guide> = {}): Guide {
  return {
    conditions: [],
    materials: [],
    steps: [],
    timeLimit: '即办',
    fees: '不收费',
    legalBasis: [],
    faq: [],
    pictures: [],
    forms: [],
    ...over,
  };
}

export const MatterKind = z.enum(['instant', 'promised']);
export type MatterKind = z.infer<typeof MatterKind>;

export const Matter = z
  .strictObject({
    id: Id,
    code: z.string().min(1),
    name: z.string().min(1),
    nameEn: z.string().min(1).optional(),
    categoryId: Id,
    department: z.string().min(1),
    kind: MatterKind,
    /** Working days promised for a 承诺件; null for a 即办件. */
    promisedDays: z.number().int().positive().nullable().default(null),
    targetWaitMin: z.number().positive(),
    /** Default handle time until live figures exist. */
    avgHandleMin: z.number().positive(),
    /** 限时办结: minutes a visit may take at the window (call or start to finish); unset, twice avgHandleMin. */
    committedHandleMin: z.number().positive().optional(),
    ticketPrefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters'),
    dailyQuota: z.number().int().positive().nullable().default(null),
    guide: Guide,
    /** 一件事一次办: the matters this bundle serves in one visit, one ticket, one window. */
    bundleOf: z.array(Id).min(2).optional(),
    /** 预约: unset, the matter cannot be booked ahead. */
    booking: BookingRule.optional(),
  })
  .refine((m) => (m.kind === 'promised') === (m.promisedDays !== null), {
    message: 'promisedDays is required for a promised matter and must be null for an instant one',
    path: ['promisedDays'],
  });
export type Matter = z.infer<typeof Matter>;

/** Which matters a window serves: every matter, whole categories, or single matters. */
export const SkillSet = z.strictObject({
  all: z.boolean().optional(),
  categories: z.array(Id).optional(),
  matters: z.array(Id).optional(),
});
export type SkillSet = z.infer<typeof SkillSet>;

export const WindowType = z.enum([
  'universal',
  'category',
  'dedicated',
  'assist',
  'issuance',
  'consult',
  'unresolved',
  'enterprise',
  'crossRegion',
  'flex',
]);
export type WindowType = z.infer<typeof WindowType>;

export const WindowState = z.enum(['closed', 'open', 'paused', 'serving']);
export type WindowState = z.infer<typeof WindowState>;

export const PauseReason = z.enum(['break', 'backOffice', 'meeting', 'other']);
export type PauseReason = z.infer<typeof PauseReason>;

/** The LED screen above a window (窗口屏), when it has one: which driver, port and bus address. */
export const LedConfig = z.strictObject({
  driver: z.enum(['plainSerial']),
  port: z.string().min(1),
  address: z.number().int().min(1).max(254).default(1),
  baudRate: z.number().int().positive().default(9600),
});
export type LedConfig = z.infer<typeof LedConfig>;

/** A thermal printer at a window, on a serial port of the hall server (notices, reprinted tickets). */
export const WindowPrinterConfig = z.strictObject({
  port: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
});
export type WindowPrinterConfig = z.infer<typeof WindowPrinterConfig>;

/** A window as configured by the manager. */
export const WindowDef = z.strictObject({
  id: Id,
  number: z.string().min(1).max(8),
  name: z.string().min(1),
  type: WindowType,
  primary: SkillSet,
  secondary: SkillSet.default({}),
  led: LedConfig.optional(),
  printer: WindowPrinterConfig.optional(),
});
export type WindowDef = z.infer<typeof WindowDef>;

/** A window as it is right now. */
export const Window = z.strictObject({
  ...WindowDef.shape,
  hallId: Id,
  state: WindowState,
  staffId: Id.nullable(),
  currentTicketId: z.string().nullable(),
  pauseReason: PauseReason.nullable(),
  autoCall: z.boolean(),
  updatedAt: Instant,
  /** The service day for which the console adjusted this window's skills (动态调整), or null. */
  adjustedDay: ServiceDay.nullable(),
});
export type Window = z.infer<typeof Window>;

export const Staff = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** 工号: shown on the window screen, the rating pad and notices (亮牌上岗). */
  staffNo: z.string().min(1).max(20).optional(),
  /** Windows this person normally works at (A岗). */
  windowIds: z.array(Id),
  /** Staff this person backs up (B岗): they may work at those people's windows. */
  backupOf: z.array(Id).default([]),
});
export type Staff = z.infer<typeof Staff>;

export const PriorityClass = z.enum(['appointment', 'green', 'normal']);
export type PriorityClass = z.infer<typeof PriorityClass>;

export const GreenReason = z.enum(['elderly', 'disabled', 'military', 'pregnant', 'other']);
export type GreenReason = z.infer<typeof GreenReason>;

export const TicketStatus = z.enum([
  'waiting',
  'called',
  'serving',
  'done',
  'noShow',
  'transferred',
  'cancelled',
  'expired',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Masked personal data only: the keyed hash of the ID number never leaves the store. */
export const ResidentMasked = z.strictObject({
  idMasked: z.string(),
  nameMasked: z.string(),
});
export type ResidentMasked = z.infer<typeof ResidentMasked>;

export const Ticket = z.strictObject({
  id: z.string().min(1),
  hallId: Id,
  serviceDay: ServiceDay,
  prefix: z.string(),
  seq: z.number().int().positive(),
  number: z.string(),
  matterId: Id,
  priorityClass: PriorityClass,
  greenReason: GreenReason.nullable(),
  status: TicketStatus,
  issuedAt: Instant,
  calledAt: Instant.nullable(),
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  /** The window that called it most recently. */
  windowId: Id.nullable(),
  /** Set by a transfer to a window: only that window may call it. */
  targetWindowId: Id.nullable(),
  staffId: Id.nullable(),
  recallCount: z.number().int().min(0),
  transferCount: z.number().int().min(0),
  appointmentId: z.string().nullable(),
  /** Start of the appointment's slot: the appointment class applies from then on. */
  slotStart: Instant.nullable(),
  resident: ResidentMasked.nullable(),
  note: z.string().nullable(),
  endReason: z.string().nullable(),
  /** The wait the resident was told at issue (minutes), kept to measure estimates against actual waits. */
  estimatedWaitMin: z.number().min(0).nullable().default(null),
});
export type Ticket = z.infer<typeof Ticket>;

/** `missed`: booked, never checked in, and the slot's check-in time is over. */
export const AppointmentStatus = z.enum(['booked', 'checkedIn', 'cancelled', 'missed']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const Appointment = z.strictObject({
  id: z.string().min(1),
  hallId: Id,
  matterId: Id,
  code: z.string().min(4).max(16),
  slotStart: Instant,
  slotEnd: Instant,
  resident: ResidentMasked.nullable(),
  status: AppointmentStatus,
  ticketId: z.string().nullable(),
  createdAt: Instant,
  /** The contact number given at booking, masked (the number itself is sealed in the store). */
  phoneMasked: z.string().nullable().default(null),
});
export type Appointment = z.infer<typeof Appointment>;

export const EvaluationLevel = z.number().int().min(1).max(5);
export const EvaluationChannel = z.enum(['pad', 'kiosk', 'mobile']);
export type EvaluationChannel = z.infer<typeof EvaluationChannel>;

export const Evaluation = z.strictObject({
  id: z.string().min(1),
  hallId: Id,
  ticketId: z.string(),
  windowId: Id.nullable(),
  staffId: Id.nullable(),
  matterId: Id,
  level: EvaluationLevel,
  reasons: z.array(z.string().min(1).max(40)).max(10),
  comment: z.string().max(500).nullable(),
  channel: EvaluationChannel,
  at: Instant,
});
export type Evaluation = z.infer<typeof Evaluation>;

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

export const QueuePosition = z.strictObject({
  /** Queued tickets that the windows able to serve this one would call first. */
  peopleAhead: z.number().int().min(0),
  /** Minutes until the call, or null while no open window serves the matter. */
  estimatedWaitMin: z.number().min(0).nullable(),
  /** Open windows that may call this ticket. */
  windowsServing: z.number().int().min(0),
});
export type QueuePosition = z.infer<typeof QueuePosition>;

export const MatterLoad = z.strictObject({
  matterId: Id,
  categoryId: Id,
  waiting: z.number().int().min(0),
  /** Minutes the oldest queued ticket of the matter has waited. */
  longestWaitMin: z.number().min(0),
  /** What a ticket issued now would be told. */
  estimatedWaitMin: z.number().min(0).nullable(),
  windowsServing: z.number().int().min(0),
});
export type MatterLoad = z.infer<typeof MatterLoad>;

export const QueueStats = z.strictObject({
  at: Instant,
  totalWaiting: z.number().int().min(0),
  windowsOpen: z.number().int().min(0),
  longestWaitMin: z.number().min(0),
  matters: z.array(MatterLoad),
});
export type QueueStats = z.infer<typeof QueueStats>;
