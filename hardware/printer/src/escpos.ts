import iconv from 'iconv-lite';

/** ESC/POS bytes OneWindow writes itself (the rest comes from node-thermal-printer). */
export const DLE = 0x10;
export const EOT = 0x04;
export const FS = 0x1c;
/** FS & — Chinese character mode on: the printer reads two-byte GB codes. */
export const CHINESE_ON = Uint8Array.of(FS, 0x26);
/** DLE EOT n — real-time status: 1 printer, 2 offline cause, 4 paper roll sensor. */
export const statusQuery = (n: 1 | 2 | 4): Uint8Array => Uint8Array.of(DLE, EOT, n);

/**
 * GB18030 bytes of a text. node-thermal-printer's own CHINA set is GB2312, which has no rare name
 * characters such as 䶮; GB18030 has every character of Unicode.
 */
export function gb18030(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

export function fromGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gb18030');
}

/** Columns a text takes on a thermal printer: CJK and other wide characters take two. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return n;
}

/** Splits text into lines of at most `width` columns, never inside a character. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (columns(line + ch) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
}

/** Reads the three DLE EOT answers (each byte has fixed bits 0x12). */
export function parseStatus(printer: number, offline: number, paper: number): PrinterStatus {
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offline & 0x04) !== 0,
    paperEnd: (paper & 0x60) !== 0 || (offline & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
  };
}

export function encodeStatus(s: PrinterStatus): { printer: number; offline: number; paper: number } {
  return {
    printer: 0x12 | (s.online ? 0 : 0x08),
    offline: 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperEnd ? 0x20 : 0),
    paper: 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperEnd ? 0x60 : 0),
  };
}
