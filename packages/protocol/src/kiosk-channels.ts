/**
 * IPC channels between the kiosk's renderer and main process; nothing else is exposed. Kept apart
 * from the schemas so the sandboxed preload bundles these names and nothing more.
 */
export const kioskChannels = {
  settings: 'kiosk:settings',
  print: 'kiosk:print',
  printerStatus: 'kiosk:printerStatus',
  pair: 'kiosk:pair',
  card: 'kiosk:card',
} as const;
export type KioskInvokeChannel = Exclude<(typeof kioskChannels)[keyof typeof kioskChannels], 'kiosk:card'>;
