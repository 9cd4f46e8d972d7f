import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { openError, SerialError } from './errors.js';

export interface SerialLinkOptions {
  /** Ports are configured by path, never discovered. */
  path: string;
  baudRate?: number;
  /** Reopen after the device disappears, waiting `initialMs` doubling up to `maxMs`; false to stay closed. */
  reconnect?: { initialMs: number; maxMs: number } | false;
  /** How often to check that the device is still there (a vanished device may send no event). */
  watchMs?: number;
}

type Listener<T extends unknown[]> = (...args: T) => void;
interface Events {
  data: [Uint8Array];
  open: [];
  disconnect: [SerialError];
}

/**
 * A serial port opened exclusively, that notices when the device goes away and reopens it with
 * back-off when it comes back. Drivers speak their protocol over it; tests run it on socat PTYs.
 */
export class SerialLink {
  private port: SerialPort | undefined;
  private readonly listeners: { [K in keyof Events]: Set<Listener<Events[K]>> } = {
    data: new Set(),
    open: new Set(),
    disconnect: new Set(),
  };
  private closed = false;
  private watch: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;

  private constructor(readonly options: SerialLinkOptions) {}

  /** Opens the port; fails with notFound or busy, typed. */
  static async open(options: SerialLinkOptions): Promise<SerialLink> {
    const link = new SerialLink(options);
    await link.connect();
    link.startWatch();
    return link;
  }

  get path(): string {
    return this.options.path;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  private emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    for (const l of this.listeners[event]) l(...args);
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path: this.options.path,
        baudRate: this.options.baudRate ?? 115_200,
        lock: true,
        autoOpen: false,
      });
      port.open((err) => {
        if (err) {
          reject(openError(this.options.path, err));
          return;
        }
        this.port = port;
        port.on('data', (chunk: Buffer) => this.emit('data', new Uint8Array(chunk)));
        port.on('close', (e: (Error & { disconnected?: boolean }) | null) => {
          if (e?.disconnected === true) this.lost(e);
        });
        port.on('error', (e: Error) => this.lost(e));
        this.emit('open');
        resolve();
      });
    });
  }

  private startWatch(): void {
    const every = this.options.watchMs ?? 500;
    this.watch = setInterval(() => {
      if (this.port === undefined) return;
      stat(this.options.path).catch((e: unknown) => this.lost(e));
    }, every);
    this.watch.unref();
  }

  private lost(cause: unknown): void {
    const port = this.port;
    if (port === undefined || this.closed) return;
    this.port = undefined;
    if (port.isOpen) port.close(() => {});
    this.emit('disconnect', new SerialError('disconnected', this.options.path, cause));
    this.scheduleReconnect(
      this.options.reconnect === false ? undefined : (this.options.reconnect?.initialMs ?? 200),
    );
  }

  private scheduleReconnect(delay: number | undefined): void {
    if (delay === undefined || this.closed) return;
    const max = this.options.reconnect === false ? delay : (this.options.reconnect?.maxMs ?? 5_000);
    this.retry = setTimeout(() => {
      this.connect().catch(() => this.scheduleReconnect(Math.min(max, delay * 2)));
    }, delay);
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (port === undefined || this.closed) {
      return Promise.reject(new SerialError(this.closed ? 'closed' : 'disconnected', this.options.path));
    }
    return new Promise((resolve, reject) => {
      // A write that fails at the device means it went away (EIO on a vanished TTY).
      const failed = (err: Error) => {
        this.lost(err);
        reject(new SerialError('disconnected', this.options.path, err));
      };
      port.write(Buffer.from(bytes), (err) => {
        if (err) failed(err);
        else port.drain((e) => (e ? failed(e) : resolve()));
      });
    });
  }

  /**
   * Writes a request and resolves with the first response `accept` recognises in the bytes that
   * follow; `accept` is fed every chunk and returns the response once complete.
   */
  request<T>(bytes: Uint8Array, accept: (chunk: Uint8Array) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        offData();
        offLost();
        fn();
      };
      const timer = setTimeout(
        () => done(() => reject(new SerialError('timeout', this.options.path))),
        timeoutMs,
      );
      const offData = this.on('data', (chunk) => {
        // A protocol layer that finds the answer damaged throws; the request fails with its error.
        let r: T | undefined;
        try {
          r = accept(chunk);
        } catch (e) {
          done(() => reject(e));
          return;
        }
        if (r !== undefined) done(() => resolve(r));
      });
      const offLost = this.on('disconnect', (e) => done(() => reject(e)));
      this.write(bytes).catch((e: unknown) => done(() => reject(e)));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watch);
    clearTimeout(this.retry);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
