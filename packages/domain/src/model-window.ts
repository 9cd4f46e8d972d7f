import { z } from 'zod';
import { DayIntervals } from './hours.js';
import { Id, Instant, ServiceDay } from './model-base.js';

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
  /**
   * The window's planned hours of a day when they differ from the hall's (错峰午休: lunch taken in turns;
   * a window that closes early). Estimates count on them: a window going to lunch takes nobody after
   * its close, one at lunch calls again when it reopens. Absent: the window follows the hall's hours.
   */
  hours: DayIntervals.optional(),
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
