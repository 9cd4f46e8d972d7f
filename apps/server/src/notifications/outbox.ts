import type { Clock, IdSource, Logger } from '../deps.js';
import type { NoticeKind, Notifier } from '../notify.js';
import type { PersonalDataKeys } from '../privacy.js';
import { Rounds } from '../rounds.js';
import type { HallStore, StoredNotification, StoreTx } from '../store/types.js';

/** Tries before a message is given up (then it is recorded as failed, with the last problem). */
export const MAX_ATTEMPTS = 8;
/** Back-off after the n-th failure: 5 s, 10 s, 20 s … at most 10 minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(10 * 60_000, 5_000 * 2 ** (attempts - 1));

export interface Outgoing {
  hallId: string;
  /** One message per key: enqueueing it again does nothing. */
  key: string;
  kind: NoticeKind;
  /** The number, sealed under the personal-data key. */
  phoneSealed: string;
  text: string;
  /** When it should go out (a reminder: before the slot). */
  dueAt?: number;
}

export interface OutboxDeps {
  store: HallStore;
  clock: Clock;
  ids: IdSource;
  personalData: PersonalDataKeys;
  notifier: Notifier;
  logger: Logger;
  hallName: (hallId: string) => string;
  /** Several instances: only the one holding this lease sends (undefined: always). */
  lease?: () => Promise<boolean>;
}

/**
 * Messages to residents go through a table: written in the transaction that causes them (or just
 * after a call commits), sent by a timer, retried with back-off. A slow or failing gateway delays
 * messages, never a command, and a restart loses none.
 */
export class Outbox {
  private readonly rounds: Rounds;

  constructor(private readonly d: OutboxDeps) {
    this.rounds = new Rounds(() => this.round(), d.logger, 'notification round failed');
  }

  /** Adds a message in the caller's transaction; false when one with its key exists. */
  enqueue(tx: StoreTx, m: Outgoing): Promise<boolean> {
    const now = this.d.clock.now();
    return tx.booking.enqueue({
      id: this.d.ids.uuid(),
      hallId: m.hallId,
      key: m.key,
      kind: m.kind,
      phoneSealed: m.phoneSealed,
      text: m.text,
      dueAt: m.dueAt ?? now,
      status: 'pending',
      attempts: 0,
      problem: null,
      sentAt: null,
      createdAt: now,
    });
  }

  /** Withdraws a pending message (a reminder of a cancelled or moved booking). */
  withdraw(tx: StoreTx, hallId: string, key: string): Promise<void> {
    return tx.booking.withdraw(hallId, key);
  }

  start(intervalMs: number): void {
    this.rounds.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.rounds.stop();
  }

  /** Sends what is due now; one round at a time. Returns how many were tried. */
  drain(): Promise<number> {
    return this.rounds.run();
  }

  private async round(): Promise<number> {
    if (this.d.lease !== undefined && !(await this.d.lease())) return 0;
    const due = await this.d.store.read((tx) => tx.booking.dueNotifications(this.d.clock.now(), 50));
    // Sent side by side: one slow gateway answer does not hold up the rest of the round.
    await Promise.all(due.map((n) => this.deliver(n)));
    return due.length;
  }

  private async deliver(n: StoredNotification): Promise<void> {
    const phone = n.phoneSealed === null ? undefined : this.d.personalData.open(n.phoneSealed);
    const result =
      phone === undefined
        ? { delivered: false, channel: 'none', problem: 'no phone number to send to' }
        : await this.d.notifier.send({
            phone,
            name: null,
            text: n.text,
            hallName: this.d.hallName(n.hallId),
            ref: n.key,
            kind: n.kind as NoticeKind,
          });
    const attempts = n.attempts + 1;
    const now = this.d.clock.now();
    const next: Pick<StoredNotification, 'id' | 'status' | 'attempts' | 'problem' | 'sentAt' | 'dueAt'> =
      result.delivered
        ? { id: n.id, status: 'sent', attempts, problem: null, sentAt: now, dueAt: n.dueAt }
        : {
            id: n.id,
            status: phone === undefined || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            attempts,
            problem: result.problem,
            sentAt: null,
            dueAt: now + retryDelayMs(attempts),
          };
    if (!result.delivered)
      this.d.logger.warn({ key: n.key, attempts, problem: result.problem }, 'notification not delivered');
    await this.d.store.transaction((tx) => tx.booking.updateNotification(next));
  }
}
