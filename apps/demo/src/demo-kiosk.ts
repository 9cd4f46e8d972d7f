import type { VirtualIdCardReader, VirtualPrinter } from '@onewindow/hw-sim';
import type { KioskHardware } from '@onewindow/kiosk';

/** A kiosk of the demo hall: its token, its virtual printer and card reader on PTY pairs. */
export interface DemoKiosk {
  deviceId: string;
  token: string;
  printer: VirtualPrinter;
  reader: VirtualIdCardReader;
  hardware: KioskHardware;
  printerPort: string;
  readerPort: string;
}
