import type { HallClientState } from '@onewindow/client';
import type { Ticket } from '@onewindow/domain';
import { useEffect } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { NoShowDialog, OnBehalfDialog, PauseDialog, TransferDialog, UnresolvedDialog } from './dialogs.js';
import { Message, type T, useT } from './i18n.js';
import type { MessageKey } from './messages.js';
import { NoticeDialog } from './notice.js';
import { CurrentTicket, Figures, GuidePanel, Queue } from './panels.js';
import { ReprintDialog } from './reprint.js';
import type { WindowClientStore } from './store.js';

/** What an action may depend on: the current ticket and the window's state. */
interface ActionContext {
  current: Ticket | undefined;
  paused: boolean;
}

type WinActions = ReturnType<WindowClientStore['getState']>;

/** The frequent actions, their keys (F-keys, so typing in a form never triggers them) and when they apply. */
const ACTIONS: {
  key: string;
  label: MessageKey | ((c: ActionContext) => MessageKey);
  id: string | ((c: ActionContext) => string);
  kind?: 'primary' | 'green';
  /** How the shortcut line names it, when the label changes with the state. */
  hint?: MessageKey;
  enabled: (c: ActionContext) => boolean;
  run: (w: WinActions, c: ActionContext) => void;
}[] = [
  {
    key: 'F1',
    label: 'callNext',
    id: 'call-next',
    kind: 'primary',
    enabled: (c) => c.current === undefined && !c.paused,
    run: (w) => void w.callNext(),
  },
  {
    key: 'F2',
    label: 'recall',
    id: 'recall',
    enabled: (c) => c.current?.status === 'called',
    run: (w) => void w.act('recall'),
  },
  {
    // A no-show cannot be undone by accident: it asks first (F3 again or Enter confirms).
    key: 'F3',
    label: 'noShow',
    id: 'no-show',
    enabled: (c) => c.current?.status === 'called',
    run: (w) => w.openDialog('noShow'),
  },
  {
    key: 'F4',
    label: 'start',
    id: 'start',
    enabled: (c) => c.current?.status === 'called',
    run: (w) => void w.act('start'),
  },
  {
    key: 'F8',
    label: 'finish',
    id: 'finish',
    kind: 'green',
    enabled: (c) => c.current !== undefined,
    run: (w) => void w.act('finish'),
  },
  {
    key: 'F6',
    label: 'transfer',
    id: 'transfer',
    enabled: (c) => c.current !== undefined,
    run: (w) => w.openDialog('transfer'),
  },
  {
    key: 'F7',
    hint: 'pauseResume',
    label: (c) => (c.paused ? 'resume' : 'pause'),
    id: (c) => (c.paused ? 'resume' : 'pause'),
    enabled: () => true,
    run: (w, c) => (c.paused ? void w.resume() : w.openDialog('pause')),
  },
];
const labelOf = (a: (typeof ACTIONS)[number], c: ActionContext) =>
  typeof a.label === 'string' ? a.label : a.label(c);
const idOf = (a: (typeof ACTIONS)[number], c: ActionContext) => (typeof a.id === 'string' ? a.id : a.id(c));

function contextOf(hall: HallClientState, windowId: string): ActionContext {
  const w = hall.windows[windowId];
  return {
    current: w?.currentTicketId == null ? undefined : hall.tickets[w.currentTicketId],
    paused: w?.state === 'paused',
  };
}

