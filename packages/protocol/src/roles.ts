import { z } from 'zod';

/** `admin` and `auditor` are also what a person signed in to the console acts as in a hall. */
export const DeviceRole = z.enum(['kiosk', 'window', 'display', 'pad', 'admin', 'auditor']);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** People who run halls: every hall of the deployment, one hall, or read only. */
export const PersonRole = z.enum(['centerAdmin', 'hallManager', 'auditor']);
export type PersonRole = z.infer<typeof PersonRole>;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Who a connected device is; windows and pads are bound to one window. */
export const DeviceIdentity = z.strictObject({
  deviceId: z.string(),
  hallId: z.string(),
  role: DeviceRole,
  windowId: z.string().nullable(),
  /** The person behind a console connection (absent for devices). */
  person: z.strictObject({ id: z.string(), name: z.string(), role: PersonRole }).optional(),
  /** The language chosen for this device in the console, if any. */
  locale: Locale.optional(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentity>;
