import type { HallClientState } from '@onewindow/client';
import type { PauseReason, Ticket } from '@onewindow/domain';
import { localized } from '@onewindow/ui';
import { type ReactNode, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { Message, useT } from './i18n.js';
import type { WindowClientStore } from './store.js';

/**
 * A dialog whose title and close button stay in view and whose actions stay at the bottom however
 * long the content (a 1366×768 screen scrolls only the middle).
 */
export function Dialog({
  title,
  children,
  actions,
  win,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  win: WindowClientStore;
  testId?: string;
}) {
  const t = useT(win);
  return (
    <div className="wc-dialog" role="dialog" aria-label={title} data-testid={testId}>
      <div className="wc-dialog-box">
        <header className="wc-dialog-head">
          <h2>{title}</h2>
          <button
            type="button"
            className="wc-dialog-x"
            aria-label={t('close')}
            data-testid="dialog-x"
            onClick={() => win.getState().openDialog(null)}
          >
            ✕
          </button>
        </header>
        <div className="wc-dialog-body">
          {children}
          <Message win={win} />
        </div>
        <footer className="wc-dialog-foot">
          {actions}
          <button
            type="button"
            className="ow-button quiet"
            data-testid="dialog-close"
            onClick={() => win.getState().openDialog(null)}
          >
            {t('close')}
          </button>
        </footer>
      </div>
    </div>
  );
}

const PAUSE_REASONS: readonly PauseReason[] = ['break', 'backOffice', 'meeting', 'other'];

export function PauseDialog({ win }: { win: WindowClientStore }) {
  const t = useT(win);
  return (
    <Dialog title={t('pauseTitle')} win={win}>
      <div className="wc-choices">
        {PAUSE_REASONS.map((r) => (
          <button
            key={r}
            type="button"
            className="ow-button"
            data-testid={`pause-${r}`}
            onClick={() => void win.getState().pause(r)}
          >
            {t(`pause.${r}`)}
          </button>
        ))}
      </div>
    </Dialog>
  );
}

export function NoShowDialog({
  hall,
  win,
  ticket,
}: {
  hall: StoreApi<HallClientState>;
  win: WindowClientStore;
  ticket: Ticket;
}) {
  const t = useT(win);
  const minutes = useStore(hall, (s) => s.hall?.rules.undoNoShowMin ?? 5);
  const busy = useStore(win, (s) => s.busy);
  return (
    <Dialog
      title={t('confirmNoShowTitle')}
      win={win}
      testId="no-show-dialog"
      actions={
        <button
          type="button"
          className="ow-button primary"
          data-testid="no-show-confirm"
          disabled={busy}
          onClick={() => void win.getState().confirmNoShow()}
        >
          {t('confirmNoShow')} <kbd>F3</kbd>
        </button>
      }
    >
      <p>{t('confirmNoShowText', { number: ticket.number, n: minutes })}</p>
    </Dialog>
  );
}

export function TransferDialog({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const locale = useStore(win, (s) => s.locale);
  const matters = useStore(hall, (s) => s.matters);
  const windows = useStore(hall, (s) => s.windows);
  const windowId = useStore(win, (s) => s.windowId);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const others = Object.values(windows)
    .filter((w) => w.id !== windowId)
    .sort((a, b) => Number(a.number) - Number(b.number) || a.number.localeCompare(b.number));
  return (
    <Dialog
      title={t('transferTitle')}
      win={win}
      actions={
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
          {t('transferSubmit')}
        </button>
      }
    >
      <select data-testid="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('transferChoose')}</option>
        <optgroup label={t('transferToMatter')}>
          {matters.map((m) => (
            <option key={m.id} value={`matter:${m.id}`}>
              {localized(locale, m.name, m.nameEn)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('transferToWindow')}>
          {others.map((w) => (
            // Nobody works at a closed window: a ticket sent there would wait in vain.
            <option key={w.id} value={`window:${w.id}`} disabled={w.state === 'closed'}>
              {t('transferWindow', { number: w.number, name: w.name, state: t(`state.${w.state}`) })}
            </option>
          ))}
        </optgroup>
      </select>
      <textarea
        data-testid="transfer-note"
        placeholder={t('transferNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Dialog>
  );
}

export function UnresolvedDialog({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const parent = useStore(hall, (s) => s.hall?.parentId);
  const [forward, setForward] = useState(false);
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
    <Dialog
      title={t('unresolvedTitle')}
      win={win}
      actions={
        <button
          type="button"
          className="ow-button primary"
          data-testid="unresolved-submit"
          disabled={form.request.trim() === '' || form.reason.trim() === ''}
          onClick={() => void win.getState().recordUnresolved({ ...form, forward })}
        >
          {t('unresolvedSubmit')}
        </button>
      }
    >
      {field('request', t('unresolvedRequest'), true)}
      {field('reason', t('unresolvedReason'), true)}
      {field('contactName', t('unresolvedName'))}
      {field('contactPhone', t('unresolvedPhone'))}
      {parent !== undefined && (
        <label className="wc-auto">
          <input
            type="checkbox"
            data-testid="unresolved-forward"
            checked={forward}
            onChange={(e) => setForward(e.target.checked)}
          />
          {t('unresolvedForward', { hall: parent })}
        </label>
      )}
    </Dialog>
  );
}

/** 村级代办: the clerk takes a number for the resident at the counter (a station without a kiosk). */
export function OnBehalfDialog({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const locale = useStore(win, (s) => s.locale);
  const matters = useStore(hall, (s) => s.matters);
  const [matterId, setMatterId] = useState('');
  return (
    <Dialog
      title={t('onBehalfTitle')}
      win={win}
      actions={
        <button
          type="button"
          className="ow-button primary"
          data-testid="on-behalf-submit"
          disabled={matterId === ''}
          onClick={() => void win.getState().issueOnBehalf(matterId)}
        >
          {t('onBehalfSubmit')}
        </button>
      }
    >
      <label className="wc-field">
        {t('onBehalfMatter')}
        <select data-testid="on-behalf-matter" value={matterId} onChange={(e) => setMatterId(e.target.value)}>
          <option value="" />
          {matters.map((m) => (
            <option key={m.id} value={m.id}>
              {localized(locale, m.name, m.nameEn)}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}
