/** Error codes the pure domain raises. The protocol's stable list includes all of them. */
export const domainErrorCodes = [
  'ILLEGAL_TRANSITION',
  'TICKET_NOT_AT_WINDOW',
  'NOT_ELIGIBLE',
  'QUEUE_EMPTY',
  'WINDOW_NOT_OPEN',
  'WINDOW_BUSY',
  'WINDOW_ALREADY_OPEN',
  'STAFF_NOT_ALLOWED',
  'INVALID_ID_NUMBER',
  'APPOINTMENT_TOO_EARLY',
  'APPOINTMENT_TOO_LATE',
  'APPOINTMENT_USED',
  'APPOINTMENT_CANCELLED',
  'TRANSFER_TARGET_INVALID',
  /** A no-show can be taken back only for a short while after it was marked. */
  'UNDO_TOO_LATE',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
