import {
  Command,
  encodeResponse,
  encodeTextBlock,
  FrameDecoder,
  SW3,
  type TextFields,
} from '@onewindow/idcard';
import { SerialLink } from '@onewindow/serial';

/** What lies on the virtual reader: a card, a card that fails in a chosen way, or nothing. */
export type VirtualCard =
  | { kind: 'card'; fields: TextFields }
  | { kind: 'corruptChecksum'; fields: TextFields }
  | { kind: 'readFailure'; fields: TextFields }
  | null;

const PHOTO_BYTES = 1024;

/**
 * A resident ID card reader on the device end of a PTY pair: it answers the SAM protocol like a real
 * one, with the card (or failure) the test or the demo puts on it.
 */
export class VirtualIdCardReader {
  private card: VirtualCard = null;
  private readonly decoder = new FrameDecoder();
  /** Commands received, as "20 01", for tests. */
  readonly received: string[] = [];

  private constructor(private readonly link: SerialLink) {
    link.on('data', (chunk) => {
      for (const r of this.decoder.push(chunk)) {
        if (!r.ok) void this.link.write(encodeResponse(SW3.checksum)).catch(() => {});
        else void this.answer(r.body[0] ?? 0, r.body[1] ?? 0).catch(() => {});
      }
    });
  }

  static async open(path: string): Promise<VirtualIdCardReader> {
    return new VirtualIdCardReader(await SerialLink.open({ path, reconnect: false }));
  }

  place(card: VirtualCard): void {
    this.card = card;
  }

  remove(): void {
    this.card = null;
  }

  private async answer(cmd: number, param: number): Promise<void> {
    this.received.push(
      `${cmd.toString(16).padStart(2, '0')} ${param.toString(16).padStart(2, '0')}`.toUpperCase(),
    );
    const is = (c: readonly [number, number]) => cmd === c[0] && param === c[1];
    const card = this.card;
    let frame: Uint8Array;
    if (is(Command.samStatus) || is(Command.resetSam)) frame = encodeResponse(SW3.ok);
    else if (is(Command.findCard))
      frame = encodeResponse(card ? SW3.cardFound : SW3.findFailed, new Uint8Array(4));
    else if (is(Command.selectCard))
      frame = encodeResponse(card ? SW3.ok : SW3.selectFailed, new Uint8Array(8));
    else if (is(Command.readText)) {
      if (card === null) frame = encodeResponse(SW3.readFailed);
      else if (card.kind === 'readFailure') frame = encodeResponse(SW3.readFailed);
      else {
        const text = encodeTextBlock(card.fields);
        const data = new Uint8Array(4 + text.length + PHOTO_BYTES);
        data[0] = text.length >> 8;
        data[1] = text.length & 0xff;
        data[2] = PHOTO_BYTES >> 8;
        data[3] = PHOTO_BYTES & 0xff;
        data.set(text, 4);
        frame = encodeResponse(SW3.ok, data);
        if (card.kind === 'corruptChecksum') frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0x5a;
      }
    } else frame = encodeResponse(SW3.command);
    await this.link.write(frame);
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
