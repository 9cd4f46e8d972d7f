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
parentPort.on('message', () => {
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

  constructor(file: string) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { file, module, everyMs: CHECKPOINT_MS } });
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    const exited = this.exited;
    // Unreferenced, the worker would not keep a command-line process alive until it has stopped: the
    // process ended silently before its last line (backup, rekey said nothing).
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
