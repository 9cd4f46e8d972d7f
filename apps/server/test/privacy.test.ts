import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { personalDataKeyFor } from '../src/launch.js';
import { PersonalDataKeys, rekeyStore } from '../src/privacy.js';
import { createSqliteStore } from '../src/store/sqlite.js';
import { idNumberBornOn, KIOSK, MIN, okData, removeDir, useHalls, windowToken } from './helpers.js';

const halls = useHalls();
const DAY = 24 * 60 * MIN;

const RESIDENTS = [
  { idNumber: idNumberBornOn('19850314', '123'), name: '王小明' },
  { idNumber: idNumberBornOn('19620101', '457'), name: '欧阳娜娜' },
];
const CONTACT = { name: '赵先生', phone: '13800001234' };

/** Every file under a folder, recursively: what someone who copies the folder has. */
function filesOf(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [readFileSync(path)];
  });
}

/**
 * Every 32 and 64 hex digits in a row in the files, at every offset (a stored digest may sit next to
 * other hex-looking bytes): where any digest or token would be.
 */
function hexRuns(files: Buffer[]): Set<string> {
  const out = new Set<string>();
  for (const f of files)
    for (const m of f.toString('latin1').matchAll(/[0-9a-fA-F]{32,}/g))
      for (const len of [32, 64])
        for (let i = 0; i + len <= m[0].length; i++) out.add(m[0].slice(i, i + len).toLowerCase());
  return out;
}

/** A day of personal data: real-name tickets, one visit with a case and a contact. */
async function busyDay(hall: Awaited<ReturnType<typeof halls.start>>) {
  const kiosk = await hall.connect(KIOSK);
  const w3 = await hall.connect(windowToken('w3'));
  okData(await w3.command('window:open', { windowId: 'w3', staffId: 's3', pin: '2468' }));
  const tickets = [];
  for (const resident of RESIDENTS)
    tickets.push(okData(await kiosk.issueTicket({ matterId: 'm-tax', resident })).ticket);
  okData(await w3.callNext('w3'));
  okData(await w3.command('ticket:start', { windowId: 'w3', ticketId: tickets[0]!.id }));
  okData(await w3.command('ticket:finish', { windowId: 'w3', ticketId: tickets[0]!.id }));
  const record = okData(
    await w3.command('unresolved:record', {
      windowId: 'w3',
      ticketId: tickets[0]!.id,
      request: '异地社保转移',
      reason: '系统暂不支持',
      contactName: CONTACT.name,
      contactPhone: CONTACT.phone,
    }),
  ).case;
  return { tickets, record };
}

describe('personal data at rest', () => {
  it('a copy of the whole data folder gives back no ID number, name or phone, even by brute force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-privacy-'));
    const key = personalDataKeyFor(dir);
    try {
      expect(key.from).toBe(`${dir}.key`);
      const hall = await halls.start({ dir, personalDataKey: key.key, enforceHours: false });
      await busyDay(hall);
      await hall.server.backups?.take('console');
      await hall.stop();
      const files = filesOf(dir);
      expect(files.length).toBeGreaterThanOrEqual(2); // the database and a backup at least
      const text = files.map((f) => f.toString('utf8') + f.toString('utf16le')).join('\n');
      for (const r of RESIDENTS) {
        expect(text).not.toContain(r.idNumber);
        expect(text).not.toContain(r.idNumber.slice(0, 14)); // not even region and birth date
        expect(text).not.toContain(r.name);
      }
      expect(text).not.toContain(CONTACT.name);
      expect(text).not.toContain(CONTACT.phone);
      expect(text).not.toContain(key.key);

      // The attacker's best case: region and the last four known, only the birth date to find (1930–2010).
      const runs = hexRuns(files);
      const target = RESIDENTS[0]!.idNumber;
      const candidates: string[] = [];
      for (let t = Date.UTC(1930, 0, 1); t < Date.UTC(2011, 0, 1); t += DAY) {
        const d = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
        candidates.push(idNumberBornOn(d, target.slice(14, 17)));
      }
      expect(candidates).toContain(target);
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      const unkeyed = (id: string) => [
        sha(id),
        sha(id.toLowerCase()),
        createHash('md5').update(id).digest('hex'),
      ];
      expect(candidates.filter((id) => unkeyed(id).some((h) => runs.has(h)))).toEqual([]);
      for (const r of RESIDENTS) expect(runs.has(sha(r.name))).toBe(false);

      // The same search with the key, which is outside the folder, does find the resident: so the
      // folder holds nothing to search with, not nothing to find.
      const keys = new PersonalDataKeys(key.key);
      expect(candidates.filter((id) => runs.has(keys.idToken(id)))).toEqual([target]);
      // The key alone is only a key.
      expect(readFileSync(key.from, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    } finally {
      removeDir(dir);
      removeDir(`${dir}.key`);
    }
  });

  it('refuses a key file inside the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-privacy-'));
    try {
      expect(() => personalDataKeyFor(dir, join(dir, 'my.key'))).toThrow(/inside the data folder/);
      expect(() => personalDataKeyFor(dir, dir)).toThrow(/inside the data folder/);
    } finally {
      removeDir(dir);
    }
  });

  it('rekey moves every token and sealed contact to a new key; the old key opens nothing', async () => {
    const hall = await halls.start({ enforceHours: false });
    const { record } = await busyDay(hall);
    await hall.stop();
    const a = new PersonalDataKeys('test-personal-data-key-0123456789');
    const b = new PersonalDataKeys('a-brand-new-personal-data-key-42');
    const store = createSqliteStore(hall.dbFile);
    expect(await rekeyStore(store, a, b)).toBe(RESIDENTS.length + 1);
    await store.close();
    const db = new Database(hall.dbFile, { readonly: true });
    try {
      const tokens = (
        db.prepare('select resident_id_hash as t from tickets where resident_id_hash is not null').all() as {
          t: string;
        }[]
      ).map((r) => r.t);
      expect(tokens.sort()).toEqual(RESIDENTS.map((r) => b.idToken(r.idNumber)).sort());
      const data = JSON.parse(
        (db.prepare('select data from cases where id = ?').get(record.id) as { data: string }).data,
      ) as { contactSealed: string };
      expect(JSON.parse(b.open(data.contactSealed) ?? 'null')).toEqual(CONTACT);
      expect(a.open(data.contactSealed)).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('erases personal data past the hall’s retention and keeps the figures', async () => {
    const hall = await halls.start({ enforceHours: false });
    const { tickets } = await busyDay(hall);
    const count = (sql: string) => {
      const db = new Database(hall.dbFile, { readonly: true });
      try {
        return (db.prepare(sql).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const personal = `select count(*) as n from tickets where resident_id_hash is not null or resident_name_masked is not null`;
    expect(count(personal)).toBe(2);
    // 29 days later nothing goes; after the 30 days of the default rule, it does.
    hall.clock.advance(29 * DAY);
    await hall.server.service.purgePersonalData();
    expect(count(personal)).toBe(2);
    hall.clock.advance(2 * DAY);
    const purged = await hall.server.service.purgePersonalData();
    expect(purged.h1).toMatchObject({ tickets: 2, cases: 1 });
    expect(count(personal)).toBe(0);
    expect(count(`select count(*) as n from tickets`)).toBe(tickets.length);
    expect(count(`select count(*) as n from cases where data like '%contactSealed":null%'`)).toBe(1);
    expect(count(`select count(*) as n from events`)).toBe(0);
    expect(count(`select count(*) as n from tickets where status = 'done'`)).toBe(1);
  });
});
