import type { PriorityClass, WindowType } from '@onewindow/domain';
import type { HallSnapshot } from '@onewindow/protocol';
import { PHONE_SCRIPT } from './phone.js';
import { esc, page, shanghaiClock } from './shell.js';

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

/** Waiting tickets listed per hall on the status page (the longest-waiting first). */
export const STATUS_ROWS = 100;

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
    const queued = s.tickets
      .filter((t) => t.status === 'waiting' || t.status === 'transferred')
      .sort((a, b) => a.issuedAt - b.issuedAt);
    // The first ones only: a page of thousands of rows helps nobody and costs every reader.
    const more = Math.max(0, s.stats.totalWaiting - Math.min(queued.length, STATUS_ROWS));
    const waiting = queued
      .slice(0, STATUS_ROWS)
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
        : `<table><tr><th>号码</th><th>事项</th><th>类别</th><th>取号时间</th></tr>${waiting}</table>${
            more === 0 ? '' : `<p class="muted">另有 ${more} 张号票等候</p>`
          }`
    }`;
  });
  // Live without reloading (apps/phone/src/status.ts); without script, a reload now and then.
  return page('一窗通 · 大厅状态', `<main id="status">${halls.join('<hr>')}</main>`, {
    head: `<noscript><meta http-equiv="refresh" content="5"></noscript><script type="module" src="${PHONE_SCRIPT}"></script>`,
  });
}
