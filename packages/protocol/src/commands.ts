import {
  Evaluation,
  EvaluationLevel,
  GreenReason,
  Id,
  Notice,
  PauseReason,
  QueuePosition,
  Rectification,
  SkillSet,
  Ticket,
  UnresolvedCase,
  Window,
  WindowFigures,
} from '@onewindow/domain';
import { z } from 'zod';
import type { DeviceRole } from './roles.js';
import { Broadcast, HallSnapshot } from './snapshot.js';
import { StaffAssessment } from './stats.js';

/** Every command carries a client-chosen id; a retry with the same id gets the first answer. */
export const RequestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be 8–64 of A-Z a-z 0-9 _ -');

/** What the kiosk read from a resident ID card (or typed in by an assisting clerk). */
export const ResidentIdentity = z.strictObject({
  idNumber: z.string().regex(/^\d{17}[\dXx]$/, 'must be 17 digits and a final digit or X'),
  name: z.string().trim().min(1).max(40),
});
export type ResidentIdentity = z.infer<typeof ResidentIdentity>;

export const IssueTicketCommand = z
  .strictObject({
    requestId: RequestId,
    /** Required unless an appointment code names the matter. */
    matterId: Id.optional(),
    resident: ResidentIdentity.optional(),
    appointmentCode: z.string().min(4).max(16).optional(),
    /** Check in today's appointment of `resident` (ID card on the reader instead of a code). */
    checkIn: z.literal(true).optional(),
    green: z.strictObject({ reason: GreenReason }).optional(),
  })
  .refine((c) => c.matterId !== undefined || c.appointmentCode !== undefined || c.checkIn === true, {
    message: 'one of matterId, appointmentCode or checkIn is required',
    path: ['matterId'],
  })
  .refine((c) => c.checkIn !== true || c.resident !== undefined, {
    message: 'checkIn needs the resident whose appointment it is',
    path: ['resident'],
  });
export type IssueTicketCommand = z.infer<typeof IssueTicketCommand>;

export const IssuedTicket = z.strictObject({
  ticket: Ticket,
  position: QueuePosition,
  matterName: z.string(),
  /** Age from the ID card when it qualifies for the green channel but none was asked for. */
  greenSuggested: z.boolean(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

const WindowCommand = z.strictObject({ requestId: RequestId, windowId: Id });
const TicketAtWindowCommand = z.strictObject({
  requestId: RequestId,
  windowId: Id,
  ticketId: z.string().min(1),
});

export const OpenWindowCommand = z.strictObject({
  ...WindowCommand.shape,
  staffId: Id.optional(),
  /** The clerk's PIN, required when the hall configures one for that person. */
  pin: z
    .string()
    .regex(/^\d{4,8}$/, 'must be 4–8 digits')
    .optional(),
});
export const OpenWindowResult = z.strictObject({
  window: Window,
  staff: z.strictObject({ id: Id, name: z.string() }).nullable(),
});
export const NoticeCommand = z.strictObject({
  ...TicketAtWindowCommand.shape,
  missing: z.array(z.string().trim().min(1).max(200)).min(1).max(40),
  note: z.string().max(300).optional(),
});
export const UnresolvedCommand = z.strictObject({
  ...WindowCommand.shape,
  ticketId: z.string().min(1).optional(),
  request: z.string().trim().min(1).max(500),
  reason: z.string().trim().min(1).max(500),
  contactName: z.string().trim().max(40).optional(),
  contactPhone: z
    .string()
    .regex(/^[0-9+\- ]{5,20}$/, 'must be a phone number')
    .optional(),
});
/** 多级联办: a 办不成事 case goes up to a hall above (township, county) with its history. */
export const ForwardCaseCommand = z.strictObject({
  ...WindowCommand.shape,
  caseId: z.string().min(1).max(100),
  toHallId: Id,
  note: z.string().trim().max(500).optional(),
});
export const PauseWindowCommand = z.strictObject({ ...WindowCommand.shape, reason: PauseReason });
export const AutoCallCommand = z.strictObject({ ...WindowCommand.shape, autoCall: z.boolean() });
export const TransferTicketCommand = z.strictObject({
  ...TicketAtWindowCommand.shape,
  to: z.union([z.strictObject({ matterId: Id }), z.strictObject({ windowId: Id })]),
  note: z.string().max(200).optional(),
});
export const CancelTicketCommand = z.strictObject({
  requestId: RequestId,
  ticketId: z.string().min(1),
  reason: z.string().min(1).max(200),
});
export const EvaluateCommand = z.strictObject({
  requestId: RequestId,
  ticketId: z.string().min(1),
  level: EvaluationLevel,
  reasons: z.array(z.string().min(1).max(40)).max(10).default([]),
  comment: z.string().max(500).optional(),
});
export const SnapshotRequest = z.strictObject({});
/** 动态调整: a window serves other matters for the rest of today only; the configuration stays. */
export const SetSkillsCommand = z.strictObject({
  ...WindowCommand.shape,
  primary: SkillSet,
  secondary: SkillSet,
});
/** A line every hall display shows until it ends; an empty text takes it down. */
export const BroadcastCommand = z.strictObject({
  requestId: RequestId,
  text: z.string().trim().max(200),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});
/** Prints on the window's own thermal printer: a ticket again (补打号票) or a one-time notice. */
export const WindowPrintCommand = z.strictObject({
  ...WindowCommand.shape,
  document: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('ticket'), ticketId: z.string().min(1) }),
    z.strictObject({ kind: z.literal('notice'), noticeId: z.string().min(1) }),
  ]),
});

