import { SerialError, type SerialLink } from '@onewindow/serial';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import {
  CHINESE_ON,
  columns,
  gb18030,
  type PrinterStatus,
  parseStatus,
  statusQuery,
  wrap,
} from './escpos.js';

export type PaperWidth = 58 | 80;
/** Characters per line in font A: 32 on 58 mm paper, 48 on 80 mm. */
export const LINE_COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

export interface TicketData {
  hallName: string;
  number: string;
  matterName: string;
  peopleAhead: number;
  /** The expected wait as printed, worded by the caller (e.g. 约 5～10 分钟, 请留意叫号). */
  waitText: string;
  issuedAt: string;
  windowHint?: string;
  /** Masked name of a real-name ticket, e.g. 王*明. */
  residentName?: string;
  /** A class mark in large reverse type under the number, e.g. 绿色通道 or 预约. */
  mark?: string;
  /** Where a phone follows the ticket (ASCII). */
  trackUrl: string;
  footer?: string;
}

export interface NoticeData {
  hallName: string;
  matterName: string;
  ticketNumber: string;
  windowName: string;
  missing: readonly string[];
  issuedAt: string;
  note?: string;
  staffName?: string;
  staffNo?: string;
  hallPhone?: string;
}

export type PrinterErrorCode = 'paperEnd' | 'coverOpen' | 'offline' | 'timeout' | 'disconnected';

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** node-thermal-printer takes any object with these methods as its interface: ours collects the bytes. */
class BufferInterface {
  bytes: Uint8Array = new Uint8Array(0);
  getPrinterName(): string {
    return 'onewindow-serial';
  }
  async isPrinterConnected(): Promise<boolean> {
    return true;
  }
  async execute(buffer: Buffer): Promise<string> {
    this.bytes = new Uint8Array(buffer);
    return 'ok';
  }
}

/** Builds ESC/POS with node-thermal-printer, Chinese appended as GB18030 raw bytes. */
class Layout {
  readonly printer: ThermalPrinter;
  readonly sink = new BufferInterface();
  constructor(readonly width: PaperWidth) {
    this.printer = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      // The library accepts an interface object at run time; its typings only mention strings.
      interface: this.sink as unknown as string,
      width: LINE_COLUMNS[width],
    });
    this.printer.append(Buffer.from(CHINESE_ON));
  }
  line(text = ''): void {
    for (const l of wrap(text, LINE_COLUMNS[this.width])) {
      this.printer.append(Buffer.from(gb18030(l)));
      this.printer.newLine();
    }
  }
  pair(left: string, right: string): void {
    const gap = Math.max(1, LINE_COLUMNS[this.width] - columns(left) - columns(right));
    this.line(left + ' '.repeat(gap) + right);
  }
  /** The centred bold heading every slip starts with: the hall's name and any titles. */
  heading(...titles: string[]): void {
    this.printer.alignCenter();
    this.printer.bold(true);
    for (const t of titles) this.line(t);
    this.printer.bold(false);
  }
  async bytes(): Promise<Uint8Array> {
    this.printer.cut();
    await this.printer.execute();
    return this.sink.bytes;
  }
}

export function ticketBytes(t: TicketData, width: PaperWidth): Promise<Uint8Array> {
  const l = new Layout(width);
  const p = l.printer;
  l.heading(t.hallName);
  p.drawLine();
  p.setTextQuadArea();
  l.line(t.number);
  p.setTextNormal();
  l.line(t.matterName);
  if (t.mark !== undefined) {
    p.setTextDoubleHeight();
    p.invert(true);
    l.line(` ${t.mark} `);
    p.invert(false);
    p.setTextNormal();
  }
  p.alignLeft();
  p.drawLine();
  l.pair('前面等候', `${t.peopleAhead} 人`);
  l.pair('预计等候', t.waitText);
  if (t.windowHint !== undefined) l.pair('办理窗口', t.windowHint);
  if (t.residentName !== undefined) l.pair('姓名', t.residentName);
  l.pair('取号时间', t.issuedAt);
  p.alignCenter();
  p.printQR(t.trackUrl, { cellSize: width === 58 ? 5 : 6, correction: 'M', model: 2 });
  l.line('扫码查看排队进度');
  l.line(t.footer ?? '过号请重新取号，请留意叫号');
  return l.bytes();
}

