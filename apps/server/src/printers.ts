import type { WindowDef, WindowPrinterConfig } from '@onewindow/domain';
import { type PrintDocument, type PrintResult, printDocument, TicketPrinter } from '@onewindow/printer';
import { SerialLink } from '@onewindow/serial';

/** The thermal printers at windows, on serial ports of the hall server (notices, reprinted tickets). */
export interface WindowPrinters {
  has(windowId: string): boolean;
  print(windowId: string, doc: PrintDocument): Promise<PrintResult>;
  close(): Promise<void>;
}

/**
 * Opens each window's printer on first use and again after a failed open, so a printer switched on
 * after the server started still prints; a lost one is reopened by its link.
 */
export function windowPrinters(windows: readonly WindowDef[]): WindowPrinters {
  const configs = new Map<string, WindowPrinterConfig>();
  for (const w of windows) if (w.printer !== undefined) configs.set(w.id, w.printer);
  const opened = new Map<string, Promise<{ link: SerialLink; printer: TicketPrinter }>>();
  const openPrinter = (windowId: string, c: WindowPrinterConfig) => {
    let p = opened.get(windowId);
    if (p === undefined) {
      p = SerialLink.open({ path: c.port, baudRate: c.baudRate }).then((link) => ({
        link,
        printer: new TicketPrinter(link, c.paperWidth),
      }));
      opened.set(windowId, p);
      p.catch(() => opened.delete(windowId));
    }
    return p;
  };
  return {
    has: (windowId) => configs.has(windowId),
    async print(windowId, doc) {
      const c = configs.get(windowId);
      if (c === undefined) return { ok: false, error: { code: 'disconnected', message: 'no printer' } };
      try {
        return await printDocument((await openPrinter(windowId, c)).printer, doc);
      } catch (e) {
        return {
          ok: false,
          error: { code: 'disconnected', message: e instanceof Error ? e.message : String(e) },
        };
      }
    },
    async close() {
      const all = [...opened.values()];
      opened.clear();
      for (const p of all) await p.then((o) => o.link.close()).catch(() => {});
    },
  };
}
