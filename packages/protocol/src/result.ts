import { domainErrorCodes } from '@onewindow/domain';
import { z } from 'zod';

/** The stable list of error codes; clients switch on these, so codes are only ever added. */
export const ErrorCode = z.enum([
  ...domainErrorCodes,
  /** The payload does not match the command's schema. */
  'VALIDATION_FAILED',
  /** No such command (or event name). */
  'UNKNOWN_COMMAND',
  /** No valid device token at connection. */
  'UNAUTHENTICATED',
  /** The device's role or binding does not allow this command. */
  'FORBIDDEN',
  'NOT_FOUND',
  /** A request id was reused with a different command or payload. */
  'REQUEST_ID_REUSED',
  /** Outside the hall's hours, or the service day is closed. */
  'HALL_CLOSED',
  /** The matter's daily quota of tickets is used up. */
  'QUOTA_REACHED',
  /** One resident's real-name tickets for a matter today are at the hall's limit. */
  'RESIDENT_LIMIT_REACHED',
  /** The hall opens windows only with a clerk signed in. */
  'STAFF_REQUIRED',
  'ALREADY_EVALUATED',
  /** Only finished tickets can be rated. */
  'NOT_EVALUABLE',
  /** The staff PIN did not match (or too many wrong tries: wait and try again). */
  'WRONG_PIN',
  /** Console login: unknown user, wrong password or disabled account (never said which); lockout after 5. */
  'WRONG_CREDENTIALS',
  /** The configuration changed since the console read it; reload and apply the change again. */
  'VERSION_CONFLICT',
  /** The pairing code is wrong, used or expired. */
  'PAIRING_INVALID',
  /** The first administrator exists already (or the setup code is wrong). */
  'SETUP_DONE',
  /** The window has no printer configured. */
  'NO_PRINTER',
  /** The window's printer could not print (paper, cover, offline…); details.problem says which. */
  'PRINT_FAILED',
  /** 预约: the slot has no place left. */
  'SLOT_FULL',
  /** 预约: the day or slot cannot be booked (closed, holiday, too far ahead, past its cut-off). */
  'BOOKING_CLOSED',
  /** 预约: this resident already holds the matter's limit of bookings that day. */
  'BOOKING_LIMIT',
  /** 预约: booked and not come too often lately; details.until says when booking opens again. */
  'BOOKING_BLOCKED',
  /** 预约: no booking with this code and these phone digits (never said which was wrong). */
  'BOOKING_NOT_FOUND',
  /** Too many requests from this device or address; details.retryAt (ms) says when to try again. */
  'RATE_LIMITED',
  'INTERNAL',
  /** Client side: no answer in time (the command may still have been applied; retry with the same id). */
  'TIMEOUT',
  /** Client side: not connected. */
  'DISCONNECTED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AckError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AckError = z.infer<typeof AckError>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: AckError }),
  ]);
}

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Ack<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
