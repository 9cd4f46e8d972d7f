import { type IdCardError, type IdCardInfo, IdCardReader } from '@onewindow/idcard';
import { PrinterError, printDocument, TicketPrinter } from '@onewindow/printer';
import {
  type CardEvent,
  type PrinterProblem,
  type PrinterState,
  PrintJob,
  type PrintOutcome,
} from '@onewindow/protocol';
import { SerialLink } from '@onewindow/serial';
import type { KioskConfig } from './config.js';

/** For logs and technicians; screens say each problem in their own language by its code. */
const PROBLEM_TEXT: Record<PrinterProblem, string> = {
  paperEnd: 'paper end',
  coverOpen: 'cover open',
  offline: 'offline',
  timeout: 'no answer',
  disconnected: 'disconnected',
  absent: 'no printer configured',
  invalid: 'invalid print job',
};

export function cardEventOf(card: IdCardInfo): CardEvent {
  return {
    type: 'card',
    card: {
      cardType: card.cardType,
      name: card.name,
      gender: card.gender,
      birthDate: card.birthDate,
      idNumber: card.idNumber,
      idNumberMasked: card.idNumberMasked,
      validTo: card.validTo,
    },
  };
}

export const cardErrorEvent = (e: IdCardError): CardEvent => ({
  type: 'cardError',
  code: e.code,
  message: e.message,
});

/**
 * The kiosk's printer and ID card reader behind the bridge contract. Electron's main process and the
 * demo's web bridge both use it, so the renderer sees the same answers from real and virtual devices.
 */
export class KioskHardware {
  private readonly listeners = new Set<(e: CardEvent) => void>();
  private stopPolling: (() => Promise<void>) | undefined;

  constructor(
    readonly printer: TicketPrinter | undefined,
    readonly reader: IdCardReader | undefined,
    private readonly links: readonly SerialLink[] = [],
  ) {}

  /** Opens the configured ports; a device that cannot be opened now is retried by its link. */
  static async open(config: Pick<KioskConfig, 'printer' | 'idCardReader'>): Promise<KioskHardware> {
    const links: SerialLink[] = [];
    let printer: TicketPrinter | undefined;
    let reader: IdCardReader | undefined;
    try {
      if (config.printer !== undefined) {
        const link = await SerialLink.open({ path: config.printer.path, baudRate: config.printer.baudRate });
        links.push(link);
        printer = new TicketPrinter(link, config.printer.paperWidth);
      }
      if (config.idCardReader !== undefined) {
        const link = await SerialLink.open({
          path: config.idCardReader.path,
          baudRate: config.idCardReader.baudRate,
        });
        links.push(link);
        reader = new IdCardReader(link, { pollMs: config.idCardReader.pollMs });
      }
    } catch (e) {
      await Promise.all(links.map((l) => l.close()));
      throw e;
    }
    return new KioskHardware(printer, reader, links);
  }

  /** Starts watching the reader; each card placed is reported once to every listener. */
  start(): void {
    if (this.reader === undefined || this.stopPolling !== undefined) return;
    this.stopPolling = this.reader.poll(
      (card) => this.emit(cardEventOf(card)),
      (e) => {
        // A lost reader is the hardware's state, not a resident's failed read; the link reconnects.
        if (e.code !== 'disconnected' && e.code !== 'timeout') this.emit(cardErrorEvent(e));
      },
    );
  }

  onCard(listener: (e: CardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: CardEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Prints a job checked against the bridge schema; never throws. */
  async print(job: unknown): Promise<PrintOutcome> {
    const parsed = PrintJob.safeParse(job);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid', message: parsed.error.issues[0]?.message ?? 'invalid' } };
    }
    if (this.printer === undefined)
      return { ok: false, error: { code: 'absent', message: PROBLEM_TEXT.absent } };
    return printDocument(this.printer, parsed.data);
  }

  async printerStatus(): Promise<PrinterState> {
    if (this.printer === undefined) {
      return { ready: false, problem: 'absent', paperNearEnd: false, message: PROBLEM_TEXT.absent };
    }
    try {
      const s = await this.printer.status();
      const problem: PrinterProblem | null = s.paperEnd
        ? 'paperEnd'
        : s.coverOpen
          ? 'coverOpen'
          : !s.online
            ? 'offline'
            : null;
      return {
        ready: problem === null,
        problem,
        paperNearEnd: s.paperNearEnd,
        message: problem === null ? (s.paperNearEnd ? 'paper near end' : 'ok') : PROBLEM_TEXT[problem],
      };
    } catch (e) {
      const problem: PrinterProblem = e instanceof PrinterError ? e.code : 'disconnected';
      return { ready: false, problem, paperNearEnd: false, message: PROBLEM_TEXT[problem] };
    }
  }

  async close(): Promise<void> {
    await this.stopPolling?.();
    this.stopPolling = undefined;
    this.listeners.clear();
    await Promise.all(this.links.map((l) => l.close()));
  }
}
