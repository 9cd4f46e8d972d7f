import type { Logger } from './deps.js';

/**
 * Work done in rounds by a timer (messages due, deliveries due): one round at a time — a round asked
 * for while one runs gets that one's answer — and a failed round is logged, never thrown at the timer.
 */
export class Rounds {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly round: () => Promise<number>,
    private readonly logger: Logger,
    /** What the log says when a round fails. */
    private readonly failed: string,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  /** Runs a round now (or joins the one under way); resolves to what it handled. */
  run(): Promise<number> {
    if (this.running !== undefined) return this.running;
    this.running = this.round()
      .catch((err: unknown) => {
        this.logger.warn({ err }, this.failed);
        return 0;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
