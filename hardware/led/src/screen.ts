import { SerialError, SerialLink } from '@onewindow/serial';
import { ACK, encodeLedFrame, encodeText, LedCommand, NAK } from './frame.js';

/** What OneWindow needs of a window LED screen, whatever its protocol. */
export interface LedScreen {
  show(text: string): Promise<void>;
  clear(): Promise<void>;
  /** 0 (dimmest) to 15 (brightest). */
  brightness(level: number): Promise<void>;
}

export type LedErrorCode = 'rejected' | 'timeout' | 'disconnected' | 'badInput';

export class LedError extends Error {
  override readonly name = 'LedError';
  constructor(
    readonly code: LedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The plain serial protocol of `frame.ts`, one screen per address. */
export class SerialLedScreen implements LedScreen {
  constructor(
    private readonly link: SerialLink,
    private readonly address = 0x01,
    private readonly timeoutMs = 1_000,
  ) {}

  show(text: string): Promise<void> {
    let payload: Uint8Array;
    try {
      payload = encodeText(text);
    } catch (e) {
      return Promise.reject(new LedError('badInput', e instanceof Error ? e.message : String(e)));
    }
    return this.send(LedCommand.show, payload);
  }

  clear(): Promise<void> {
    return this.send(LedCommand.clear, new Uint8Array(0));
  }

  brightness(level: number): Promise<void> {
    if (!Number.isInteger(level) || level < 0 || level > 15) {
      return Promise.reject(
        new LedError('badInput', `brightness must be a whole number from 0 to 15, got ${level}`),
      );
    }
    return this.send(LedCommand.brightness, Uint8Array.of(level));
  }

  private async send(command: number, payload: Uint8Array): Promise<void> {
    try {
      const answer = await this.link.request(
        encodeLedFrame({ address: this.address, command, payload }),
        (chunk) => chunk.find((b) => b === ACK || b === NAK),
        this.timeoutMs,
      );
      if (answer === NAK) throw new LedError('rejected', 'the LED screen rejected the frame (checksum)');
    } catch (e) {
      if (e instanceof SerialError) {
        throw new LedError(e.code === 'timeout' ? 'timeout' : 'disconnected', e.message);
      }
      throw e;
    }
  }
}

/** The hall configuration's `led` entry of a window. */
export interface LedScreenConfig {
  driver: 'plainSerial';
  port: string;
  address: number;
  baudRate: number;
}

/** Opens the screen a window's configuration names; the link reconnects if the cable is pulled. */
export async function openLedScreen(
  config: LedScreenConfig,
): Promise<{ screen: LedScreen; close(): Promise<void> }> {
  switch (config.driver) {
    case 'plainSerial': {
      const link = await SerialLink.open({ path: config.port, baudRate: config.baudRate });
      return { screen: new SerialLedScreen(link, config.address), close: () => link.close() };
    }
  }
}