export function Workbench({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const windowId = useStore(win, (s) => s.windowId);
  const w = useStore(hall, (s) => s.windows[windowId]);
  const current = useStore(hall, (s) =>
    w?.currentTicketId == null ? undefined : s.tickets[w.currentTicketId],
  );
  const dialog = useStore(win, (s) => s.dialog);
  const busy = useStore(win, (s) => s.busy);

  useEffect(() => {
    // A key pressed while the last command is still under way (F8 then F1 at once) is kept and run
    // when it is done, if it still applies; only the latest such key is kept.
    let pending: string | null = null;
    const handle = (key: string): boolean => {
      const s = win.getState();
      if (s.dialog === 'noShow' && (key === 'F3' || key === 'Enter')) {
        void s.confirmNoShow();
        return true;
      }
      if (s.dialog !== null) {
        if (key === 'Escape') s.openDialog(null);
        return false;
      }
      const action = ACTIONS.find((x) => x.key === key);
      if (action === undefined) return false;
      const c = contextOf(hall.getState(), windowId);
      if (action.enabled(c)) action.run(s, c);
      return true;
    };
    const onKey = (e: KeyboardEvent) => {
      const ours = ACTIONS.some((x) => x.key === e.key) || e.key === 'Escape' || e.key === 'Enter';
      if (!ours) return;
      if (e.key !== 'Enter' || win.getState().dialog === 'noShow') e.preventDefault();
      if (win.getState().busy) pending = e.key;
      else handle(e.key);
    };
    const unsubscribe = win.subscribe((s, before) => {
      if (before.busy && !s.busy && pending !== null) {
        const key = pending;
        pending = null;
        // After the store settles, so the action sees the hall state the answer brought.
        setTimeout(() => handle(key), 0);
      }
    });
    window.addEventListener('keydown', onKey);
    const figures = setInterval(() => void win.getState().refreshFigures(), 60_000);
    const undo = setInterval(() => win.getState().tick(), 1_000);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKey);
      clearInterval(figures);
      clearInterval(undo);
    };
  }, [win, hall, windowId]);

  if (w === undefined) return null;
  const s = win.getState();
  const ctx: ActionContext = { current, paused: w.state === 'paused' };
  return (
    <div className="wc-body">
      <section className="wc-main">
        <Message win={win} />
        {current === undefined && <UndoBar win={win} t={t} />}
        <CurrentTicket hall={hall} win={win} ticket={current} />
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
              {t(labelOf(a, ctx))} <kbd>{a.key}</kbd>
            </button>
          ))}
          <label className="wc-auto">
            <input
              type="checkbox"
              data-testid="auto-call"
              checked={w.autoCall}
              onChange={(e) => void s.setAutoCall(e.target.checked)}
            />
            {t('autoCall')}
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
            {t('unresolved')}
          </button>
          <button
            type="button"
            className="ow-button quiet"
            data-testid="on-behalf"
            disabled={busy}
            onClick={() => s.openDialog('onBehalf')}
          >
            {t('onBehalf')}
          </button>
          <button
            type="button"
            className="ow-button quiet"
            data-testid="reprint"
            onClick={() => s.openDialog('reprint')}
          >
            {t('reprint')}
          </button>
          <button
            type="button"
            className="ow-button quiet"
            data-testid="logout"
            disabled={busy || current !== undefined}
            onClick={() => void s.logout()}
          >
            {t('logout')}
          </button>
        </div>
        <p className="wc-shortcuts" data-testid="shortcuts">
          {t('shortcuts')}
          {ACTIONS.map(
            (a) => `${a.key} ${t(a.hint ?? labelOf(a, { current: undefined, paused: false }))}`,
          ).join('　')}
        </p>
      </section>
      <aside className="wc-side">
        <Figures win={win} />
        <Queue hall={hall} win={win} disabled={busy || current !== undefined || w.state === 'paused'} />
      </aside>
      {dialog === 'pause' && <PauseDialog win={win} />}
      {dialog === 'transfer' && <TransferDialog hall={hall} win={win} />}
      {dialog === 'notice' && <NoticeDialog hall={hall} win={win} />}
      {dialog === 'unresolved' && <UnresolvedDialog hall={hall} win={win} />}
      {dialog === 'onBehalf' && <OnBehalfDialog hall={hall} win={win} />}
      {dialog === 'noShow' && current !== undefined && (
        <NoShowDialog hall={hall} win={win} ticket={current} />
      )}
      {dialog === 'reprint' && <ReprintDialog hall={hall} win={win} />}
    </div>
  );
}

/** For a few minutes after a no-show: take it back when the resident turns up after all. */
function UndoBar({ win, t }: { win: WindowClientStore; t: T }) {
  const undo = useStore(win, (s) => s.undo);
  const busy = useStore(win, (s) => s.busy);
  if (undo === null) return null;
  return (
    <div className="wc-undo">
      <button
        type="button"
        className="ow-button"
        data-testid="undo-no-show"
        disabled={busy}
        onClick={() => void win.getState().undoNoShow()}
      >
        ↺ {t('undoNoShow', { number: undo.number })}
      </button>
    </div>
  );
}
