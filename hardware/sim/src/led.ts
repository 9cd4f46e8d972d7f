import { ACK, decodeText, LedCommand, LedFrameDecoder, NAK } from '@onewindow/led';
import { SerialLink } from '@onewindow/serial';

/** A window LED screen on the device end of a PTY pair: it records what it shows. */
export class VirtualLedScreen {
  private readonly decoder = new LedFrameDecoder();
  text = '';
  level = 15;
  /** Everything shown, in order, for tests and the demo. */
  readonly history: string[] = [];

  private constructor(
    private readonly link: SerialLink,
    readonly address: number,
  ) {
    link.on('data', (chunk) => {
      for (const r of this.decoder.push(chunk)) {
        if (!r.ok) {
          void link.write(Uint8Array.of(NAK)).catch(() => {});
          continue;
        }
        const f = r.frame;
        if (f.address !== address && f.address !== 0xff) continue; // another screen on the line
        if (f.command === LedCommand.show) this.text = decodeText(f.payload);
        else if (f.command === LedCommand.clear) this.text = '';
        else if (f.command === LedCommand.brightness) this.level = f.payload[0] ?? this.level;
        this.history.push(this.text);
        void link.write(Uint8Array.of(ACK)).catch(() => {});
      }
    });
  }

  static async open(path: string, address = 0x01): Promise<VirtualLedScreen> {
    return new VirtualLedScreen(await SerialLink.open({ path, reconnect: false }), address);
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
