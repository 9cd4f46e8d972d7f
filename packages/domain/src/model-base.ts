import { z } from 'zod';

/** Ids are short, printable and URL-safe so they can travel in paths, QR codes and logs. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'must be letters, digits, _ . : -');
export type Id = z.infer<typeof Id>;

/** "HH:MM" on the 24-hour clock, Beijing time. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
export type ClockTime = z.infer<typeof ClockTime>;

/** Service day "YYYY-MM-DD" in Asia/Shanghai. */
export const ServiceDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export type ServiceDay = z.infer<typeof ServiceDay>;

/** Epoch milliseconds. */
export const Instant = z.number().int().nonnegative();
