import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  columns,
  encodeStatus,
  fromGb18030,
  gb18030,
  parseStatus,
  type TicketData,
  TicketPrinter,
  ticketBytes,
  wrap,
} from '@onewindow/printer';
import { openPtyPair, SerialLink } from '@onewindow/serial';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../src/index.js';
import { usePtyDevice } from './pty.js';

/** jsqr is CommonJS with a default export: depending on the loader the import is the function or its module. */
type JsQr = typeof import('jsqr').default;
const jsQrImport = jsQRModule as unknown as JsQr | { default: JsQr };
const decodeQr: JsQr = typeof jsQrImport === 'function' ? jsQrImport : jsQrImport.default;

const ticket: TicketData = {
  hallName: '青山县政务服务中心',
  number: 'A012',
  matterName: '社会保障卡申领',
  peopleAhead: 3,
  waitText: '约 10～15 分钟',
  issuedAt: '2026-11-23 09:05',
  windowHint: '1–4 号窗口',
  residentName: '刘*',
  trackUrl: 'http://hall.local:8080/t/3f2a9c1e',
};

describe('ticket layout', () => {
  it('encodes rare name characters in GB18030, which GB2312 cannot', () => {
    for (const name of ['刘䶮', '王喆', '𠀀明']) expect(fromGb18030(gb18030(name))).toBe(name);
  });

  it('counts a Chinese character as two columns and wraps by columns', () => {
    expect(columns('A012 窗口')).toBe(9);
    expect(wrap('一二三四五六七八九十', 8)).toEqual(['一二三四', '五六七八', '九十']);
    expect(wrap('', 8)).toEqual(['']);
  });

  it('round-trips the printer status bytes', () => {
    for (const s of [
      { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false },
      { online: false, coverOpen: true, paperEnd: true, paperNearEnd: true },
    ]) {
      const b = encodeStatus(s);
      expect(parseStatus(b.printer, b.offline, b.paper)).toEqual(s);
    }
  });

  it('switches to Chinese mode and fits 58 mm lines into 32 columns', async () => {
    const bytes = await ticketBytes(ticket, 58);
    expect(Buffer.from(bytes).includes(Buffer.from([0x1c, 0x26]))).toBe(true);
    expect(Buffer.from(bytes).includes(Buffer.from('http://hall.local:8080/t/3f2a9c1e'))).toBe(true);
  });
});

