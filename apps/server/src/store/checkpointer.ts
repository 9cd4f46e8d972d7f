import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background thread folds the write-ahead log back into the database file. */
const CHECKPOINT_MS = 500;

// The thread's whole program: its own connection to the file, a PASSIVE checkpoint now and then
// (it never waits for, nor blocks, the writer), closed when told to stop.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m.backup !== undefined) {
    // VACUUM INTO reads one snapshot (WAL: the writer goes on) into a fresh file, in this thread.
    try {
      db.prepare('VACUUM INTO ?').run(m.backup);
      parentPort.postMessage({ id: m.id, ok: true });
    } catch (e) {
      parentPort.postMessage({ id: m.id, ok: false, message: String(e && e.message || e) });
    }
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite checkpoints the write-ahead log itself when it grows, inside whichever commit crosses the
 * line: a pause of tens of milliseconds in the hall server's only thread, every few hundred tickets.
 * So the server turns that off and lets a thread of its own do it in the background instead.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private requests = 0;
  private pending = 0;

  constructor(file: string) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { file, module, everyMs: CHECKPOINT_MS } });
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.unref();
  }

  /**
   * Copies the database as it stands into `file` on this thread's own connection: one consistent
   * snapshot, and the server's thread and its writes are never held up (an online backup from the
   * writer's connection fails with SQLITE_LOCKED while a group commit is open).
   */
  backup(file: string): Promise<void> {
    const id = ++this.requests;
    return new Promise<void>((resolve, reject) => {
      const answer = (m: { id: number; ok: boolean; message?: string }) => {
        if (m.id !== id) return;
        this.worker.off('message', answer);
        if (--this.pending === 0) this.worker.unref();
        if (m.ok) resolve();
        else reject(new Error(`backup failed: ${m.message ?? 'unknown'}`));
      };
      this.worker.on('message', answer);
      // Referenced while it copies: a command-line backup must not end before its copy is written.
      if (this.pending++ === 0) this.worker.ref();
      this.worker.postMessage({ backup: file, id });
    });
  }

  async stop(): Promise<void> {
    const exited = this.exited;
    // Unreferenced, the worker would not keep a command-line process alive until it has stopped: the
    // process ended silently before its last line (backup, rekey said nothing).
    this.worker.ref();
    this.worker.postMessage({ stop: true });
    await exited;
  }
}
