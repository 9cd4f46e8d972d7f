import { z } from 'zod';
import type { AckError } from './result.js';

export * from './kiosk-channels.js';

/**
 * The kiosk's device bridge: what the renderer asks of the printer and the ID card reader, and what
 * they report. The same messages travel over Electron IPC (main process drivers) and, in browser mode,
 * over the `/kiosk-bridge` socket to the demo's virtual devices.
 */
export const TicketPrint = z.strictObject({
  hallName: z.string().min(1).max(60),
  number: z.string().min(1).max(12),
  matterName: z.string().min(1).max(80),
  peopleAhead: z.number().int().min(0),
  /** The expected wait as printed (domain `printedWait`): the printer knows no queue. */
  waitText: z.string().min(1).max(40),
  issuedAt: z.string().min(1).max(40),
  windowHint: z.string().max(60).optional(),
  residentName: z.string().max(40).optional(),
  /** A class mark printed prominently, e.g. 绿色通道 or 预约, so the window and the guide see it. */
  mark: z.string().max(20).optional(),
  trackUrl: z
    .string()
    .max(300)
    .regex(/^[\x20-\x7e]+$/, 'must be ASCII'),
  footer: z.string().max(120).optional(),
});
export type TicketPrint = z.infer<typeof TicketPrint>;

export const NoticePrint = z.strictObject({
  hallName: z.string().min(1).max(60),
  matterName: z.string().min(1).max(80),
  ticketNumber: z.string().min(1).max(12),
  windowName: z.string().min(1).max(60),
  missing: z.array(z.string().min(1).max(200)).min(1).max(40),
  issuedAt: z.string().min(1).max(40),
  note: z.string().max(300).optional(),
  /** The clerk who issued it and their staff number; the hall's phone for questions. */
  staffName: z.string().max(40).optional(),
  staffNo: z.string().max(20).optional(),
  hallPhone: z.string().max(30).optional(),
});
export type NoticePrint = z.infer<typeof NoticePrint>;

export const PrintJob = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ticket'), ticket: TicketPrint }),
  z.strictObject({ kind: z.literal('notice'), notice: NoticePrint }),
]);
export type PrintJob = z.infer<typeof PrintJob>;

/** Why a print did not happen; `absent` when the kiosk has no printer configured. */
export const PrinterProblem = z.enum([
  'paperEnd',
  'coverOpen',
  'offline',
  'timeout',
  'disconnected',
  'absent',
  'invalid',
]);
export type PrinterProblem = z.infer<typeof PrinterProblem>;

export const PrintOutcome = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), warnings: z.array(z.string()) }),
  z.strictObject({
    ok: z.literal(false),
    error: z.strictObject({ code: PrinterProblem, message: z.string() }),
  }),
]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export const PrinterState = z.strictObject({
  ready: z.boolean(),
  problem: PrinterProblem.nullable(),
  paperNearEnd: z.boolean(),
  message: z.string(),
});
export type PrinterState = z.infer<typeof PrinterState>;

/** A card as the kiosk may use it: the ID number stays on the kiosk and goes only to the hall server. */
export const CardRead = z.strictObject({
  cardType: z.enum(['resident', 'hkMacaoTaiwan', 'foreignPermanent']),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  idNumber: z.string(),
  idNumberMasked: z.string(),
  validTo: z.string(),
});
export type CardRead = z.infer<typeof CardRead>;

export const CardEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('card'), card: CardRead }),
  z.strictObject({ type: z.literal('cardError'), code: z.string(), message: z.string() }),
]);
export type CardEvent = z.infer<typeof CardEvent>;

/** What the renderer needs to know of its device configuration (never the serial ports). */
export const KioskSettings = z.strictObject({
  serverUrl: z.url({ protocol: /^https?$/ }),
  /** Absent until the kiosk is paired (a pairing code from the console typed on its screen). */
  token: z.string().min(1).max(512).optional(),
  /** Seconds without a touch before the kiosk returns home and forgets the resident. */
  idleSeconds: z.number().int().min(5).max(3_600).default(60),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  hasPrinter: z.boolean(),
  hasIdCardReader: z.boolean(),
});
export type KioskSettings = z.infer<typeof KioskSettings>;

export const KioskSettingsResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), settings: KioskSettings }),
  z.strictObject({ ok: z.literal(false), file: z.string(), problems: z.array(z.string()) }),
]);
export type KioskSettingsResult = z.infer<typeof KioskSettingsResult>;

/** How pairing went: the device keeps its new token itself (device file or local storage). */
export type PairOutcome = { ok: true } | { ok: false; error: AckError };

/** The one API the preload exposes to the renderer, and the web bridge implements in browser mode. */
export interface KioskBridge {
  settings(): Promise<KioskSettingsResult>;
  /** Sends the pairing code the console showed to the hall server and keeps the token it answers. */
  pair(code: string): Promise<PairOutcome>;
  print(job: PrintJob): Promise<PrintOutcome>;
  printerStatus(): Promise<PrinterState>;
  /** Cards placed on the reader (and failed reads); returns the unsubscribe function. */
  onCard(listener: (event: CardEvent) => void): () => void;
}

/** Browser mode: the socket at path `/kiosk-bridge/` carries the bridge between page and devices. */
export const KIOSK_BRIDGE_PATH = '/kiosk-bridge/';
export interface KioskBridgeClientEvents {
  print(job: PrintJob, ack: (outcome: PrintOutcome) => void): void;
  printerStatus(ack: (state: PrinterState) => void): void;
}
export interface KioskBridgeServerEvents {
  card(event: CardEvent): void;
}
