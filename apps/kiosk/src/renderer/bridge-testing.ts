import type {
  CardEvent,
  KioskBridge,
  KioskSettings,
  PrinterState,
  PrintJob,
  PrintOutcome,
} from '@onewindow/protocol';

/** The testing bridge: prints into an array, fails on demand, and lets a test place cards. */
export interface MemoryBridge extends KioskBridge {
  readonly printed: PrintJob[];
  /** The outcome of the next prints; success by default. */
  failWith: PrintOutcome | null;
  emitCard(event: CardEvent): void;
}

export function memoryBridge(settings: KioskSettings): MemoryBridge {
  const listeners = new Set<(e: CardEvent) => void>();
  const bridge: MemoryBridge = {
    printed: [],
    failWith: null,
    async settings() {
      return { ok: true, settings };
    },
    async pair() {
      return { ok: false, error: { code: 'PAIRING_INVALID', message: 'the testing bridge does not pair' } };
    },
    async print(job) {
      if (bridge.failWith !== null) return bridge.failWith;
      bridge.printed.push(job);
      return { ok: true, warnings: [] };
    },
    async printerStatus(): Promise<PrinterState> {
      const f = bridge.failWith;
      return f === null || f.ok
        ? { ready: true, problem: null, paperNearEnd: false, message: 'ok' }
        : { ready: false, problem: f.error.code, paperNearEnd: false, message: f.error.message };
    },
    onCard(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitCard(event) {
      for (const l of listeners) l(event);
    },
  };
  return bridge;
}
