import type { Logger } from './deps.js';

/** Even with nothing changing, waits grow with the clock: screens hear the figures this often. */
const REFRESH_MS = 30_000;

/**
 * Sends each hall's queue statistics at most once per interval: the first change is sent at once,
 * what follows within the interval is folded into one message at its end. Working the figures out
 * costs a pass over the queue, so this, not each command, decides how often that happens.
 */
export class StatsPublisher<Stats> {
  private readonly lastSent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly refresh: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly compute: (hallId: string) => Promise<Stats>,
    private readonly emit: (hallId: string, stats: Stats) => void,
    private readonly halls: () => readonly string[],
    private readonly logger: Logger,
  ) {
    this.refresh = setInterval(() => {
      for (const id of this.halls()) this.changed(id);
    }, REFRESH_MS);
    this.refresh.unref();
  }

  /** Something in the hall changed: its figures go out within the interval. */
  changed(hallId: string): void {
    if (this.closed || this.timers.has(hallId)) return;
    const wait = Math.max(
      0,
      (this.lastSent.get(hallId) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - performance.now(),
    );
    const timer = setTimeout(() => {
      this.timers.delete(hallId);
      this.lastSent.set(hallId, performance.now());
      this.compute(hallId).then(
        (stats) => {
          if (!this.closed) this.emit(hallId, stats);
        },
        (e: unknown) => this.logger.warn({ err: e, hallId }, 'queue statistics not worked out'),
      );
    }, wait);
    this.timers.set(hallId, timer);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.refresh);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
