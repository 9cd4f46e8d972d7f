import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** The commit of a group failed: every command in it failed with it, and nothing of them is stored. */
export class GroupCommitError extends Error {
  constructor(cause: unknown) {
    super(`the store could not commit: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A FIFO lock for async work. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release = () => {};
    const mine = new Promise<void>((r) => {
      release = r;
    });
    const before = this.tail;
    this.tail = before.then(() => mine);
    await before;
    return release;
  }
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit on one SQLite connection. Each unit of work runs alone, inside a savepoint of a
 * transaction shared with the units that run in the same turn of the event loop; the transaction is
 * committed once for all of them (one fsync), and only then does any unit's caller hear it succeeded.
 * A unit that fails rolls back its savepoint alone; a commit that fails fails every unit of the group.
 * A read first commits what is pending, so it never sees work that could still be lost.
 */
export class GroupCommit {
  private readonly lock = new Lock();
  private group: Waiter[] | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  private exec(text: string): Promise<unknown> {
    return sql.raw(text).execute(this.db);
  }

  /**
   * Runs `work` in the shared transaction. `afterWork` is called once its writes are in and only the
   * commit is pending: the caller may let its next unit start then. Resolves after the commit.
   */
  async run<T>(work: () => Promise<T>, afterWork?: () => void): Promise<T> {
    let waiter: Waiter = { resolve: () => {}, reject: () => {} };
    const committed = new Promise<void>((resolve, reject) => {
      waiter = { resolve, reject };
    });
    const release = await this.lock.acquire();
    let result: T;
    try {
      if (this.group === null) {
        await this.exec('begin immediate');
        this.group = [];
        setImmediate(() => void this.flush());
      }
      await this.exec('savepoint unit');
      try {
        result = await work();
        await this.exec('release unit');
      } catch (e) {
        await this.undoUnit();
        throw e;
      }
      this.group?.push(waiter);
    } finally {
      release();
    }
    afterWork?.();
    await committed;
    return result;
  }

  /** Runs `fn` alone, after committing what is pending. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      await this.commit();
      return await fn();
    } finally {
      release();
    }
  }

  async flush(): Promise<void> {
    const release = await this.lock.acquire();
    try {
      await this.commit();
    } finally {
      release();
    }
  }

  private async commit(): Promise<void> {
    const waiters = this.group;
    if (waiters === null) return;
    this.group = null;
    try {
      await this.exec('commit');
    } catch (e) {
      await this.exec('rollback').catch(() => {});
      for (const w of waiters) w.reject(new GroupCommitError(e));
      return;
    }
    for (const w of waiters) w.resolve();
  }

  /** A unit failed: its savepoint goes. If SQLite already ended the whole transaction, the group goes too. */
  private async undoUnit(): Promise<void> {
    try {
      await this.exec('rollback to unit');
      await this.exec('release unit');
    } catch (e) {
      const waiters = this.group ?? [];
      this.group = null;
      await this.exec('rollback').catch(() => {});
      for (const w of waiters) w.reject(new GroupCommitError(e));
    }
  }
}
