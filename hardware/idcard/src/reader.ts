import { SerialError, type SerialLink } from '@onewindow/serial';
import { Command, encodeCommand, FrameDecoder, type ResponseFrame, toResponse } from './frame.js';
import { assertStatus, IdCardError, SW3 } from './status.js';
import { type IdCardInfo, parseTextBlock, TEXT_BLOCK_BYTES } from './text.js';

export interface IdCardReaderOptions {
  /** How long one command may take; reading text and photo takes the longest. Default 2 s. */
  timeoutMs?: number;
  /** Pause between polls for a card. Default 300 ms. */
  pollMs?: number;
}

/**
 * A second-generation resident ID card reader on a serial port. `poll` reports each card placed on it
 * once: a card left lying there is not read again, and taking it away re-arms the reader.
 */
export class IdCardReader {
  private readonly decoder = new FrameDecoder();
  private readonly timeoutMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly link: SerialLink,
    options: IdCardReaderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.pollMs = options.pollMs ?? 300;
  }

  /** Sends one command and returns its response once its status is one of `expected`. */
  async command(
    command: readonly [number, number],
    expected: readonly number[] = [SW3.ok],
  ): Promise<ResponseFrame> {
    this.decoder.reset();
    let response: ResponseFrame | undefined;
    try {
      response = await this.link.request(
        encodeCommand(command),
        (chunk) => {
          for (const r of this.decoder.push(chunk)) {
            if (!r.ok) throw new IdCardError('badFrame', undefined, r.reason);
            return toResponse(r.body);
          }
          return undefined;
        },
        this.timeoutMs,
      );
    } catch (e) {
      if (e instanceof SerialError && e.code === 'timeout') throw new IdCardError('timeout');
      if (e instanceof SerialError && e.code === 'disconnected') throw new IdCardError('disconnected');
      throw e;
    }
    assertStatus(response.sw3, expected);
    return response;
  }

  async samStatus(): Promise<void> {
    await this.command(Command.samStatus);
  }

  /** True when a card lies on the reader. */
  async findCard(): Promise<boolean> {
    const r = await this.command(Command.findCard, [SW3.cardFound, SW3.findFailed]);
    return r.sw3 === SW3.cardFound;
  }

  async selectCard(): Promise<void> {
    await this.command(Command.selectCard);
  }

  /** Reads the text block (the photo is ignored: its decoder is proprietary). */
  async readText(): Promise<IdCardInfo> {
    const r = await this.command(Command.readText);
    const textLength = ((r.data[0] ?? 0) << 8) | (r.data[1] ?? 0);
    if (textLength < TEXT_BLOCK_BYTES || r.data.length < 4 + textLength) {
      throw new IdCardError('badText', undefined, `text length ${textLength} in ${r.data.length} bytes`);
    }
    return parseTextBlock(r.data.slice(4, 4 + TEXT_BLOCK_BYTES));
  }

  /** Finds, selects and reads a card; null when none is there. */
  async readOnce(): Promise<IdCardInfo | null> {
    if (!(await this.findCard())) return null;
    await this.selectCard();
    return this.readText();
  }

  /**
   * Polls until stopped: `onCard` once per card placed, `onError` for a failed read (the reader keeps
   * polling, so a resident can simply try again). Returns the function that stops polling.
   */
  poll(onCard: (card: IdCardInfo) => void, onError: (e: IdCardError) => void): () => Promise<void> {
    let stopped = false;
    let present = false;
    const loop = (async () => {
      while (!stopped) {
        try {
          const found = await this.findCard();
          if (!found) present = false;
          else if (!present) {
            await this.selectCard();
            const card = await this.readText();
            present = true;
            if (!stopped) onCard(card);
          }
        } catch (e) {
          if (!stopped)
            onError(e instanceof IdCardError ? e : new IdCardError('unrecognized', undefined, String(e)));
        }
        if (!stopped) await new Promise((r) => setTimeout(r, this.pollMs));
      }
    })();
    return async () => {
      stopped = true;
      await loop;
    };
  }
}
