import iconv from 'iconv-lite';

/**
 * OneWindow's plain serial protocol for window LED screens (窗口屏). One frame:
 *
 *   STX 0x02 | address | command | length | payload (length bytes) | checksum | ETX 0x03
 *
 * address: the screen on a shared RS-485 line (0x01–0xFE; 0xFF reaches every screen).
 * command: 0x31 show text, 0x32 clear, 0x33 brightness.
 * payload: GB2312 text (at most 200 bytes) for show; one byte 0–15 for brightness; none for clear.
 * checksum: the sum of address, command, length and payload, modulo 256.
 * The screen answers ACK 0x06 when it applied the frame and NAK 0x15 when the checksum was wrong.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
export const LedCommand = { show: 0x31, clear: 0x32, brightness: 0x33 } as const;
export const MAX_TEXT_BYTES = 200;

export interface LedFrame {
  address: number;
  command: number;
  payload: Uint8Array;
}

export function encodeLedFrame(f: LedFrame): Uint8Array {
  if (f.payload.length > 255) throw new RangeError('LED payload longer than 255 bytes');
  const out = new Uint8Array(f.payload.length + 6);
  out[0] = STX;
  out[1] = f.address;
  out[2] = f.command;
  out[3] = f.payload.length;
  out.set(f.payload, 4);
  let sum = 0;
  for (let i = 1; i < 4 + f.payload.length; i++) sum += out[i]!;
  out[4 + f.payload.length] = sum & 0xff;
  out[5 + f.payload.length] = ETX;
  return out;
}

/** GB2312 bytes of a text, the character set these screens carry. */
export function encodeText(text: string): Uint8Array {
  const bytes = new Uint8Array(iconv.encode(text, 'gb2312'));
  // GB2312 has no emoji and few rare characters; iconv would print '?' instead of failing.
  if (decodeText(bytes) !== text) throw new RangeError(`"${text}" has characters GB2312 cannot show`);
  if (bytes.length > MAX_TEXT_BYTES)
    throw new RangeError(`LED text is ${bytes.length} bytes; at most ${MAX_TEXT_BYTES}`);
  return bytes;
}

export function decodeText(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gb2312');
}

export type LedDecodeResult = { ok: true; frame: LedFrame } | { ok: false; reason: 'checksum' };

/** Frames from a byte stream of any chunking (the screen's side). */
export class LedFrameDecoder {
  private buffer: number[] = [];

  push(chunk: Uint8Array): LedDecodeResult[] {
    this.buffer.push(...chunk);
    const out: LedDecodeResult[] = [];
    for (;;) {
      const start = this.buffer.indexOf(STX);
      if (start < 0) {
        this.buffer = [];
        return out;
      }
      this.buffer = this.buffer.slice(start);
      if (this.buffer.length < 4) return out;
      const len = this.buffer[3]!;
      if (this.buffer.length < len + 6) return out;
      const frame = this.buffer.slice(0, len + 6);
      this.buffer = this.buffer.slice(len + 6);
      let sum = 0;
      for (let i = 1; i < 4 + len; i++) sum += frame[i]!;
      if ((sum & 0xff) !== frame[4 + len] || frame[5 + len] !== ETX) {
        out.push({ ok: false, reason: 'checksum' });
        continue;
      }
      out.push({
        ok: true,
        frame: { address: frame[1]!, command: frame[2]!, payload: Uint8Array.from(frame.slice(4, 4 + len)) },
      });
    }
  }
}
