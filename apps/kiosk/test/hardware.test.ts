import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleCard, VirtualIdCardReader, VirtualPrinter } from '@onewindow/hw-sim';
import type { CardEvent, PrintJob } from '@onewindow/protocol';
import { openPtyPair, type PtyPair } from '@onewindow/serial';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskHardware } from '../src/device/hardware.js';

let dir: string;
let pairs: PtyPair[];
let printer: VirtualPrinter;
let reader: VirtualIdCardReader;
let hw: KioskHardware;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-kiosk-hw-'));
  const p = await openPtyPair(join(dir, 'printer.device'), join(dir, 'printer'));
  const r = await openPtyPair(join(dir, 'idcard.device'), join(dir, 'idcard'));
  pairs = [p, r];
  printer = await VirtualPrinter.open(p.a);
  reader = await VirtualIdCardReader.open(r.a);
  hw = await KioskHardware.open({
    printer: { path: p.b, baudRate: 9600, paperWidth: 80 },
    idCardReader: { path: r.b, baudRate: 115200, pollMs: 50 },
  });
});
afterEach(async () => {
  await hw.close();
  await printer.close();
  await reader.close();
  for (const p of pairs) await p.close();
  rmSync(dir, { recursive: true, force: true });
});

const job: PrintJob = {
  kind: 'ticket',
  ticket: {
    hallName: '青山县政务服务中心',
    number: 'A007',
    matterName: '社会保障卡申领',
    peopleAhead: 3,
    waitText: '约 10～15 分钟',
    issuedAt: '2026-11-23 09:05',
    residentName: '王*英',
    trackUrl: 'http://hall/t/abc',
  },
};

describe('KioskHardware over PTYs', () => {
  it('prints a ticket the virtual printer decodes, and reports a ready printer', async () => {
    expect(await hw.printerStatus()).toEqual({
      ready: true,
      problem: null,
      paperNearEnd: false,
      message: 'ok',
    });
    expect(await hw.print(job)).toEqual({ ok: true, warnings: [] });
    const [doc] = await printer.waitForDocuments(1);
    expect(doc?.lines.join('\n')).toContain('A007');
    expect(doc?.lines.join('\n')).toContain('王*英');
    expect(doc?.qr).toEqual(['http://hall/t/abc']);
  });

  it('refuses to print on paper end and says so, printing nothing', async () => {
    printer.status = { ...printer.status, paperEnd: true };
    expect(await hw.print(job)).toMatchObject({ ok: false, error: { code: 'paperEnd' } });
    expect(await hw.printerStatus()).toMatchObject({ ready: false, problem: 'paperEnd' });
    printer.status = { ...printer.status, paperEnd: false, online: false };
    expect(await hw.printerStatus()).toMatchObject({ ready: false, problem: 'offline' });
    expect(printer.documents).toEqual([]);
  });

  it('rejects a malformed job without touching the printer', async () => {
    const bad = { kind: 'ticket', ticket: { ...job.ticket, trackUrl: 'http://hall/t/中文' } };
    expect(await hw.print(bad)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await hw.print({ kind: 'shell', cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(printer.documents).toEqual([]);
  });

  it('reports each card placed once, and failed reads as card errors', async () => {
    const events: CardEvent[] = [];
    hw.onCard((e) => events.push(e));
    hw.start();
    reader.place(sampleCard('elder'));
    const until = async (n: number) => {
      const end = Date.now() + 5_000;
      while (events.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    };
    await until(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'card', card: { name: '王秀英', birthDate: '1956-05-20' } });
    reader.remove(); // the reader re-arms once the card is taken away
    await new Promise((r) => setTimeout(r, 200));
    reader.place(sampleCard('readFailure'));
    await until(2);
    expect(events[1]).toMatchObject({ type: 'cardError' });
  });

  it('answers absent for a kiosk without a printer', async () => {
    const none = new KioskHardware(undefined, undefined);
    expect(await none.print(job)).toMatchObject({ ok: false, error: { code: 'absent' } });
    expect(await none.printerStatus()).toMatchObject({ ready: false, problem: 'absent' });
  });
});