export const WindowResult = z.strictObject({ window: Window });
export const TicketResult = z.strictObject({
  ticket: Ticket,
  window: Window,
  /** With auto-call on, the ticket called right after this one finished or left, if any. */
  next: Ticket.nullable(),
});

interface CommandSpec<P extends z.ZodType, R extends z.ZodType> {
  payload: P;
  result: R;
  roles: readonly DeviceRole[];
  /** Whether a window or pad may only act on the window it is bound to. */
  windowBound: boolean;
}
const spec = <P extends z.ZodType, R extends z.ZodType>(
  payload: P,
  result: R,
  roles: readonly DeviceRole[],
  windowBound = false,
): CommandSpec<P, R> => ({ payload, result, roles, windowBound });

const windowRoles = ['window', 'admin'] as const;

/** Every command a device may send: its payload, its result and who may send it. */
export const commands = {
  // A window issues on behalf of a resident (村级代办: a station with one clerk and no kiosk).
  'ticket:issue': spec(IssueTicketCommand, IssuedTicket, ['kiosk', 'window', 'admin']),
  'window:open': spec(OpenWindowCommand, OpenWindowResult, windowRoles, true),
  'window:today': spec(WindowCommand, WindowFigures, windowRoles, true),
  'window:month': spec(
    WindowCommand.extend({ month: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM') }),
    StaffAssessment,
    windowRoles,
    true,
  ),
  'window:pause': spec(PauseWindowCommand, WindowResult, windowRoles, true),
  'window:resume': spec(WindowCommand, WindowResult, windowRoles, true),
  'window:close': spec(WindowCommand, WindowResult, windowRoles, true),
  'window:autoCall': spec(AutoCallCommand, WindowResult, windowRoles, true),
  'ticket:callNext': spec(WindowCommand, TicketResult, windowRoles, true),
  'ticket:call': spec(TicketAtWindowCommand, TicketResult, windowRoles, true),
  'ticket:recall': spec(TicketAtWindowCommand, TicketResult, windowRoles, true),
  'ticket:noShow': spec(TicketAtWindowCommand, TicketResult, windowRoles, true),
  'ticket:restore': spec(TicketAtWindowCommand, TicketResult, windowRoles, true),
  'ticket:start': spec(TicketAtWindowCommand, TicketResult, windowRoles, true),
  'ticket:finish': spec(TicketAtWindowCommand, TicketResult, windowRoles, true),
  'ticket:transfer': spec(TransferTicketCommand, TicketResult, windowRoles, true),
  'ticket:cancel': spec(CancelTicketCommand, z.strictObject({ ticket: Ticket }), ['admin']),
  'window:setSkills': spec(SetSkillsCommand, WindowResult, ['admin']),
  'hall:broadcast': spec(BroadcastCommand, z.strictObject({ broadcast: Broadcast.nullable() }), ['admin']),
  'notice:issue': spec(NoticeCommand, z.strictObject({ notice: Notice }), windowRoles, true),
  'window:print': spec(
    WindowPrintCommand,
    z.strictObject({ warnings: z.array(z.string()) }),
    windowRoles,
    true,
  ),
  'unresolved:record': spec(UnresolvedCommand, z.strictObject({ case: UnresolvedCase }), windowRoles, true),
  'unresolved:forward': spec(
    ForwardCaseCommand,
    z.strictObject({ case: UnresolvedCase, forwarded: UnresolvedCase }),
    windowRoles,
    true,
  ),
  'evaluation:submit': spec(
    EvaluateCommand,
    z.strictObject({ evaluation: Evaluation, rectification: Rectification.nullable() }),
    ['pad', 'kiosk', 'admin'],
  ),
  'hall:snapshot': spec(SnapshotRequest, HallSnapshot, [
    'kiosk',
    'window',
    'display',
    'pad',
    'admin',
    'auditor',
  ]),
} as const;

export type CommandName = keyof typeof commands;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandPayload<K extends CommandName> = z.input<(typeof commands)[K]['payload']>;
export type ParsedCommand<K extends CommandName> = z.output<(typeof commands)[K]['payload']>;
export type CommandResult<K extends CommandName> = z.output<(typeof commands)[K]['result']>;

export const AppointmentInput = z.strictObject({
  matterId: Id,
  code: z
    .string()
    .regex(/^[A-Za-z0-9]{4,16}$/, 'must be 4–16 letters or digits')
    .optional(),
  slotStart: z.number().int().nonnegative(),
  slotEnd: z.number().int().nonnegative(),
  resident: ResidentIdentity.optional(),
});
export type AppointmentInput = z.infer<typeof AppointmentInput>;
