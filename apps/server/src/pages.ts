import type { Notice, PriorityClass, WindowType } from '@onewindow/domain';
import type { HallSnapshot } from '@onewindow/protocol';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A Shanghai wall-clock time: 2026-11-23 09:05. */
export function shanghaiClock(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const STATE_ZH: Record<string, string> = {
  closed: '未开放',
  open: '空闲',
  paused: '暂停',
  serving: '办理中',
};
export const WINDOW_TYPE_ZH: Record<WindowType, string> = {
  universal: '无差别综合窗口',
  category: '分领域综合窗口',
  dedicated: '专业窗口',
  assist: '帮办代办',
  issuance: '统一出件',
  consult: '咨询导办',
  unresolved: '办不成事反映',
  enterprise: '涉企服务',
  crossRegion: '跨省通办',
  flex: '机动窗口',
};
const CLASS_ZH: Record<PriorityClass, string> = { appointment: '预约', green: '绿色通道', normal: '普通' };

const page = (title: string, body: string, refreshSec?: number): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refreshSec === undefined ? '' : `<meta http-equiv="refresh" content="${refreshSec}">`}<title>${esc(title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Droid Sans Fallback",sans-serif;margin:1.5rem;background:#f5f7fa;color:#1a1a1a;line-height:1.6}
h1{color:#0b5cad;font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.5rem}
table{border-collapse:collapse;background:#fff;min-width:50%}td,th{border:1px solid #ccd;padding:.35rem .7rem;text-align:left}
th{background:#e8ecf3}.num{font-weight:700;font-size:1.1rem}.muted{color:#556}.big{font-size:3.2rem;font-weight:800;color:#0b5cad;letter-spacing:.05em}
.state{font-size:1.3rem;font-weight:700}.alert{background:#fff3cd;border:2px solid #c77c00;border-radius:10px;padding:.8rem 1rem;font-size:1.25rem}
.go{background:#e3f5ea;border:2px solid #1d8a4a;border-radius:10px;padding:.8rem 1rem;font-size:1.4rem;font-weight:700}
.sheet{background:#fff;max-width:40rem;margin:auto;padding:1.5rem 2rem;border:1px solid #ccd}
.sheet h1{text-align:center;color:#1a1a1a;margin-bottom:.2rem}.sheet h2{text-align:center;margin-top:0}
.sheet dl{display:grid;grid-template-columns:6em 1fr;gap:.2rem .5rem}.sheet dt{color:#556}.sheet dd{margin:0}
@media print{body{background:#fff;margin:0}.sheet{border:0}.noprint{display:none}}
</style></head><body>${body}</body></html>`;

/** The plain status page at `/`: every window and waiting ticket, for whoever runs the hall. */
export function statusPage(snapshots: readonly HallSnapshot[]): string {
  const halls = snapshots.map((s) => {
    const matters = new Map(s.matters.map((m) => [m.id, m]));
    const tickets = new Map(s.tickets.map((t) => [t.id, t]));
    const staff = new Map(s.staff.map((p) => [p.id, p]));
    const windows = s.windows
      .map((w) => {
        const t = w.currentTicketId === null ? undefined : tickets.get(w.currentTicketId);
        const clerk = w.staffId === null ? undefined : staff.get(w.staffId);
        return `<tr><td class="num">${esc(w.number)}</td><td>${esc(w.name)}</td><td>${WINDOW_TYPE_ZH[w.type]}</td><td>${
          STATE_ZH[w.state] ?? w.state
        }</td><td>${clerk === undefined ? '' : esc(clerk.name)}</td><td class="num">${t === undefined ? '' : esc(t.number)}</td></tr>`;
      })
      .join('');
    const waiting = s.tickets
      .filter((t) => t.status === 'waiting' || t.status === 'transferred')
      .map(
        (t) =>
          `<tr><td class="num">${esc(t.number)}</td><td>${esc(matters.get(t.matterId)?.name ?? t.matterId)}</td><td>${
            CLASS_ZH[t.priorityClass]
          }</td><td>${shanghaiClock(t.issuedAt).slice(11)}</td></tr>`,
      )
      .join('');
    return `<h1>${esc(s.hall.name)}</h1>
<p class="muted">今日办公时间 ${
      s.openToday.length === 0 ? '休息' : s.openToday.map((i) => `${esc(i.open)}–${esc(i.close)}`).join('、')
    } · 服务日 ${esc(s.serviceDay)} · 等候 ${
      s.stats.totalWaiting
    } 人 · 开放窗口 ${s.stats.windowsOpen} 个 · 事件序号 ${s.seq}</p>
<h2>窗口</h2><table><tr><th>窗口</th><th>名称</th><th>类型</th><th>状态</th><th>工作人员</th><th>当前号</th></tr>${windows}</table>
<h2>等候号票</h2>${
      waiting === ''
        ? '<p class="muted">暂无等候</p>'
        : `<table><tr><th>号码</th><th>事项</th><th>类别</th><th>取号时间</th></tr>${waiting}</table>`
    }`;
  });
  return page('一窗通 · 大厅状态', halls.join('<hr>'), 5);
}

export interface PublicWindow {
  number: string;
  name: string;
}

export interface PublicTicketStatus {
  number: string;
  hallName: string;
  hallPhone: string | null;
  matterName: string;
  status: string;
  window: PublicWindow | null;
  /** Set while a transferred ticket waits for one window only. */
  targetWindow: PublicWindow | null;
  /** The 咨询导办 desk residents are sent to with questions, if the hall has one. */
  consultWindow: PublicWindow | null;
  position: { peopleAhead: number; estimatedWaitMin: number | null } | null;
}

const windowText = (w: PublicWindow) => `<b>${esc(w.number)} 号窗口</b>（${esc(w.name)}）`;

/** What the ticket's state means for the resident, and what to do now. */
function ticketGuidance(s: PublicTicketStatus): string {
  const ask = s.consultWindow === null ? '请咨询大厅工作人员' : `请到 ${windowText(s.consultWindow)}咨询`;
  const wait =
    s.position === null
      ? ''
      : `<p>前面还有 <b>${s.position.peopleAhead}</b> 人${
          s.position.estimatedWaitMin === null
            ? '，目前暂无窗口受理，窗口开放后按顺序叫号'
            : `，预计等候约 <b>${s.position.estimatedWaitMin}</b> 分钟`
        }</p>`;
  switch (s.status) {
    case 'waiting':
      return `<p class="state">等候叫号</p>${wait}`;
    case 'transferred':
      return `<p class="state">已转办，等候叫号</p>${
        s.targetWindow === null
          ? `<p>您的号码已转到“${esc(s.matterName)}”的队列，号码不变，按原取号时间排队。</p>`
          : `<p>您的号码已转到 ${windowText(s.targetWindow)}，号码不变，请留意该窗口叫号。</p>`
      }${wait}`;
    case 'called':
      return `<p class="go">请到 ${s.window === null ? '窗口' : windowText(s.window)}办理</p>`;
    case 'serving':
      return `<p class="state">正在办理</p>${s.window === null ? '' : `<p>${windowText(s.window)}</p>`}`;
    case 'done':
      return '<p class="state">已办结</p><p>感谢您的耐心，欢迎对本次服务作出评价。</p>';
    case 'noShow':
      return `<div class="alert">您的号码已过号。如仍需办理，请重新取号；如有特殊情况，${ask}。</div>`;
    case 'cancelled':
      return `<div class="alert">此号码已取消。如仍需办理，请重新取号，${ask}。</div>`;
    default:
      return `<div class="alert">此号码已失效（当日已停止办理）。请在办公时间重新取号，${ask}。</div>`;
  }
}

/** What a resident's phone shows after scanning the ticket's QR code. */
export function ticketPage(s: PublicTicketStatus): string {
  const phone = s.hallPhone === null ? '' : ` · 咨询电话 ${esc(s.hallPhone)}`;
  return page(
    `${s.number} · ${s.hallName}`,
    `<h1>${esc(s.hallName)}</h1><div class="big">${esc(s.number)}</div><p>${esc(s.matterName)}</p>${ticketGuidance(
      s,
    )}<p class="muted">本页每 15 秒自动刷新${phone}</p>`,
    15,
  );
}

/** 一次性告知单 as an official notice: hall, date, clerk, ticket, everything missing, whom to call. */
export function noticePage(n: Notice, hall: { name: string; phone?: string | undefined }): string {
  const items = n.missing.map((m) => `<li>${esc(m)}</li>`).join('');
  const clerk =
    n.staffName === null
      ? ''
      : `${esc(n.staffName)}${n.staffNo === null ? '' : `（工号 ${esc(n.staffNo)}）`}`;
  return page(
    `一次性告知单 · ${n.ticketNumber}`,
    `<div class="sheet"><h1>${esc(hall.name)}</h1><h2>一次性告知单</h2>
<dl><dt>办理事项</dt><dd><b>${esc(n.matterName)}</b></dd><dt>号码</dt><dd>${esc(n.ticketNumber)}</dd>
<dt>受理窗口</dt><dd>${esc(n.windowName)}</dd>${clerk === '' ? '' : `<dt>经办人</dt><dd>${clerk}</dd>`}
<dt>告知时间</dt><dd>${esc(shanghaiClock(n.at))}</dd></dl>
<p>您申请办理的事项还需补齐以下材料：</p><ol>${items}</ol>${
      n.note === null ? '' : `<p>说明：${esc(n.note)}</p>`
    }<p>以上为办理本事项尚需的全部材料，补齐后即可到窗口办理，无需重新咨询。</p>${
      hall.phone === undefined ? '' : `<p>咨询电话：${esc(hall.phone)}</p>`
    }</div>`,
  );
}