export function noticeBytes(n: NoticeData, width: PaperWidth): Promise<Uint8Array> {
  const l = new Layout(width);
  const p = l.printer;
  l.heading(n.hallName, '一次性告知单');
  p.alignLeft();
  p.drawLine();
  l.pair('办理事项', n.matterName);
  l.pair('号码', n.ticketNumber);
  l.pair('窗口', n.windowName);
  if (n.staffName !== undefined)
    l.pair('经办人', n.staffNo === undefined ? n.staffName : `${n.staffName}（${n.staffNo}）`);
  l.pair('告知时间', n.issuedAt);
  p.drawLine();
  l.line('您申请办理的事项还需补齐以下材料：');
  n.missing.forEach((item, i) => {
    l.line(`${i + 1}. ${item}`);
  });
  if (n.note !== undefined) l.line(`说明：${n.note}`);
  p.drawLine();
  l.line('以上为办理本事项尚需的全部材料，补齐后即可到窗口办理。');
  if (n.hallPhone !== undefined) l.pair('咨询电话', n.hallPhone);
  return l.bytes();
}

export type PrintDocument = { kind: 'ticket'; ticket: TicketData } | { kind: 'notice'; notice: NoticeData };
export type PrintResult =
  | { ok: true; warnings: string[] }
  | { ok: false; error: { code: PrinterErrorCode; message: string } };

/** Prints a ticket or a notice and says how it went; never throws (anything unknown is a lost printer). */
export async function printDocument(printer: TicketPrinter, doc: PrintDocument): Promise<PrintResult> {
  try {
    const { warnings } =
      doc.kind === 'ticket' ? await printer.printTicket(doc.ticket) : await printer.printNotice(doc.notice);
    return { ok: true, warnings };
  } catch (e) {
    const code: PrinterErrorCode = e instanceof PrinterError ? e.code : 'disconnected';
    return { ok: false, error: { code, message: e instanceof Error ? e.message : code } };
  }
}

/** A ticket printer on a serial port: asks its real-time status before every print. */
export class TicketPrinter {
  constructor(
    private readonly link: SerialLink,
    readonly width: PaperWidth = 80,
    private readonly timeoutMs = 1_000,
  ) {}

  private async query(n: 1 | 2 | 4): Promise<number> {
    try {
      return await this.link.request(statusQuery(n), (chunk) => chunk[0], this.timeoutMs);
    } catch (e) {
      if (e instanceof SerialError) {
        throw new PrinterError(
          e.code === 'timeout' ? 'timeout' : 'disconnected',
          `the printer did not answer: ${e.message}`,
        );
      }
      throw e;
    }
  }

  async status(): Promise<PrinterStatus> {
    return parseStatus(await this.query(1), await this.query(2), await this.query(4));
  }

  /** Refuses to print on paper end, open cover or offline; returns warnings (paper near end). */
  private async ready(): Promise<string[]> {
    const s = await this.status();
    if (s.paperEnd) throw new PrinterError('paperEnd', 'paper end');
    if (s.coverOpen) throw new PrinterError('coverOpen', 'cover open');
    if (!s.online) throw new PrinterError('offline', 'offline');
    return s.paperNearEnd ? ['paperNearEnd'] : [];
  }

  private async print(bytes: Uint8Array): Promise<{ warnings: string[] }> {
    const warnings = await this.ready();
    try {
      await this.link.write(bytes);
    } catch (e) {
      throw new PrinterError('disconnected', e instanceof Error ? e.message : String(e));
    }
    return { warnings };
  }

  async printTicket(t: TicketData): Promise<{ warnings: string[] }> {
    return this.print(await ticketBytes(t, this.width));
  }

  async printNotice(n: NoticeData): Promise<{ warnings: string[] }> {
    return this.print(await noticeBytes(n, this.width));
  }
}
