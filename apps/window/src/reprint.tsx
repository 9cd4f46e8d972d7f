import type { HallClientState } from '@onewindow/client';
import type { Ticket } from '@onewindow/domain';
import { ticketStatusUrl } from '@onewindow/protocol';
import { QrCode, shanghaiDateTime } from '@onewindow/ui';
import { useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { Dialog } from './dialogs.js';
import { useT } from './i18n.js';
import type { MessageKey } from './messages.js';
import type { WindowClientStore } from './store.js';

/** Tickets still in the hall's hands, and how the dialog names their state. */
const REPRINTABLE: Partial<Record<Ticket['status'], MessageKey>> = {
  waiting: 'ticketStatus.waiting',
  transferred: 'ticketStatus.transferred',
  called: 'ticketStatus.called',
  serving: 'ticketStatus.serving',
};
const MARK = { appointment: '预约', green: '绿色通道', normal: null } as const;

/** A ticket as the kiosk prints it, for the browser's printer (补打号票); only shown when printed. */
function TicketSlip({ ticket, matter, hallName }: { ticket: Ticket; matter: string; hallName: string }) {
  const mark = MARK[ticket.priorityClass];
  return (
    <div className="print-only printable ticket-slip" data-testid="ticket-slip">
      <p>{hallName}</p>
      <p className="slip-number">{ticket.number}</p>
      <p>{matter}</p>
      {mark !== null && <p className="slip-mark">{mark}</p>}
      <p>取号时间 {shanghaiDateTime(ticket.issuedAt)}</p>
      <QrCode text={ticketStatusUrl(window.location.origin, ticket.id)} size={160} label="扫码查看排队进度" />
      <p>补打号票 · 请留意叫号屏和语音提示</p>
    </div>
  );
}

/** 补打号票: a resident whose ticket did not print (or got lost) tells the number; it prints again. */
export function ReprintDialog({ hall, win }: { hall: StoreApi<HallClientState>; win: WindowClientStore }) {
  const t = useT(win);
  const [number, setNumber] = useState('');
  const windowId = useStore(win, (s) => s.windowId);
  const hasPrinter = useStore(hall, (s) => s.windows[windowId]?.printer !== undefined);
  const hallName = useStore(hall, (s) => s.hall?.name ?? '');
  const busy = useStore(win, (s) => s.busy);
  const wanted = number.trim().toUpperCase();
  const ticket = useStore(hall, (s) =>
    wanted === ''
      ? undefined
      : Object.values(s.tickets).find((x) => x.number === wanted && REPRINTABLE[x.status] !== undefined),
  );
  const matter = useStore(hall, (s) => s.matters.find((m) => m.id === ticket?.matterId)?.name ?? '');
  return (
    <Dialog
      title={t('reprintTitle')}
      win={win}
      testId="reprint-dialog"
      actions={
        ticket !== undefined && (
          <>
            {hasPrinter && (
              <button
                type="button"
                className="ow-button primary"
                data-testid="reprint-printer"
                disabled={busy}
                onClick={() => void win.getState().print({ kind: 'ticket', ticketId: ticket.id })}
              >
                {t('printOnPrinter')}
              </button>
            )}
            <button
              type="button"
              className={`ow-button ${hasPrinter ? '' : 'primary'}`}
              data-testid="reprint-browser"
              onClick={() => window.print()}
            >
              {t('printInBrowser')}
            </button>
          </>
        )
      }
    >
      <input
        data-testid="reprint-number"
        placeholder={t('reprintPrompt')}
        value={number}
        maxLength={8}
        onChange={(e) => setNumber(e.target.value)}
      />
      {wanted !== '' &&
        (ticket === undefined ? (
          <p className="wc-muted" data-testid="reprint-none">
            {t('reprintNotFound')}
          </p>
        ) : (
          <p data-testid="reprint-found">
            {t('reprintFound', {
              number: ticket.number,
              matter,
              status: t(REPRINTABLE[ticket.status] ?? 'ticketStatus.waiting'),
            })}
          </p>
        ))}
      <p className="wc-muted">{t('reprintHint')}</p>
      {ticket !== undefined && <TicketSlip ticket={ticket} matter={matter} hallName={hallName} />}
    </Dialog>
  );
}