describe('ticket printer over a real PTY', () => {
  const pty = usePtyDevice('printer', (path) => VirtualPrinter.open(path));

  for (const width of [58, 80] as const) {
    it(`prints a ${width} mm ticket that decodes back to its text, QR code and cut`, async () => {
      const printer = new TicketPrinter(pty.host, width);
      expect(await printer.printTicket({ ...ticket, residentName: '刘䶮' })).toEqual({ warnings: [] });
      const [doc] = await pty.device.waitForDocuments(1);
      expect(doc?.cut).toBe(true);
      expect(doc?.qr).toEqual(['http://hall.local:8080/t/3f2a9c1e']);
      const lines = doc?.lines ?? [];
      expect(lines).toContain('青山县政务服务中心');
      expect(lines).toContain('A012');
      expect(lines).toContain('社会保障卡申领');
      expect(lines.some((l) => l.startsWith('前面等候') && l.endsWith('3 人'))).toBe(true);
      // 12 minutes estimated is told as a rounded range, never as a precise minute.
      expect(lines.some((l) => l.startsWith('预计等候') && l.endsWith('约 10～15 分钟'))).toBe(true);
      expect(lines.some((l) => l.startsWith('姓名') && l.endsWith('刘䶮'))).toBe(true);
      expect(lines).toContain('过号请重新取号，请留意叫号');
      for (const l of lines) expect(columns(l)).toBeLessThanOrEqual(width === 58 ? 32 : 48);
    });
  }

  it('refuses to print on paper end, cover open or offline, and warns on paper near end', async () => {
    const printer = new TicketPrinter(pty.host, 80);
    pty.device.status = { ...pty.device.status, paperEnd: true };
    await expect(printer.printTicket(ticket)).rejects.toMatchObject({ code: 'paperEnd' });
    pty.device.status = { online: true, coverOpen: true, paperEnd: false, paperNearEnd: false };
    await expect(printer.printTicket(ticket)).rejects.toMatchObject({ code: 'coverOpen' });
    pty.device.status = { online: false, coverOpen: false, paperEnd: false, paperNearEnd: false };
    await expect(printer.printTicket(ticket)).rejects.toMatchObject({ code: 'offline' });
    await new Promise((r) => setTimeout(r, 100));
    expect(pty.device.documents).toEqual([]);
    expect(pty.device.unfinished.lines).toEqual([]); // nothing printed after a refusal
    pty.device.status = { online: true, coverOpen: false, paperEnd: false, paperNearEnd: true };
    expect(await printer.printTicket(ticket)).toEqual({ warnings: ['paperNearEnd'] });
    await pty.device.waitForDocuments(1);
  });

  it('stops a batch at paper end: nothing after the refusal is printed', async () => {
    const printer = new TicketPrinter(pty.host, 58);
    await printer.printTicket({ ...ticket, number: 'A001' });
    await printer.printTicket({ ...ticket, number: 'A002' });
    pty.device.status = { ...pty.device.status, paperEnd: true };
    await expect(printer.printTicket({ ...ticket, number: 'A003' })).rejects.toMatchObject({
      code: 'paperEnd',
    });
    const docs = await pty.device.waitForDocuments(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(pty.device.documents.map((d) => d.lines.find((l) => /^A\d{3}$/.test(l)))).toEqual([
      'A001',
      'A002',
    ]);
    expect(docs).toHaveLength(2);
  });

  it('draws a PNG preview of each ticket whose QR code scans back to the tracking URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-preview-'));
    const pair = await openPtyPair(join(dir, 'p'), join(dir, 'h'));
    const device = await VirtualPrinter.open(pair.a, { previewDir: dir, paperWidth: 58 });
    const host = await SerialLink.open({ path: pair.b, reconnect: false });
    try {
      await new TicketPrinter(host, 58).printTicket(ticket);
      await device.waitForDocuments(1);
      expect(device.previewErrors).toEqual([]);
      const png = PNG.sync.read(readFileSync(device.previews[0]!));
      expect(png.width).toBe(384); // 58 mm at 203 dpi
      const qr = decodeQr(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(qr?.data).toBe(ticket.trackUrl);
      const dark = png.data.filter((v, i) => i % 4 === 0 && v === 0).length;
      expect(dark).toBeGreaterThan(5_000); // text and code were drawn, not just the QR quiet zone
    } finally {
      await host.close();
      await device.close();
      await pair.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the one-time notice of missing materials', async () => {
    const printer = new TicketPrinter(pty.host, 80);
    await printer.printNotice({
      hallName: '青山县政务服务中心',
      matterName: '最低生活保障申请',
      ticketNumber: 'A015',
      windowName: '4 号窗口',
      missing: ['户口簿复印件 1 份', '家庭经济状况核对授权书（全体家庭成员签字）'],
      issuedAt: '2026-11-23 10:20',
    });
    const [doc] = await pty.device.waitForDocuments(1);
    expect(doc?.lines).toContain('一次性告知单');
    expect(doc?.lines).toContain('1. 户口簿复印件 1 份');
    expect(doc?.lines.join('')).toContain('家庭经济状况核对授权书（全体家庭成员签字）');
  });

  it('reports a printer that does not answer its status query', async () => {
    await pty.device.close();
    const printer = new TicketPrinter(pty.host, 80, 150);
    await expect(printer.status()).rejects.toMatchObject({ code: 'timeout' });
  });
});
