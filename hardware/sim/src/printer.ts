import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeStatus, fromGb18030, type PrinterStatus } from '@onewindow/printer';
import { SerialLink } from '@onewindow/serial';
import { renderPreview } from './preview.js';
import type { PrintedDocument } from './printed.js';

export type { PrintedDocument, PrintedItem } from './printed.js';

/** Bytes each ESC, FS and GS command takes after its command letter (when not variable). */
const ESC_ARGS: Record<number, number> = {
  64: 0,
  50: 0,
  97: 1,
  69: 1,
  33: 1,
  100: 1,
  77: 1,
  116: 1,
  45: 1,
  71: 1,
  51: 1,
  74: 1,
  82: 1,
  123: 1,
};
const FS_ARGS: Record<number, number> = { 38: 0, 46: 0, 33: 1, 87: 1 };
const GS_ARGS: Record<number, number> = { 33: 1, 66: 1, 104: 1, 119: 1, 72: 1, 102: 1, 76: 2, 87: 2 };

/**
 * A thermal printer on the device end of a PTY pair: it decodes the ESC/POS stream back into text
 * lines, QR payloads and cuts, and answers real-time status queries from a state a test can set.
 */
export class VirtualPrinter {
  status: PrinterStatus = { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false };
  readonly documents: PrintedDocument[] = [];
  private current: PrintedDocument = { lines: [], qr: [], items: [], cut: false };
  private align: 'left' | 'center' | 'right' = 'left';
  private large = false;
  private pending: number[] = [];
  private line: number[] = [];
  private readonly waiters = new Set<() => void>();

  /** PNG previews written so far (with `previewDir`). */
  readonly previews: string[] = [];
  readonly previewErrors: string[] = [];

  private constructor(
    private readonly link: SerialLink,
    private readonly previewDir?: string,
    private readonly paperWidth: 58 | 80 = 80,
  ) {
    link.on('data', (chunk) => {
      this.pending.push(...chunk);
      this.parse();
    });
  }

  /** With `previewDir`, each cut ticket is also drawn as a PNG there, as it would look on paper. */
  static async open(
    path: string,
    options: { previewDir?: string; paperWidth?: 58 | 80 } = {},
  ): Promise<VirtualPrinter> {
    return new VirtualPrinter(
      await SerialLink.open({ path, reconnect: false }),
      options.previewDir,
      options.paperWidth,
    );
  }

  /** Resolves once `count` documents have been cut. */
  waitForDocuments(count: number, timeoutMs = 5_000): Promise<PrintedDocument[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.documents.length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.documents.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.documents.length} of ${count} documents printed`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Bytes received but not yet part of a finished document (what "nothing printed" checks). */
  get unfinished(): PrintedDocument {
    return { ...this.current, lines: [...this.current.lines] };
  }

  private endLine(): void {
    const text = fromGb18030(Uint8Array.from(this.line)).trimEnd();
    this.current.lines.push(text);
    this.current.items.push({ kind: 'text', text, align: this.align, large: this.large });
    this.line = [];
  }

  private parse(): void {
    const b = this.pending;
    let i = 0;
    // Each branch consumes one complete command, or stops until more bytes arrive.
    for (;;) {
      if (i >= b.length) break;
      const c = b[i]!;
      if (c === 0x10) {
        if (i + 3 > b.length) break;
        if (b[i + 1] === 0x04) this.answerStatus(b[i + 2]!);
        i += 3;
      } else if (c === 0x1b || c === 0x1c) {
        if (i + 2 > b.length) break;
        const args = (c === 0x1b ? ESC_ARGS : FS_ARGS)[b[i + 1]!] ?? 0;
        if (i + 2 + args > b.length) break;
        if (c === 0x1b) this.style(b[i + 1]!, b[i + 2] ?? 0);
        i += 2 + args;
      } else if (c === 0x1d) {
        if (i + 2 > b.length) break;
        const cmd = b[i + 1]!;
        if (cmd === 0x56) {
          if (i + 3 > b.length) break;
          const m = b[i + 2]!;
          const n = m === 65 || m === 66 ? 1 : 0;
          if (i + 3 + n > b.length) break;
          i += 3 + n;
          this.cut();
        } else if (cmd === 0x28) {
          if (i + 5 > b.length) break;
          const len = b[i + 3]! + b[i + 4]! * 256;
          if (i + 5 + len > b.length) break;
          const body = b.slice(i + 5, i + 5 + len);
          // QR code (cn 49), store data (fn 80): the payload follows "31 50 30".
          if (b[i + 2] === 0x6b && body[0] === 0x31 && body[1] === 0x50) {
            const data = Buffer.from(body.slice(3)).toString('latin1');
            this.current.qr.push(data);
            this.current.items.push({ kind: 'qr', data });
          }
          i += 5 + len;
        } else {
          const args = GS_ARGS[cmd] ?? 0;
          if (i + 2 + args > b.length) break;
          i += 2 + args;
        }
      } else if (c === 0x0a) {
        this.endLine();
        i++;
      } else {
        if (c >= 0x20) this.line.push(c); // CR, VT and other controls print nothing
        i++;
      }
    }
    this.pending = b.slice(i);
  }

  /** ESC @ resets, ESC a aligns, ESC ! sets double width and height (0x30) or normal. */
  private style(cmd: number, arg: number): void {
    if (cmd === 0x40) {
      this.align = 'left';
      this.large = false;
    } else if (cmd === 0x61)
      this.align = arg === 1 || arg === 0x31 ? 'center' : arg === 2 || arg === 0x32 ? 'right' : 'left';
    else if (cmd === 0x21) this.large = (arg & 0x30) === 0x30;
  }

  private cut(): void {
    if (this.line.length > 0) this.endLine();
    this.current.cut = true;
    // Blank lines before the cut are feed, not content.
    while (this.current.lines.length > 0 && this.current.lines[this.current.lines.length - 1] === '')
      this.current.lines.pop();
    this.documents.push(this.current);
    if (this.previewDir !== undefined) {
      const file = join(this.previewDir, `ticket-${String(this.documents.length).padStart(4, '0')}.png`);
      try {
        writeFileSync(file, renderPreview(this.current, this.paperWidth));
        this.previews.push(file);
      } catch (e) {
        this.previewErrors.push(e instanceof Error ? e.message : String(e));
      }
    }
    this.current = { lines: [], qr: [], items: [], cut: false };
    for (const w of [...this.waiters]) w();
  }

  private answerStatus(n: number): void {
    const s = encodeStatus(this.status);
    const byte = n === 1 ? s.printer : n === 2 ? s.offline : s.paper;
    void this.link.write(Uint8Array.of(byte)).catch(() => {});
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
