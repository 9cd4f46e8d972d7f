import { type KioskInvokeChannel, kioskChannels } from '@onewindow/protocol';
import { isAppUrl } from './security.js';

/** The invoke event as far as the checks need it. */
export interface InvokeEvent {
  sender: unknown;
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export class IpcSenderError extends Error {
  override readonly name = 'IpcSenderError';
}

/**
 * The one place the main process answers the renderer. A call is served only when it comes from the
 * kiosk window's own contents and a frame of the app's origin; anything else is refused and logged.
 */
export class IpcManager {
  private trusted: unknown;
  private readonly channels = new Set<string>();

  constructor(
    private readonly ipc: IpcMainLike,
    private readonly onRefused: (channel: string, reason: string) => void = () => {},
  ) {}

  /** The webContents whose calls are answered (replaced when the window is recreated). */
  trust(contents: unknown): void {
    this.trusted = contents;
  }

  /** Why an event may not be answered, or null when it may. */
  refusal(event: InvokeEvent): string | null {
    if (this.trusted === undefined || event.sender !== this.trusted) return 'sender is not the kiosk window';
    if (event.senderFrame === null || !isAppUrl(event.senderFrame.url)) {
      return `frame ${event.senderFrame?.url ?? '(gone)'} is not the kiosk app`;
    }
    return null;
  }

  handle(channel: KioskInvokeChannel, handler: (...args: unknown[]) => unknown): void {
    if (!Object.values(kioskChannels).includes(channel)) throw new Error(`unknown channel ${channel}`);
    this.channels.add(channel);
    this.ipc.handle(channel, (event, ...args) => {
      const reason = this.refusal(event);
      if (reason !== null) {
        this.onRefused(channel, reason);
        throw new IpcSenderError(`refused ${channel}: ${reason}`);
      }
      return handler(...args);
    });
  }

  dispose(): void {
    for (const c of this.channels) this.ipc.removeHandler(c);
    this.channels.clear();
  }
}
