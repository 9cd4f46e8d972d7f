import { SAMPLE_CARDS, type SampleCardName, sampleCard } from '@onewindow/hw-sim';
import { acceptForms } from '@onewindow/server';
import type { FastifyInstance } from 'fastify';
import type { DemoKiosk } from './demo-kiosk.js';

const CARD_LABELS: Record<SampleCardName, string> = {
  resident: `${SAMPLE_CARDS.resident.name}（居民，1990 年生）`,
  elder: `${SAMPLE_CARDS.elder.name}（居民，70 岁）`,
  hkMacaoTaiwan: `${SAMPLE_CARDS.hkMacaoTaiwan.name}（港澳台居民居住证，已过期）`,
  foreignPermanent: `${SAMPLE_CARDS.foreignPermanent.name}（外国人永久居留证）`,
  corrupt: '损坏的卡（校验错误）',
  readFailure: '读卡失败',
  none: '拿走证件',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function page(kiosks: readonly DemoKiosk[]): string {
  const rows = kiosks
    .map((k) => {
      const s = k.printer.status;
      const cards = (Object.keys(CARD_LABELS) as SampleCardName[])
        .map(
          (name) =>
            `<button name="card" value="${name}" formaction="/demo/devices/${k.deviceId}/card">${escapeHtml(CARD_LABELS[name])}</button>`,
        )
        .join(' ');
      return `<section><h2>${escapeHtml(k.deviceId)}</h2>
<form method="post">
<p>身份证读卡器：${cards}</p>
<p>打印机：${s.paperEnd ? '缺纸' : s.online ? '正常' : '离线'}，已打印 ${k.printer.documents.length} 张
<button name="paper" value="end" formaction="/demo/devices/${k.deviceId}/printer">模拟缺纸</button>
<button name="paper" value="ok" formaction="/demo/devices/${k.deviceId}/printer">装纸</button></p>
</form></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>演示设备面板</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}button{font-size:1em;margin:.2em;padding:.4em .8em}section{border:1px solid #ccd;border-radius:8px;padding:0 1em;margin:1em 0}</style>
</head><body><h1>演示设备面板 · Demo devices</h1>
<p>把虚拟身份证放到自助机的读卡器上，或让打印机缺纸。Place a virtual ID card on a kiosk's reader, or run its printer out of paper.</p>
${rows || '<p>Virtual devices are off (socat is not installed).</p>'}
</body></html>`;
}

/** The demo's device panel: forms that place sample cards and empty printers, for people trying the kiosk. */
export function registerDevicePanel(http: FastifyInstance, kiosks: ReadonlyMap<string, DemoKiosk>): void {
  acceptForms(http);
  http.get('/demo/devices', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(page([...kiosks.values()])),
  );
  const kioskOf = (params: unknown) => kiosks.get((params as { kiosk: string }).kiosk);
  http.post('/demo/devices/:kiosk/card', async (req, reply) => {
    const k = kioskOf(req.params);
    const name = (req.body as { card?: string } | undefined)?.card as SampleCardName | undefined;
    if (k === undefined || name === undefined || !(name in CARD_LABELS)) {
      return reply
        .status(400)
        .send({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'unknown kiosk or card' } });
    }
    // A card placed while another lies there must first be taken away, as with a real reader.
    k.reader.remove();
    if (name !== 'none') setTimeout(() => k.reader.place(sampleCard(name)), 400);
    return reply.redirect('/demo/devices', 303);
  });
  http.post('/demo/devices/:kiosk/printer', async (req, reply) => {
    const k = kioskOf(req.params);
    const paper = (req.body as { paper?: string } | undefined)?.paper;
    if (k === undefined || (paper !== 'end' && paper !== 'ok')) {
      return reply
        .status(400)
        .send({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'unknown kiosk or state' } });
    }
    k.printer.status = { ...k.printer.status, paperEnd: paper === 'end' };
    return reply.redirect('/demo/devices', 303);
  });
}
