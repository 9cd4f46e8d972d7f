export type SerialErrorCode = 'notFound' | 'busy' | 'disconnected' | 'timeout' | 'closed' | 'io';

const MESSAGES: Record<SerialErrorCode, string> = {
  notFound: 'no serial port at this path',
  busy: 'the serial port is in use by another program',
  disconnected: 'the serial device was disconnected',
  timeout: 'the serial device did not answer in time',
  closed: 'the serial port is closed',
  io: 'serial input/output failed',
};

export class SerialError extends Error {
  override readonly name = 'SerialError';
  constructor(
    readonly code: SerialErrorCode,
    readonly path: string,
    cause?: unknown,
  ) {
    super(`${MESSAGES[code]} (${path})${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
  }
}

/** Classifies an error from the operating system while opening a port. */
export function openError(path: string, e: unknown): SerialError {
  const text = e instanceof Error ? e.message : String(e);
  if (/no such file|ENOENT/i.test(text)) return new SerialError('notFound', path, e);
  if (/lock|busy|EBUSY|temporarily unavailable/i.test(text)) return new SerialError('busy', path, e);
  return new SerialError('io', path, e);
}
