import { errorText, printerProblemText, QrCode } from '@onewindow/ui';
import { useStore } from 'zustand';
import type { MessageKey } from './messages.js';
import { Button, estimateText } from './parts.js';
import type { ScreenProps } from './screen-props.js';
import type { Screen } from './store.js';

export function TicketView({
  kiosk,
  hall,
  t,
  screen,
  trackUrl,
}: ScreenProps & { screen: Extract<Screen, { name: 'ticket' }> }) {
  const locale = useStore(kiosk, (s) => s.locale);
  // Where a resident without a phone gets the ticket printed again: the 咨询导办 desk.
  const desk = useStore(hall, (s) => Object.values(s.windows).find((w) => w.type === 'consult'));
  const { issued, print } = screen;
  const ticket = issued.ticket;
  const url = trackUrl(ticket.id, locale);
  return (
    <div className="ticket" data-testid="ticket" data-print={print.state}>
      <p className="muted">{t('yourNumber')}</p>
      <div className="ticket-number" data-testid="ticket-number">
        {ticket.number}
      </div>
      <div className="ticket-matter">{issued.matterName}</div>
      <div className="ticket-badges">
        {ticket.priorityClass === 'appointment' && <span className="badge">{t('classAppointment')}</span>}
        {ticket.priorityClass === 'green' && (
          <span className="badge green" data-testid="ticket-green">
            {t('classGreen')}
          </span>
        )}
        {ticket.resident !== null && (
          <span className="badge" data-testid="ticket-name">
            {ticket.resident.nameMasked}
          </span>
        )}
      </div>
      <p className="ticket-ahead" data-testid="ticket-ahead">
        {t('peopleAhead', { n: issued.position.peopleAhead })} ·{' '}
        {estimateText(t, locale, issued.position.estimatedWaitMin, issued.position.range)}
      </p>
      <div className={`ticket-qr ${print.state === 'failed' ? 'big' : ''}`}>
        <QrCode text={url} size={print.state === 'failed' ? 380 : 240} label={t('scanToFollow')} />
        <p className="muted">{t('scanToFollow')}</p>
      </div>
      {print.state === 'printing' && <p data-testid="print-state">{t('printing')}</p>}
      {print.state === 'printed' && <p data-testid="print-state">{t('printed')}</p>}
      {print.state === 'failed' && (
        <div className="banner warn" data-testid="print-state">
          <strong>{t('printFailed', { reason: printerProblemText(locale, print.problem) })}</strong>
          <br />
          {t('scanInstead')}
          <p className="go-to" data-testid="print-go-to">
            {desk === undefined
              ? t('paperGoToDesk', { number: ticket.number })
              : t('paperGoTo', { window: desk.number, name: desk.name, number: ticket.number })}
          </p>
        </div>
      )}
      <Button kind="primary" className="wide" onClick={() => kiosk.getState().home()} testId="done">
        {t('done')}
      </Button>
    </div>
  );
}

const NOTICE_TEXT: Record<string, [MessageKey, MessageKey]> = {
  quota: ['quotaTitle', 'quotaText'],
  closed: ['closedTitle', 'closedText'],
  tooEarly: ['tooEarlyTitle', 'tooEarlyText'],
  tooLate: ['tooLateTitle', 'tooLateText'],
  noAppointment: ['noAppointmentTitle', 'noAppointmentText'],
  used: ['usedTitle', 'usedText'],
  cancelled: ['cancelledTitle', 'cancelledText'],
  invalidId: ['invalidIdTitle', 'invalidIdText'],
  error: ['errorTitle', 'errorText'],
};

/** Notices that leave the resident a way on: take a number by matter instead. */
const OFFER_CHOICE = new Set(['noAppointment', 'cancelled', 'invalidId']);

export function Notice({ kiosk, t, screen }: ScreenProps & { screen: Extract<Screen, { name: 'notice' }> }) {
  const locale = useStore(kiosk, (s) => s.locale);
  const [title, text] = NOTICE_TEXT[screen.kind] ?? ['errorTitle', 'errorText'];
  const offer = screen.offerMatterId;
  const code = screen.code;
  return (
    <div className="center notice" data-testid="notice" data-kind={screen.kind}>
      <h2>{t(title)}</h2>
      {code !== null && <p data-testid="notice-reason">{errorText(locale, { code })}</p>}
      {screen.kind === 'closed' ? (
        <p data-testid="closed-hours">
          {screen.vars.hours === ''
            ? t('closedAllDay')
            : `${t('closedText', screen.vars)}${t(screen.vars.opensAt === '' ? 'closedDone' : 'closedLater', screen.vars)}`}
        </p>
      ) : (
        <p>{t(text, screen.vars)}</p>
      )}
      {offer !== null && (
        <Button
          kind="primary"
          className="wide"
          testId="offer-normal"
          onClick={() => void kiosk.getState().takeNumber(offer)}
        >
          {t('normalTicketOffer')}
        </Button>
      )}
      {offer === null && OFFER_CHOICE.has(screen.kind) && (
        <Button
          kind="primary"
          className="wide"
          testId="offer-choose"
          onClick={() => kiosk.getState().go({ name: 'categories' })}
        >
          {t('chooseMatterOffer')}
        </Button>
      )}
    </div>
  );
}
