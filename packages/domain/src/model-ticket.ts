import { z } from 'zod';
import { Id, Instant, ServiceDay } from './model-base.js';

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
  /** The structural estimate under it, before the hall's outcomes corrected it: what the hall learns from. */
  estimateBaseMin: z.number().min(0).nullable().default(null),
  /** The range told at issue (calibrated on the hall's outcomes), measured against the actual wait. */
  waitFromMin: z.number().min(0).nullable().default(null),
  waitToMin: z.number().min(0).nullable().default(null),
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
