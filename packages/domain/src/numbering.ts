/** Digits a ticket number is padded to; longer sequences simply grow (A999 → A1000). */
export const TICKET_DIGITS = 3;

/** "A" + 12 → "A012": what the kiosk prints and the hall announces. */
export function formatTicketNumber(prefix: string, seq: number, digits: number = TICKET_DIGITS): string {
  if (!Number.isInteger(seq) || seq < 1)
    throw new RangeError(`ticket sequence must be a positive integer, got ${seq}`);
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** Counter key: numbers are unique per hall, prefix and service day. */
export function counterKey(hallId: string, prefix: string, serviceDay: string): string {
  return `${hallId}/${prefix}/${serviceDay}`;
}
