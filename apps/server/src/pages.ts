import type { Notice } from '@onewindow/domain';
import type { HallSnapshot } from '@onewindow/protocol';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STATE_ZH: Record<string, string> = {
  closed: '未开放',
  open: '空闲',
  paused: '暂停',
  serving: '办理中',
};
const STATUS_ZH: Record<string, string> = {
  waiting: '等候中',
  transferred: '已转办，等候中',
  called: '已叫号，请前往窗口',
  serving: '办理中',
  done: '已办结',
  noShow: '已过号',
  cancelled: '已取消',
  expired: '已失效',
};

const page = (title: string, body: string, refreshSec?: number): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refreshSec === undefined ? '' : `<meta http-equiv="refresh" content="${refreshSec}">`}<title>${esc(title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;background:#f5f7fa;color:#1a1a1a}
h1{color:#b71c1c;font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.5rem}
table{border-collapse:collapse;background:#fff;min-width:50%}td,th{border:1px solid #ccd;padding:.35rem .7rem;text-align:left}
th{background:#e8ecf3}.num{font-weight:700;font-size:1.1rem}.muted{color:#667}.big{font-size:3rem;font-weight:800;color:#b71c1c}
</style></head><body>${body}</body></html>`;

/** The plain status page the demo shows at `/` until the real screens exist. */
export function statusPage(snapshots: readonly HallSnapshot[]): string {
  const halls = snapshots.map((s) => {
    const matters = new Map(s.matters.map((m) => [m.id, m]));
    const tickets = new Map(s.tickets.map((t) => [t.id, t]));
    const windows = s.windows
      .map((w) => {
        const t = w.currentTicketId === null ? undefined : tickets.get(w.currentTicketId);
        return `<tr><td class="num">${esc(w.number)}</td><td>${esc(w.name)}</td><td>${esc(w.type)}</td><td>${
          STATE_ZH[w.state] ?? w.state
        }</td><td class="num">${t === undefined ? '' : esc(t.number)}</td></tr>`;
      })
      .join('');
    const waiting = s.tickets
      .filter((t) => t.status === 'waiting' || t.status === 'transferred')
      .map(
        (t) =>
          `<tr><td class="num">${esc(t.number)}</td><td>${esc(matters.get(t.matterId)?.name ?? t.matterId)}</td><td>${esc(
            t.priorityClass,
          )}</td><td>${new Date(t.issuedAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td></tr>`,
      )
      .join('');
    return `<h1>${esc(s.hall.name)}</h1>
<p class="muted">营业时间 ${esc(s.hall.hours.open)}–${esc(s.hall.hours.close)} · 服务日 ${esc(s.serviceDay)} · 等候 ${
      s.stats.totalWaiting
    } 人 · 开放窗口 ${s.stats.windowsOpen} 个 · 事件序号 ${s.seq}</p>
<h2>窗口 Windows</h2><table><tr><th>窗口</th><th>名称</th><th>类型</th><th>状态</th><th>当前号</th></tr>${windows}</table>
<h2>等候号票 Waiting tickets</h2>${
      waiting === ''
        ? '<p class="muted">暂无等候</p>'
        : `<table><tr><th>号码</th><th>事项</th><th>类别</th><th>取号时间</th></tr>${waiting}</table>`
    }`;
  });
  return page('一窗通 OneWindow', halls.join('<hr>'), 5);
}

export interface PublicTicketStatus {
  number: string;
  hallName: string;
  matterName: string;
  status: string;
  window: { number: string; name: string } | null;
  position: { peopleAhead: number; estimatedWaitMin: number | null } | null;
}

/** What a resident's phone shows after scanning the ticket's QR code. */
export function ticketPage(s: PublicTicketStatus): string {
  const wait =
    s.position === null
      ? ''
      : `<p>前面还有 <b>${s.position.peopleAhead}</b> 人${
          s.position.estimatedWaitMin === null
            ? ''
            : `，预计等候约 <b>${s.position.estimatedWaitMin}</b> 分钟`
        }</p>`;
  const window =
    s.window === null || s.status !== 'called'
      ? ''
      : `<p>请到 <b>${esc(s.window.number)} 号窗口</b>（${esc(s.window.name)}）办理</p>`;
  return page(
    `${s.number} · ${s.hallName}`,
    `<h1>${esc(s.hallName)}</h1><div class="big">${esc(s.number)}</div><p>${esc(s.matterName)}</p><p>${
      STATUS_ZH[s.status] ?? esc(s.status)
    }</p>${wait}${window}<p class="muted">本页每 15 秒自动刷新</p>`,
    15,
  );
}

/** 一次性告知单 on the resident's phone: what to bring next time, all in one list. */
export function noticePage(n: Notice, hallName: string): string {
  const items = n.missing.map((m) => `<li>${esc(m)}</li>`).join('');
  return page(
    `一次性告知单 · ${n.ticketNumber}`,
    `<h1>${esc(hallName)}</h1><h2>一次性告知单</h2>
<p>事项：<b>${esc(n.matterName)}</b><br>号码：${esc(n.ticketNumber)} · ${esc(n.windowName)}<br>时间：${esc(
      shanghaiClockDate(n.at),
    )}</p>
<p>办理此事项还需补齐以下材料，备齐后可直接到窗口办理：</p><ol>${items}</ol>${
      n.note === null ? '' : `<p>说明：${esc(n.note)}</p>`
    }<p class="muted">本告知单一次性告知所需全部材料。</p>`,
  );
}

function shanghaiClockDate(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
