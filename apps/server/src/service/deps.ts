import type { DispatchPolicy, HolidayCalendar } from '@onewindow/domain';
import type { HallEvent } from '@onewindow/protocol';
import type { Clock, IdSource, Logger } from '../deps.js';
import type { Deliveries } from '../integrations/deliveries.js';
import type { OtherInstances } from '../live/registry.js';
import type { WindowPrinters } from '../printers.js';
import type { PersonalDataKeys } from '../privacy.js';
import type { HallRegistry } from '../registry.js';
import type { HallStore } from '../store/types.js';

export interface ServiceDeps {
  /** Each hall's current configuration; the console replaces a hall's entry when it changes it. */
  halls: HallRegistry;
  store: HallStore;
  clock: Clock;
  logger: Logger;
  ids: IdSource;
  /** Tokens for ID numbers, sealed contacts and keyed digests: personal data at rest. */
  personalData: PersonalDataKeys;
  /** Refuse tickets outside opening hours and close the day at closing time (off in the demo). */
  enforceHours: boolean;
  /** Which ticket a calling window gets. */
  policy: DispatchPolicy;
  /** Called after commit with the events the command appended, in order. */
  publish: (hallId: string, events: readonly HallEvent[]) => void;
  /** Public holidays and 调休 make-up workdays: opening hours and rectification deadlines. */
  calendar: HolidayCalendar;
  /** Thermal printers at windows. */
  printers: WindowPrinters;
  /** Where residents' phones reach this server (the QR code on a reprinted ticket). */
  publicUrl: () => string;
  /** Told what other instances did to a hall (only where several instances share the store). */
  others?: OtherInstances;
  /** Messages to outside systems (webhooks, the 好差评 platform), queued in each command's transaction. */
  deliveries?: Deliveries;
}
