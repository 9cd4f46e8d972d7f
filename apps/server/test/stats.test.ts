import { type StaffAssessment, type Statistics, statsTables, toCsv } from '@onewindow/protocol';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, data, firstAdmin } from './console-helpers.js';
import { startHall, type TestHall } from './helpers.js';
import { type DrivenMonth, type DrivenTicket, driveMonth } from './month-driver.js';

/** Weekdays of November 2026 (no public holiday falls in them). */
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`).filter((d) => {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6 && d <= '2026-11-27';
});

const MIN = 60_000;
const nearestRank = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(p * s.length)) - 1] ?? null;
};
const avg = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const close = (a: number | null, b: number | null) => {
  if (a === null || b === null) return expect(a).toBe(b);
  return expect(a).toBeCloseTo(b, 6);
};

let hall: TestHall;
let month: DrivenMonth;
let admin: ConsoleSession;
let stats: Statistics;

beforeAll(async () => {
  hall = await startHall();
  month = await driveMonth(hall, DAYS);
  admin = await firstAdmin(hall);
  stats = data(await admin.get<Statistics>(`/api/admin/halls/h1/stats?from=${DAYS[0]}&to=${DAYS.at(-1)}`));
  return () => hall.stop();
}, 240_000);

const waitOf = (t: DrivenTicket) => (t.firstCall === null ? null : (t.firstCall - t.issuedAt) / MIN);

describe('statistics of a seeded month, from the stored events', () => {
  it('counts tickets, waits, handle times and 限时办结 as the driver did them', () => {
    const ts = month.tickets;
    expect(ts.length).toBeGreaterThan(700);
    const done = ts.filter((t) => t.status === 'done');
    expect(stats.tickets).toEqual({
      issued: ts.length,
      served: done.length,
      noShow: ts.filter((t) => t.status === 'noShow').length,
      cancelled: 0,
      expired: ts.filter((t) => t.status === 'expired').length,
      transferred: ts.reduce((s, t) => s + t.transfers, 0),
    });
    expect(stats.tickets.noShow).toBeGreaterThan(0);
    expect(stats.tickets.transferred).toBeGreaterThan(0);
    const waits = ts.flatMap((t) => (waitOf(t) === null ? [] : [waitOf(t) as number]));
    expect(stats.wait.count).toBe(waits.length);
    close(stats.wait.meanMin, avg(waits));
    close(stats.wait.p90Min, nearestRank(waits, 0.9));
    close(stats.wait.withinTarget, waits.filter((w) => w <= 20).length / waits.length);
    const handles = done.map((t) => ((t.finish ?? 0) - (t.start ?? 0)) / MIN);
    close(stats.handle.meanMin, avg(handles));
    close(stats.handle.p90Min, nearestRank(handles, 0.9));
    // Every test matter commits twice its 10-minute average.
    expect(stats.timeLimit.withinCommitted).toBe(handles.filter((h) => h <= 20).length);
  });

  it('gives each window its serving, idle and pause time, and the peak hour', () => {
    for (const w of ['w1', 'w2', 'w3']) {
      const mine = month.spans.filter((s) => s.window === w);
      const sum = (state: string) =>
        mine.filter((s) => s.state === state).reduce((a, s) => a + s.to - s.from, 0) / MIN;
      const use = stats.windows.find((x) => x.windowId === w);
      close(use?.servingMin ?? null, sum('serving'));
      close(use?.idleMin ?? null, sum('open'));
      close(use?.pausedByReason.break ?? null, sum('paused'));
      close(use?.utilisation ?? null, sum('serving') / (sum('serving') + sum('open')));
    }
    expect(stats.windows.find((x) => x.windowId === 'w2')?.pausedMin).toBeGreaterThan(0);
    const byHour = new Map<number, number>();
    for (const t of month.tickets) {
      const h = new Date(t.issuedAt + 8 * 3_600_000).getUTCHours();
      byHour.set(h, (byHour.get(h) ?? 0) + 1);
    }
    expect(stats.byHour.map((h) => [h.hour, h.arrivals])).toEqual(
      [...byHour.entries()].sort((a, b) => a[0] - b[0]),
    );
    const peak = [...byHour.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
    expect(stats.peakHour).toBe(peak);
  });

  it('rates: distribution, satisfaction, coverage, and rectifications opened by bad ratings', () => {
    const rated = month.tickets.filter((t) => t.rating !== null);
    expect(stats.ratings.byLevel).toEqual(
      [1, 2, 3, 4, 5].map((l) => rated.filter((t) => t.rating === l).length),
    );
    close(stats.ratings.satisfaction, rated.filter((t) => (t.rating ?? 0) >= 3).length / rated.length);
    close(stats.ratings.good, rated.filter((t) => (t.rating ?? 0) >= 4).length / rated.length);
    close(stats.ratings.coverage, rated.length / month.tickets.filter((t) => t.status === 'done').length);
    expect(stats.rectifications.opened).toBe(rated.filter((t) => (t.rating ?? 5) <= 2).length);
    expect(stats.ratings.byChannel).toEqual({ pad: rated.length });
  });

  it('measures the wait told on the ticket against the actual wait, per matter and day', () => {
    const errs = month.tickets.flatMap((t) => {
      const w = waitOf(t);
      return t.toldMin === null || w === null ? [] : [Math.abs(t.toldMin - w)];
    });
    expect(stats.estimates.count).toBe(errs.length);
    close(stats.estimates.maeMin, avg(errs));
    const day = DAYS[3] ?? '';
    const one = month.tickets.filter(
      (t) => t.day === day && t.issuedMatter === 'm-tax' && t.toldMin !== null && t.firstCall !== null,
    );
    const row = stats.estimates.byMatterDay.find((r) => r.day === day && r.matterId === 'm-tax');
    close(row?.maeMin ?? null, avg(one.map((t) => Math.abs((t.toldMin ?? 0) - (waitOf(t) ?? 0)))));
  });

  it('narrows to a matter, a window and a clerk', async () => {
    const tax = data(
      await admin.get<Statistics>(
        `/api/admin/halls/h1/stats?from=${DAYS[0]}&to=${DAYS.at(-1)}&matterId=m-tax`,
      ),
    );
    expect(tax.tickets.served).toBe(
      month.tickets.filter((t) => t.matter === 'm-tax' && t.status === 'done').length,
    );
    const w2 = data(
      await admin.get<Statistics>(`/api/admin/halls/h1/stats?from=${DAYS[0]}&to=${DAYS.at(-1)}&windowId=w2`),
    );
    expect(w2.tickets.served).toBe(
      month.tickets.filter((t) => t.window === 'w2' && t.status === 'done').length,
    );
    expect(w2.windows.map((w) => w.windowId)).toEqual(['w2']);
    const bad = await admin.get(`/api/admin/halls/h1/stats?from=2026-11-30&to=2026-11-01`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('assesses each clerk (考勤考核): sign-ins, time at the window, pauses, served, ratings', async () => {
    const all = data(
      await admin.get<StaffAssessment[]>(`/api/admin/halls/h1/assessment?from=${DAYS[0]}&to=${DAYS.at(-1)}`),
    );
    const li = all.find((a) => a.staffId === 's2');
    const mine = month.tickets.filter((t) => t.staff === 's2' && t.status === 'done');
    expect(li?.total.served).toBe(mine.length);
    expect(li?.total.daysWorked).toBe(DAYS.length);
    expect(li?.days[0]?.sessions).toHaveLength(1);
    const spans = month.spans.filter((s) => s.window === 'w2');
    close(li?.total.onWindowMin ?? null, spans.reduce((a, s) => a + s.to - s.from, 0) / MIN);
    close(
      li?.total.pausedByReason.break ?? null,
      spans.filter((s) => s.state === 'paused').reduce((a, s) => a + s.to - s.from, 0) / MIN,
    );
    expect(li?.total.ratings).toBe(month.tickets.filter((t) => t.staff === 's2' && t.rating !== null).length);
  });

  it('exports every table to xlsx and CSV, read back cell by cell', async () => {
    const assessment = data(
      await admin.get<StaffAssessment[]>(`/api/admin/halls/h1/assessment?from=${DAYS[0]}&to=${DAYS.at(-1)}`),
    );
    const tables = statsTables(stats, assessment);
    const res = await fetch(
      `${hall.url}/api/admin/halls/h1/stats/export?format=xlsx&from=${DAYS[0]}&to=${DAYS.at(-1)}`,
      {
        headers: { cookie: admin.cookie },
      },
    );
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.zh));
    for (const t of tables) {
      const sheet = book.getWorksheet(t.zh);
      expect(sheet?.getRow(1).values).toEqual([undefined, ...t.columns.map((c) => c.zh)]);
      t.rows.forEach((row, i) => {
        const got = row.map((_, j) => sheet?.getRow(i + 2).getCell(j + 1).value ?? null);
        const want = row.map((v, j) =>
          j === 0 && typeof v === 'string' && v.includes('|') ? v.split('|')[1] : v,
        );
        expect(got.map((v) => v ?? null)).toEqual(want.map((v) => v ?? null));
      });
    }
    const csv = await fetch(
      `${hall.url}/api/admin/halls/h1/stats/export?format=csv&table=byMatter&from=${DAYS[0]}&to=${DAYS.at(-1)}`,
      {
        headers: { cookie: admin.cookie },
      },
    );
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A BOM first, so spreadsheet programs read the Chinese as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toBe(toCsv(tables.find((t) => t.key === 'byMatter') ?? (tables[0] as never), 'zh-CN'));
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]?.[0]).toBe('事项');
    expect(lines.slice(1).map((l) => Number(l[1]))).toEqual(stats.byMatter.map((m) => m.issued));
    const noTable = await admin.get(
      '/api/admin/halls/h1/stats/export?format=csv&table=nope&from=2026-11-02&to=2026-11-02',
    );
    expect(noTable.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
