import type { HallClientState } from '@onewindow/client';
import { compareQueueOrder, isEligible, type PauseReason, type Ticket } from '@onewindow/domain';
import type { MatterSummary } from '@onewindow/protocol';
import { Clock, OfflineMarker, QrCode } from '@onewindow/ui';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import type { WindowClientStore } from './store.js';

const CLASS_ZH: Record<Ticket['priorityClass'], string> = {
  appointment: '预约',
  green: '绿色通道',
  normal: '普通',
};
const STATUS_ZH: Record<string, string> = { called: '已呼叫', serving: '办理中' };
const GREEN_ZH: Record<string, string> = {
  elderly: '60 岁以上老年人',
  disabled: '残疾人（核验残疾证）',
  military: '军人（核验军人证件）',
  pregnant: '孕妇',
  other: '其他特殊困难',
};
const WINDOW_STATE_ZH: Record<string, string> = {
  closed: '未开窗',
  open: '空闲',
  serving: '办理中',
  paused: '暂停',
};
const PAUSE_REASONS: { reason: PauseReason; text: string }[] = [
  { reason: 'break', text: '临时休息' },
  { reason: 'backOffice', text: '后台办理' },
  { reason: 'meeting', text: '会议' },
  { reason: 'other', text: '其他' },
];

/** What an action may depend on: the current ticket and the window's state. */
interface ActionContext {
  current: Ticket | undefined;
  paused: boolean;
}

/** The frequent actions, their keys (F-keys, so typing in a form never triggers them) and when they apply. */
const ACTIONS: {
  key: string;
  label: string | ((c: ActionContext) => string);
  id: string | ((c: ActionContext) => string);
  kind?: 'primary' | 'green';
  /** How the shortcut line names it, when the label changes with the state. */
  hint?: string;
  enabled: (c: ActionContext) => boolean;
  run: (w: ReturnType<WindowClientStore['getState']>, c: ActionContext) => void;
}[] = [
  {
    key: 'F1',
    label: '呼叫下一位',
    id: 'call-next',
    kind: 'primary',
    enabled: (c) => c.current === undefined && !c.paused,
    run: (w) => void w.callNext(),
  },
  {
    key: 'F2',
    label: '重呼',
    id: 'recall',
    enabled: (c) => c.current?.status === 'called',
    run: (w) => void w.act('recall'),
  },
  {
    key: 'F3',
    label: '过号',
    id: 'no-show',
    enabled: (c) => c.current?.status === 'called',
    run: (w) => void w.act('noShow'),
  },
  {
    key: 'F4',
    label: '开始办理',
    id: 'start',
    enabled: (c) => c.current?.status === 'called',
    run: (w) => void w.act('start'),
  },
  {
    key: 'F8',
    label: '办结',
    id: 'finish',
    kind: 'green',
    enabled: (c) => c.current !== undefined,
    run: (w) => void w.act('finish'),
  },
  {
    key: 'F6',
    label: '转办',
    id: 'transfer',
    enabled: (c) => c.current !== undefined,
    run: (w) => w.openDialog('transfer'),
  },
  {
    key: 'F7',
    hint: '暂停/恢复',
    label: (c) => (c.paused ? '恢复服务' : '暂停'),
    id: (c) => (c.paused ? 'resume' : 'pause'),
    enabled: () => true,
    run: (w, c) => (c.paused ? void w.resume() : w.openDialog('pause')),
  },
];
const labelOf = (a: (typeof ACTIONS)[number], c: ActionContext) =>
  typeof a.label === 'string' ? a.label : a.label(c);
const idOf = (a: (typeof ACTIONS)[number], c: ActionContext) => (typeof a.id === 'string' ? a.id : a.id(c));

const minutesSince = (at: number, now: number) => Math.max(0, Math.floor((now - at) / 60_000));

