import { isDomainError } from '@onewindow/domain';
import { type Ack, type ErrorCode, fail } from '@onewindow/protocol';
import type { Logger } from 'pino';

/** A refusal decided by the server (not the domain): unknown ids, hours, quotas, permissions. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string): CommandError =>
  new CommandError('NOT_FOUND', `${what} "${id}" does not exist`, { [what]: id });

/** Turns any thrown value into an ack; unexpected errors are logged and answered as INTERNAL. */
export function toFailure(e: unknown, logger: Logger, context: Record<string, unknown>): Ack<never> {
  if (e instanceof CommandError || isDomainError(e))
    return fail(e.code, e.message, e.details ? { ...e.details } : undefined);
  logger.error({ err: e, ...context }, 'command failed unexpectedly');
  return fail('INTERNAL', 'the hall server could not complete the command; nothing was changed');
}
