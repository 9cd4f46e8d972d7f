import type { Ticket } from '@onewindow/domain';

/** Drops what only the store may know (the ID hash, the issuing device). */
export function publicTicket(
  t: Ticket & { residentIdHash?: string | null; deviceId?: string | null },
): Ticket {
  const { residentIdHash: _h, deviceId: _d, ...rest } = t;
  return rest;
}
