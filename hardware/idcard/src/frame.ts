/**
 * The SAM serial protocol of resident ID card readers (GA 467): every frame starts with the preamble
 * AA AA AA 96 69, then a two-byte big-endian length of what follows, then the body and a one-byte
 * XOR checksum over the length bytes and the body.
 * Command body: command, parameter. Response body: SW1 SW2 SW3, then data.
 */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

export const Command = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
} as const satisfies Record<string, readonly [number, number]>;
export type CommandName = keyof typeof Command;

function xor(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

/** A complete frame for a command: find card is AA AA AA 96 69 00 03 20 01 22. */
export function encodeCommand(command: readonly [number, number]): Uint8Array {
  const out = new Uint8Array(10);
  out.set(PREAMBLE, 0);
  out[5] = 0x00;
  out[6] = 0x03; // command, parameter, checksum
  out[7] = command[0];
  out[8] = command[1];
  out[9] = xor(out, 5, 9);
  return out;
}

/** A response frame, for the virtual reader and for tests. */
export function encodeResponse(
  sw3: number,
  data: Uint8Array = new Uint8Array(0),
  sw1 = 0,
  sw2 = 0,
): Uint8Array {
  const len = 3 + data.length + 1;
  const out = new Uint8Array(5 + 2 + len);
  out.set(PREAMBLE, 0);
  out[5] = (len >> 8) & 0xff;
  out[6] = len & 0xff;
  out[7] = sw1;
  out[8] = sw2;
  out[9] = sw3;
  out.set(data, 10);
  out[out.length - 1] = xor(out, 5, out.length - 1);
  return out;
}

export interface ResponseFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** A checked frame body (what follows the length bytes, without the checksum), or why a frame was dropped. */
export type DecodeResult =
  | { ok: true; body: Uint8Array }
  | { ok: false; reason: 'checksum' | 'length'; raw: Uint8Array };

/** Reads a response body: SW1 SW2 SW3, then data. */
export function toResponse(body: Uint8Array): ResponseFrame {
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.slice(3) };
}

/** Longest body a reader sends: text and photo (4 + 256 + 1024) plus status and checksum, with room. */
const MAX_BODY = 4096;

/**
 * Assembles frames (commands or responses) from serial reads of any size: a frame may arrive in many pieces, several
 * frames in one piece, and noise before a preamble is skipped.
 */
export class FrameDecoder {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): DecodeResult[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const out: DecodeResult[] = [];
    for (;;) {
      const start = findPreamble(this.buffer);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across reads.
        this.buffer = this.buffer.slice(Math.max(0, this.buffer.length - (PREAMBLE.length - 1)));
        return out;
      }
      if (start > 0) this.buffer = this.buffer.slice(start);
      if (this.buffer.length < 7) return out;
      const len = (this.buffer[5]! << 8) | this.buffer[6]!;
      if (len < 3 || len > MAX_BODY) {
        out.push({ ok: false, reason: 'length', raw: this.buffer.slice(0, 7) });
        this.buffer = this.buffer.slice(1); // resynchronise on the next preamble
        continue;
      }
      if (this.buffer.length < 7 + len) return out;
      const raw = this.buffer.slice(0, 7 + len);
      this.buffer = this.buffer.slice(7 + len);
      if (xor(raw, 5, raw.length - 1) !== raw[raw.length - 1]) {
        out.push({ ok: false, reason: 'checksum', raw });
        continue;
      }
      out.push({ ok: true, body: raw.slice(7, raw.length - 1) });
    }
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
  }
}

function findPreamble(b: Uint8Array): number {
  outer: for (let i = 0; i + PREAMBLE.length <= b.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (b[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}
