import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceIdentity } from '@onewindow/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres.js';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { exportStore, importStore } from '../../src/store/transfer.js';
import type { HallStore } from '../../src/store/types.js';
import {
  FakeClock,
  KIOSK,
  MIN,
  okData,
  padToken,
  removeDir,
  startHall,
  type TestHall,
  windowToken,
} from '../helpers.js';
import { freshPgUrl } from '../pg.js';

const ADMIN_VIEW: DeviceIdentity = { deviceId: 'test-admin', hallId: 'h1', role: 'admin', windowId: null };

describe('moving a hall between SQLite and PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const running = (h: TestHall): TestHall => {
    cleanups.push(() => h.stop());
    return h;
  };

  it('export from SQLite, import into PostgreSQL and back: the same hall, snapshot for snapshot', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-move-'));
    cleanups.push(async () => removeDir(dir));
    const clock = new FakeClock();
    // A working morning on SQLite: tickets waiting, called, done and rated, a window open.
    const first = running(await startHall({ dir, clock }));
    const kiosk = await first.connect(KIOSK);
    for (let i = 0; i < 12; i++)
      okData(await kiosk.issueTicket({ matterId: i % 3 === 0 ? 'm-tax' : 'm-social' }));
    const w1 = await first.connect(windowToken('w1'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    const pad = await first.connect(padToken('w1'));
    for (let i = 0; i < 3; i++) {
      const t = okData(await w1.callNext('w1')).ticket;
      clock.advance(4 * MIN);
      okData(await w1.command('ticket:finish', { windowId: 'w1', ticketId: t.id }));
      okData(
        await pad.command('evaluation:submit', {
          ticketId: t.id,
          level: 5 - i,
          reasons: i === 2 ? ['态度'] : [],
        }),
      );
    }
    okData(await w1.callNext('w1'));
    await first.stop();
    // The hall as its store holds it (ties of one instant are ordered as loaded, not as issued).
    const reopened = running(await startHall({ dir, clock }));
    const before = await reopened.server.service.snapshot(ADMIN_VIEW);
    await reopened.stop();

    const exported = join(dir, 'hall.jsonl');
    const sqlite = createSqliteStore(first.dbFile);
    const counts = await exportStore(sqlite, exported, 'h1');
    await sqlite.close();
    expect(counts.tickets).toBe(12);

    const { url, drop } = await freshPgUrl();
    cleanups.push(drop);
    const into: HallStore = createPostgresStore(url);
    const nonEmpty = (c: Record<string, number>) =>
      Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0));
    expect(await importStore(into, exported)).toEqual(nonEmpty(counts));
    await into.close();
    const onPg = running(await startHall({ dir: join(dir, 'pg'), clock, store: createPostgresStore(url) }));
    expect(await onPg.server.service.snapshot(ADMIN_VIEW)).toEqual(before);
    // The hall goes on where it stood: the next number follows the last one.
    const next = okData(await (await onPg.connect(KIOSK)).issueTicket({ matterId: 'm-social' })).ticket;
    // Queue statistics follow a change within their interval (20 ms in tests).
    await new Promise((r) => setTimeout(r, 200));
    const after = await onPg.server.service.snapshot(ADMIN_VIEW);
    expect(next.number).toBe('A009');
    await onPg.stop();

    // A hall the target already holds is refused, and nothing of the file lands.
    const again = createPostgresStore(url);
    await expect(importStore(again, exported)).rejects.toThrow(/holds hall "h1" already/);
    await again.close();

    const back = join(dir, 'back.jsonl');
    const fromPg = createPostgresStore(url);
    await exportStore(fromPg, back);
    await fromPg.close();
    const backDir = join(dir, 'back');
    const target = createSqliteStore(join(backDir, 'hall.sqlite'));
    await importStore(target, back);
    await target.close();
    const onSqlite = running(await startHall({ dir: backDir, clock }));
    expect(await onSqlite.server.service.snapshot(ADMIN_VIEW)).toEqual(after);
  });
});
