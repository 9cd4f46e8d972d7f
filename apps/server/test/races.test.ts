import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { KIOSK, okData, testConfig, useHalls, windowToken } from './helpers.js';

const halls = useHalls();

const count = (file: string, sql: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('concurrency', () => {
  it('20 windows calling next at once on 500 waiting tickets never get the same ticket', {
    timeout: 180_000,
  }, async () => {
    const hall = await halls.start({ config: testConfig(20) });
    const kiosk = await hall.connect(KIOSK);
    const issued = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        kiosk.issueTicket({ matterId: i % 2 === 0 ? 'm-social' : 'm-tax' }),
      ),
    );
    expect(issued.every((a) => a.ok)).toBe(true);
    const ids = Array.from({ length: 20 }, (_, i) => `x${i + 1}`);
    const windows = await Promise.all(ids.map((id) => hall.connect(windowToken(id))));
    await Promise.all(windows.map((w, i) => w.command('window:open', { windowId: ids[i]! })));

    const calledBy = new Map<string, string>();
    for (let round = 0; round < 25; round++) {
      const results = await Promise.all(windows.map((w, i) => w.callNext(ids[i]!)));
      const tickets = results.map((r) => okData(r).ticket);
      expect(new Set(tickets.map((t) => t.id)).size).toBe(20);
      for (const [i, t] of tickets.entries()) {
        expect(calledBy.has(t.id)).toBe(false);
        calledBy.set(t.id, ids[i]!);
      }
      await Promise.all(
        windows.map((w, i) => w.command('ticket:finish', { windowId: ids[i]!, ticketId: tickets[i]!.id })),
      );
    }
    expect(calledBy.size).toBe(500);
    const after = await Promise.all(windows.map((w, i) => w.callNext(ids[i]!)));
    expect(after.every((r) => !r.ok && r.error.code === 'QUEUE_EMPTY')).toBe(true);
    expect(count(hall.dbFile, "select count(*) n from tickets where status = 'done'")).toBe(500);
  });

  it('1,000 concurrent issues from several kiosks give 1,000 distinct numbers', {
    timeout: 180_000,
  }, async () => {
    const hall = await halls.start();
    const kiosks = await Promise.all([KIOSK, KIOSK, KIOSK, KIOSK].map((t) => hall.connect(t)));
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        kiosks[i % 4]!.issueTicket({ matterId: i % 3 === 0 ? 'm-tax' : 'm-social' }),
      ),
    );
    const tickets = results.map((r) => okData(r).ticket);
    expect(new Set(tickets.map((t) => t.number)).size).toBe(1000);
    // Each prefix counts 1, 2, 3 … without holes.
    for (const prefix of ['A', 'B']) {
      const seqs = tickets
        .filter((t) => t.prefix === prefix)
        .map((t) => t.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(count(hall.dbFile, 'select count(*) n from tickets')).toBe(1000);
  });

  it('a retried request id never creates a second ticket, even when the retries race', async () => {
    const hall = await halls.start();
    const kiosk = await hall.connect(KIOSK);
    const requestId = 'kiosk-retry-0001';
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => kiosk.issueTicket({ requestId, matterId: 'm-social' })),
    );
    const later = await kiosk.issueTicket({ requestId, matterId: 'm-social' });
    const ids = new Set([...answers, later].map((a) => okData(a).ticket.id));
    expect(ids.size).toBe(1);
    expect(count(hall.dbFile, 'select count(*) n from tickets')).toBe(1);
    const reused = await kiosk.issueTicket({ requestId, matterId: 'm-tax' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'REQUEST_ID_REUSED' } });
    expect(count(hall.dbFile, 'select count(*) n from tickets')).toBe(1);
    // The same id from another device is a different request.
    const other = await (await hall.connect(KIOSK)).issueTicket({
      requestId: 'kiosk-retry-0002',
      matterId: 'm-social',
    });
    expect(okData(other).ticket.number).toBe('A002');
  });
});