export function App({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const windowId = useStore(win, (s) => s.windowId);
  const w = useStore(hall, (s) => s.windows[windowId]);
  const staff = useStore(win, (s) => s.staff);
  const hallName = useStore(hall, (s) => s.hall?.name ?? '');
  if (w === undefined) {
    return (
      <div className="wc-center">
        <p>正在连接大厅服务器…</p>
        <OfflineMarker hall={hall} />
      </div>
    );
  }
  const loggedIn = w.state !== 'closed';
  return (
    <div className="wc">
      <header className="wc-header">
        <div>
          <b>
            {w.number} 号窗口 · {w.name}
          </b>
          <span className="wc-hall">{hallName}</span>
        </div>
        <div className="wc-header-right">
          {loggedIn && (
            <span data-testid="staff">
              {staff?.name ?? w.staffId ?? ''} ·{' '}
              <span data-testid="window-state">{WINDOW_STATE_ZH[w.state]}</span>
            </span>
          )}
          <Clock />
        </div>
      </header>
      {loggedIn ? <Workbench hall={hall} win={win} /> : <Login win={win} />}
      <OfflineMarker hall={hall} />
    </div>
  );
}

function Message({ win }: { win: WindowClientStore }) {
  const message = useStore(win, (s) => s.message);
  if (message === null) return null;
  return (
    <div className={`wc-message ${message.kind}`} data-testid="message" role="alert">
      {message.text}
    </div>
  );
}

function Login({ win }: { win: WindowClientStore }) {
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const busy = useStore(win, (s) => s.busy);
  return (
    <form
      className="wc-login"
      onSubmit={(e) => {
        e.preventDefault();
        void win
          .getState()
          .login(staffId, pin)
          .then(() => setPin(''));
      }}
    >
      <h1>窗口登录</h1>
      <label>
        工号
        <input data-testid="login-staff" value={staffId} onChange={(e) => setStaffId(e.target.value)} />
      </label>
      <label>
        密码（PIN）
        <input
          data-testid="login-pin"
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
      </label>
      <button
        type="submit"
        className="ow-button primary"
        data-testid="login-submit"
        disabled={busy || staffId === ''}
      >
        登录并开窗
      </button>
      <Message win={win} />
      <p className="wc-muted">本窗口的 A 岗人员及其 B 岗备岗人员可以登录。</p>
    </form>
  );
}

function Workbench({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const windowId = useStore(win, (s) => s.windowId);
  const w = useStore(hall, (s) => s.windows[windowId])!;
  const current = useStore(hall, (s) =>
    w.currentTicketId === null ? undefined : s.tickets[w.currentTicketId],
  );
  const dialog = useStore(win, (s) => s.dialog);
  const busy = useStore(win, (s) => s.busy);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = win.getState();
      if (s.dialog !== null || s.busy) return;
      const h = hall.getState();
      const w = h.windows[windowId];
      const c: ActionContext = {
        current: w?.currentTicketId == null ? undefined : h.tickets[w.currentTicketId],
        paused: w?.state === 'paused',
      };
      const action = ACTIONS.find((x) => x.key === e.key);
      if (action === undefined) return;
      e.preventDefault();
      if (action.enabled(c)) action.run(s, c);
    };
    window.addEventListener('keydown', onKey);
    const timer = setInterval(() => void win.getState().refreshFigures(), 60_000);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearInterval(timer);
    };
  }, [win, hall, windowId]);

  const s = win.getState();
  const paused = w.state === 'paused';
  const ctx: ActionContext = { current, paused };
  return (
    <div className="wc-body">
      <section className="wc-main">
        <Message win={win} />
        <CurrentTicket hall={hall} ticket={current} />
        <div className="wc-actions">
          {ACTIONS.map((a) => (
            <button
              key={a.key}
              type="button"
              className={`ow-button ${a.kind ?? ''}`}
              data-testid={idOf(a, ctx)}
              disabled={busy || !a.enabled(ctx)}
              onClick={() => a.run(s, ctx)}
            >
              {labelOf(a, ctx)} <kbd>{a.key}</kbd>
            </button>
          ))}
          <label className="wc-auto">
            <input
              type="checkbox"
              data-testid="auto-call"
              checked={w.autoCall}
              onChange={(e) => void s.setAutoCall(e.target.checked)}
            />
            自动叫号
          </label>
        </div>
        <GuidePanel win={win} hasTicket={current !== undefined} />
        <div className="wc-secondary">
          <button
            type="button"
            className="ow-button quiet"
            data-testid="unresolved"
            onClick={() => s.openDialog('unresolved')}
          >
            办不成事登记
          </button>
          <button
            type="button"
            className="ow-button quiet"
            data-testid="logout"
            disabled={busy || current !== undefined}
            onClick={() => void s.logout()}
          >
            退出并关窗
          </button>
        </div>
        <p className="wc-shortcuts" data-testid="shortcuts">
          快捷键：
          {ACTIONS.map((a) => `${a.key} ${labelOf(a, { current: undefined, paused: false })}`).join('　')}
        </p>
      </section>
      <aside className="wc-side">
        <Figures win={win} />
        <Queue hall={hall} win={win} disabled={busy || current !== undefined || paused} />
      </aside>
      {dialog === 'pause' && <PauseDialog win={win} />}
      {dialog === 'transfer' && <TransferDialog hall={hall} win={win} />}
      {dialog === 'notice' && <NoticeDialog win={win} />}
      {dialog === 'unresolved' && <UnresolvedDialog win={win} />}
    </div>
  );
}

