import { z } from 'zod';

export const DeviceRole = z.enum(['kiosk', 'window', 'display', 'pad', 'admin']);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** Who a connected device is; windows and pads are bound to one window. */
export const DeviceIdentity = z.strictObject({
  deviceId: z.string(),
  hallId: z.string(),
  role: DeviceRole,
  windowId: z.string().nullable(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentity>;
