import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualPrinter } from '@onewindow/hw-sim';
import { openPtyPair, type PtyPair } from '@onewindow/serial';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY, KIOSK, okData, testConfig, useHalls, windowToken } from './helpers.js';

const halls = useHalls();
let dir = '';
let pair: PtyPair;
let printer: VirtualPrinter;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-window-printer-'));
  pair = await openPtyPair(join(dir, 'printer'), join(dir, 'host'));
  printer = await VirtualPrinter.open(pair.a);
});
afterEach(async () => {
  await printer.close();
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The test hall with a printer at w1, a phone number and a 咨询导办 desk. */
function printingConfig() {
  const config = testConfig();
  const h = config.halls[0];
  if (h === undefined) throw new Error('no hall');
  h.hall.phone = '0551-1234 5678';
  h.windows = h.windows.map((w) =>
    w.id === 'w1' ? { ...w, printer: { port: pair.b, baudRate: 9600, paperWidth: 80 } } : w,
  );
  h.windows.push({
    id: 'w9',
    number: '9',
    name: '咨询导办台',
    type: 'consult',
    primary: { all: true },
    secondary: {},
  });
  h.staff = h.staff.map((s) => (s.id === 's1' ? { ...s, staffNo: 'QS0001' } : s));
  return config;
}

describe('printing at a window', () => {
  it('reprints a ticket (补打号票) with its class mark and a QR code of its phone page', async () => {
    const hall = await halls.start({ config: printingConfig() });
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    okData(await kiosk.issueTicket({ matterId: 'm-tax' }));
    const t = okData(await kiosk.issueTicket({ matterId: 'm-social', green: { reason: 'elderly' } })).ticket;
    okData(
      await win.command('window:print', { windowId: 'w1', document: { kind: 'ticket', ticketId: t.id } }),
    );
    const [doc] = await printer.waitForDocuments(1);
    expect(doc?.lines).toContain(t.number);
    expect(doc?.lines.join('\n')).toContain('绿色通道');
    expect(doc?.lines.join('\n')).toContain('补打号票');
    expect(doc?.qr).toEqual([`${hall.url.replace('127.0.0.1', 'localhost')}/t/${encodeURIComponent(t.id)}`]);
  });

  it('prints the formal 一次性告知单: hall, clerk and number, time, everything missing, phone', async () => {
    const hall = await halls.start({ config: printingConfig() });
    const kiosk = await hall.connect(KIOSK);
    const win = await hall.connect(windowToken('w1'));
    okData(await win.command('window:open', { windowId: 'w1', staffId: 's1' }));
    okData(await kiosk.issueTicket({ matterId: 'm-social' }));
    const called = okData(await win.callNext('w1')).ticket;
    const { notice } = okData(
      await win.command('notice:issue', {
        windowId: 'w1',
        ticketId: called.id,
        missing: ['户口簿首页及本人页', '近期免冠照片'],
      }),
    );
    expect(notice).toMatchObject({ staffName: '王丽', staffNo: 'QS0001' });
    okData(
      await win.command('window:print', {
        windowId: 'w1',
        document: { kind: 'notice', noticeId: notice.id },
      }),
    );
    const [doc] = await printer.waitForDocuments(1);
    const text = doc?.lines.join('\n') ?? '';
    for (const part of [
      '测试政务服务中心',
      '一次性告知单',
      called.number,
      '王丽（QS0001）',
      '2026-11-23 09:00',
      '1. 户口簿首页及本人页',
      '2. 近期免冠照片',
      '0551-1234 5678',
    ])
      expect(text).toContain(part);
  });

  it('says NO_PRINTER at a window without one, PRINT_FAILED with the problem, and never prints another window’s notice', async () => {
    const hall = await halls.start({ config: printingConfig() });
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    const w2 = await hall.connect(windowToken('w2'));
    const t = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    expect(
      await w2.command('window:print', { windowId: 'w2', document: { kind: 'ticket', ticketId: t.id } }),
    ).toMatchObject({ ok: false, error: { code: 'NO_PRINTER' } });
    printer.status = { ...printer.status, paperEnd: true };
    expect(
      await w1.command('window:print', { windowId: 'w1', document: { kind: 'ticket', ticketId: t.id } }),
    ).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', details: { problem: 'paperEnd' } } });
    printer.status = { ...printer.status, paperEnd: false };
    okData(await w2.command('window:open', { windowId: 'w2' }));
    okData(await w2.callNext('w2'));
    const { notice } = okData(
      await w2.command('notice:issue', { windowId: 'w2', ticketId: t.id, missing: ['照片'] }),
    );
    expect(
      await w1.command('window:print', { windowId: 'w1', document: { kind: 'notice', noticeId: notice.id } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await w1.command('window:print', { windowId: 'w2', document: { kind: 'notice', noticeId: notice.id } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(printer.documents).toHaveLength(0);
  });
});

describe('pages for residents and the hall', () => {
  it('tells a transferred resident which window now calls them, and a no-show what to do', async () => {
    const hall = await halls.start({ config: printingConfig() });
    const kiosk = await hall.connect(KIOSK);
    const w1 = await hall.connect(windowToken('w1'));
    const w2 = await hall.connect(windowToken('w2'));
    okData(await w1.command('window:open', { windowId: 'w1' }));
    okData(await w2.command('window:open', { windowId: 'w2' }));
    const a = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    const b = okData(await kiosk.issueTicket({ matterId: 'm-social' })).ticket;
    okData(await w1.callNext('w1'));
    okData(await w1.command('ticket:transfer', { windowId: 'w1', ticketId: a.id, to: { windowId: 'w2' } }));
    okData(await w1.callNext('w1'));
    okData(await w1.command('ticket:noShow', { windowId: 'w1', ticketId: b.id }));
    const page = async (id: string) => (await fetch(`${hall.url}/t/${encodeURIComponent(id)}`)).text();
    const transferred = await page(a.id);
    expect(transferred).toContain('已转到 <b>2 号窗口</b>');
    expect(transferred).toContain('0551-1234 5678');
    const noShow = await page(b.id);
    expect(noShow).toContain('已过号');
    expect(noShow).toContain('请重新取号');
    expect(noShow).toContain('<b>9 号窗口</b>（咨询导办台）');
    const json = (await (
      await fetch(`${hall.url}/api/tickets/${encodeURIComponent(a.id)}`)
    ).json()) as object;
    expect(json).toMatchObject({ status: 'transferred', targetWindow: { number: '2' } });
  });

  it('shows window types and ticket classes in Chinese on the status page', async () => {
    const hall = await halls.start({ config: printingConfig() });
    const kiosk = await hall.connect(KIOSK);
    okData(await kiosk.issueTicket({ matterId: 'm-social', green: { reason: 'pregnant' } }));
    await hall.connect(DISPLAY);
    const html = await (await fetch(`${hall.url}/`)).text();
    expect(html).toContain('无差别综合窗口');
    expect(html).toContain('咨询导办');
    expect(html).toContain('绿色通道');
    for (const code of ['universal', 'dedicated', '>green<', '>normal<']) expect(html).not.toContain(code);
  });
});