function CurrentTicket({ hall, ticket }: { hall: StoreApi<HallClientState>; ticket: Ticket | undefined }) {
  const matter = useStore(hall, (s) => s.matters.find((m) => m.id === ticket?.matterId));
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (ticket === undefined) {
    return (
      <div className="wc-ticket empty" data-testid="current">
        当前无办理中的号
      </div>
    );
  }
  return (
    <div className="wc-ticket" data-testid="current">
      <div className="wc-ticket-number" data-testid="current-number">
        {ticket.number}
      </div>
      <div>
        <div className="wc-ticket-matter">{matter?.name ?? ticket.matterId}</div>
        <div className="wc-ticket-meta">
          <span className={`badge ${ticket.priorityClass}`}>{CLASS_ZH[ticket.priorityClass]}</span>
          {ticket.greenReason !== null && (
            <span className="badge green">
              绿色通道：{GREEN_ZH[ticket.greenReason] ?? ticket.greenReason}
            </span>
          )}
          {ticket.resident !== null && (
            <span>
              {ticket.resident.nameMasked} {ticket.resident.idMasked}
            </span>
          )}
          <span>{STATUS_ZH[ticket.status] ?? ticket.status}</span>
          <span>等候 {minutesSince(ticket.issuedAt, ticket.calledAt ?? now)} 分钟</span>
          {ticket.recallCount > 0 && <span>已重呼 {ticket.recallCount} 次</span>}
          {ticket.note !== null && <span>备注：{ticket.note}</span>}
        </div>
      </div>
    </div>
  );
}

