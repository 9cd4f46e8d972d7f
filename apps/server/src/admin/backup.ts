import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '@onewindow/protocol';
import BetterSqlite3 from 'better-sqlite3';
import type { Clock, Logger } from '../deps.js';

/** The part of a store that can copy itself while running (SQLite's online backup). */
export interface BackupSource {
  backup(file: string): Promise<void>;
}

const NAME = /^onewindow-(\d{8}-\d{6})-[a-z]+\.sqlite$/;

const stamp = (at: number): string =>
  new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/**
 * Online backups of the hall database into `<data>/backups/`: from the console, the command line, and
 * once a day by itself, keeping the newest `keep` files. A backup is consistent even under load: SQLite
 * copies pages while commands keep committing.
 */
export class Backups {
  constructor(
    private readonly source: BackupSource,
    readonly dir: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly keep = 14,
  ) {}

  async take(reason: 'console' | 'daily' | 'cli'): Promise<BackupInfo> {
    mkdirSync(this.dir, { recursive: true });
    const at = this.clock.now();
    const file = join(this.dir, `onewindow-${stamp(at)}-${reason}.sqlite`);
    // Written under another name and renamed when whole: the list never shows a half-written copy.
    const part = `${file}.part`;
    rmSync(part, { force: true });
    await this.source.backup(part);
    renameSync(part, file);
    this.prune();
    return { file, bytes: statSync(file).size, at };
  }

  async list(): Promise<BackupInfo[]> {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => NAME.test(f))
      .sort()
      .reverse()
      .map((f) => {
        const st = statSync(join(this.dir, f));
        return { file: join(this.dir, f), bytes: st.size, at: st.mtimeMs };
      });
  }

  private prune(): void {
    const files = readdirSync(this.dir)
      .filter((f) => NAME.test(f))
      .sort();
    for (const f of files.slice(0, Math.max(0, files.length - this.keep)))
      rmSync(join(this.dir, f), { force: true });
  }

  /** Takes a daily backup when the newest is a day old; checks every `everyMs`. Returns the stop function. */
  schedule(everyMs = 10 * 60_000): () => void {
    const check = async () => {
      const newest = (await this.list())[0];
      if (newest !== undefined && this.clock.now() - newest.at < 24 * 3_600_000) return;
      try {
        const b = await this.take('daily');
        this.logger.info({ file: b.file, bytes: b.bytes }, 'daily backup taken');
      } catch (e) {
        this.logger.error({ err: e }, 'daily backup failed');
      }
    };
    const timer = setInterval(() => void check(), everyMs);
    void check();
    return () => clearInterval(timer);
  }
}

/**
 * Restores a backup into a data folder that has no database yet, after checking that the file is a
 * sound OneWindow database. Never overwrites: restoring over a live hall is a mistake to refuse.
 */
export function restoreBackup(from: string, dataDir: string): string {
  const target = join(dataDir, 'onewindow.sqlite');
  if (existsSync(target)) throw new Error(`${target} exists already: restore into a new, empty data folder`);
  const db = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${from} is damaged: ${String(check)}`);
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'hall_configs'")
      .all();
    if (tables.length === 0) throw new Error(`${from} is not a OneWindow database`);
  } finally {
    db.close();
  }
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(from, target);
  return target;
}