function GuidePanel({ win, hasTicket }: { win: WindowClientStore; hasTicket: boolean }) {
  const guide = useStore(win, (s) => s.guide);
  const received = useStore(win, (s) => s.received);
  if (!hasTicket || guide === null) return null;
  return (
    <section className="wc-guide" data-testid="guide">
      <h3>{guide.name} · 材料核对</h3>
      <ul>
        {guide.guide.materials.map((m) => (
          <li key={m.name}>
            <label>
              <input
                type="checkbox"
                checked={received[m.name] === true}
                data-testid={`material-${m.name}`}
                onChange={() => win.getState().toggleReceived(m.name)}
              />
              {m.name}
              <span className="wc-muted">
                {' '}
                原件 {m.original} 份 · 复印件 {m.copies} 份{m.note === undefined ? '' : ` · ${m.note}`}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="ow-button"
        data-testid="notice"
        onClick={() => win.getState().openDialog('notice')}
      >
        一次性告知（缺 {guide.guide.materials.filter((m) => received[m.name] !== true).length} 项）
      </button>
    </section>
  );
}

function Figures({ win }: { win: WindowClientStore }) {
  const f = useStore(win, (s) => s.figures);
  return (
    <section className="wc-figures" data-testid="figures">
      <h3>今日本人</h3>
      <dl>
        <dt>办结</dt>
        <dd data-testid="figures-served">{f?.served ?? 0}</dd>
        <dt>平均用时</dt>
        <dd>{f?.averageHandleMin == null ? '—' : `${f.averageHandleMin.toFixed(1)} 分`}</dd>
        <dt>过号</dt>
        <dd>{f?.noShows ?? 0}</dd>
        <dt>评价</dt>
        <dd>
          {f === null || f.ratings.count === 0
            ? '—'
            : `${f.ratings.count} 条 · 均分 ${f.ratings.average?.toFixed(1)}`}
        </dd>
      </dl>
    </section>
  );
}

function Queue({
  hall,
  win,
  disabled,
}: {
  hall: StoreApi<HallClientState>;
  win: WindowClientStore;
  disabled: boolean;
}) {
  const windowId = useStore(win, (s) => s.windowId);
  const w = useStore(hall, (s) => s.windows[windowId]);
  const tickets = useStore(hall, (s) => s.tickets);
  const matters = useStore(hall, (s) => s.matters);
  const byId = useMemo(() => new Map<string, MatterSummary>(matters.map((m) => [m.id, m])), [matters]);
  const now = Date.now();
  const mine =
    w === undefined
      ? []
      : Object.values(tickets)
          .filter((t) => isEligible(w, t, byId))
          .sort((a, b) => compareQueueOrder(a, b, now));
  const perMatter = new Map<string, number>();
  for (const t of mine) perMatter.set(t.matterId, (perMatter.get(t.matterId) ?? 0) + 1);
  return (
    <section className="wc-queue" data-testid="queue">
      <h3>可办理的排队（{mine.length}）</h3>
      <p className="wc-muted">
        {[...perMatter].map(([m, n]) => `${byId.get(m)?.name ?? m} ${n}`).join(' · ') || '暂无等候'}
      </p>
      <ol>
        {mine.slice(0, 30).map((t) => (
          <li key={t.id} data-testid={`queue-${t.number}`}>
            <span className="wc-q-number">{t.number}</span>
            <span className="wc-q-matter">{byId.get(t.matterId)?.name}</span>
            <span className={`badge ${t.priorityClass}`}>{CLASS_ZH[t.priorityClass]}</span>
            <span>{minutesSince(t.issuedAt, now)} 分</span>
            <button
              type="button"
              className="ow-button quiet"
              disabled={disabled}
              onClick={() => void win.getState().call(t.id)}
            >
              呼叫
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Dialog({ title, children, win }: { title: string; children: ReactNode; win: WindowClientStore }) {
  return (
    <div className="wc-dialog" role="dialog" aria-label={title}>
      <div className="wc-dialog-box">
        <h2>{title}</h2>
        {children}
        <Message win={win} />
        <button
          type="button"
          className="ow-button quiet"
          data-testid="dialog-close"
          onClick={() => win.getState().openDialog(null)}
        >
          关闭
        </button>
      </div>
    </div>
  );
}

function PauseDialog({ win }: { win: WindowClientStore }) {
  return (
    <Dialog title="暂停服务" win={win}>
      <div className="wc-choices">
        {PAUSE_REASONS.map((r) => (
          <button
            key={r.reason}
            type="button"
            className="ow-button"
            data-testid={`pause-${r.reason}`}
            onClick={() => void win.getState().pause(r.reason)}
          >
            {r.text}
          </button>
        ))}
      </div>
    </Dialog>
  );
}

function TransferDialog({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const matters = useStore(hall, (s) => s.matters);
  const windows = useStore(hall, (s) => s.windows);
  const windowId = useStore(win, (s) => s.windowId);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  return (
    <Dialog title="转办" win={win}>
      <select data-testid="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">请选择转办去向</option>
        <optgroup label="转到事项队列">
          {matters.map((m) => (
            <option key={m.id} value={`matter:${m.id}`}>
              {m.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="转到窗口">
          {Object.values(windows)
            .filter((w) => w.id !== windowId)
            .map((w) => (
              <option key={w.id} value={`window:${w.id}`}>
                {w.number} 号窗口 · {w.name}
              </option>
            ))}
        </optgroup>
      </select>
      <textarea
        data-testid="transfer-note"
        placeholder="转办说明（选填）"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="button"
        className="ow-button primary"
        data-testid="transfer-submit"
        disabled={target === ''}
        onClick={() => {
          const [kind, id = ''] = target.split(':');
          void win.getState().transfer(kind === 'matter' ? { matterId: id } : { windowId: id }, note);
        }}
      >
        确认转办
      </button>
    </Dialog>
  );
}

function NoticeDialog({ win }: { win: WindowClientStore }) {
  const guide = useStore(win, (s) => s.guide);
  const received = useStore(win, (s) => s.received);
  const notice = useStore(win, (s) => s.notice);
  const missingFromGuide =
    guide?.guide.materials.filter((m) => received[m.name] !== true).map((m) => m.name) ?? [];
  const [extra, setExtra] = useState('');
  const [note, setNote] = useState('');
  const missing = [
    ...missingFromGuide,
    ...extra
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  ];
  if (notice !== null) {
    const url = `${window.location.origin}/n/${notice.id}`;
    return (
      <Dialog title="一次性告知单" win={win}>
        <div className="wc-notice printable" data-testid="notice-issued">
          <h3>一次性告知单 · {notice.ticketNumber}</h3>
          <p>
            {notice.matterName} · {notice.windowName}
          </p>
          <ol>
            {notice.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
          {notice.note !== null && <p>说明：{notice.note}</p>}
          <QrCode text={url} size={200} label="扫码保存告知单" />
          <p className="wc-muted">请群众扫码保存，或打印交给群众</p>
        </div>
        <button
          type="button"
          className="ow-button primary"
          data-testid="notice-print"
          onClick={() => window.print()}
        >
          打印告知单
        </button>
      </Dialog>
    );
  }
  return (
    <Dialog title="一次性告知" win={win}>
      <p>未勾选的材料将列入告知单：</p>
      <ul data-testid="notice-missing">
        {missingFromGuide.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <textarea
        data-testid="notice-extra"
        placeholder="其他缺少的材料，每行一项"
        value={extra}
        onChange={(e) => setExtra(e.target.value)}
      />
      <textarea
        data-testid="notice-note"
        placeholder="说明（选填）"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="button"
        className="ow-button primary"
        data-testid="notice-submit"
        disabled={missing.length === 0}
        onClick={() => void win.getState().issueNotice(missing, note)}
      >
        出具告知单
      </button>
    </Dialog>
  );
}

function UnresolvedDialog({ win }: { win: WindowClientStore }) {
  const [form, setForm] = useState({ request: '', reason: '', contactName: '', contactPhone: '' });
  const field = (key: keyof typeof form, label: string, multiline = false) => {
    const props = {
      id: `unresolved-${key}`,
      'data-testid': `unresolved-${key}`,
      value: form[key],
      onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
    };
    return (
      <div className="wc-field">
        <label htmlFor={props.id}>{label}</label>
        {multiline ? <textarea {...props} /> : <input {...props} />}
      </div>
    );
  };
  return (
    <Dialog title="办不成事登记" win={win}>
      {field('request', '群众诉求', true)}
      {field('reason', '办不成的原因', true)}
      {field('contactName', '联系人（选填）')}
      {field('contactPhone', '联系电话（选填）')}
      <button
        type="button"
        className="ow-button primary"
        data-testid="unresolved-submit"
        disabled={form.request.trim() === '' || form.reason.trim() === ''}
        onClick={() => void win.getState().recordUnresolved(form)}
      >
        登记
      </button>
    </Dialog>
  );
}
