import type { HallClient } from '@onewindow/client';
import type { PriorityClass, Window } from '@onewindow/domain';
import type { AckError } from '@onewindow/protocol';
import { errorText, waitText } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { useT } from '../i18n.js';
import { skillsText } from '../skills.js';
import type { ConsoleStore } from '../store.js';
import { BroadcastForm, SkillsDialog } from './board-actions.js';
import { EstimateTrust } from './estimate-trust.js';

const CLASSES: readonly PriorityClass[] = ['appointment', 'green', 'normal'];
const minutesSince = (at: number, now: number) => Math.max(0, Math.floor((now - at) / 60_000));

/**
 * The hall now: waiting per matter and class against the target, every window with its clerk and
 * state; open or close a window, change what it serves today (动态调整), cancel a ticket, tell every
 * display something.
 */
export function BoardPage({ store, client }: { store: ConsoleStore; client: HallClient }) {
  const t = useT(store);
  const locale = useStore(store, (s) => s.locale);
  const person = useStore(store, (s) => s.person);
  const h = useStore(client.store);
  const [error, setError] = useState<AckError | null>(null);
  const [skillsOf, setSkillsOf] = useState<Window | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 20_000);
    return () => clearInterval(timer);
  }, []);
  const mayAct = h.you?.role === 'admin';
  const send = async (p: Promise<{ ok: boolean; error?: AckError }>) => {
    const ack = await p;
    setError(ack.ok ? null : (ack.error ?? null));
    return ack.ok;
  };
  if (!h.synced) return <p>{t('loading')}</p>;
  const queued = Object.values(h.tickets).filter((x) => x.status === 'waiting' || x.status === 'transferred');
  const windows = Object.values(h.windows).sort(
    (a, b) => Number(a.number) - Number(b.number) || a.number.localeCompare(b.number),
  );
  return (
    <div className="ac-board" data-testid="board">
      {error !== null && (
        <div className="ac-message error" role="alert" data-testid="board-error">
          {errorText(locale, error)}
        </div>
      )}
      <section className="ac-kpis">
        <div data-testid="kpi-waiting">
          <b>{h.stats?.totalWaiting ?? 0}</b> {t('waiting')}
        </div>
        <div>
          <b>{h.stats?.windowsOpen ?? 0}</b> {t('windowsOpen')}
        </div>
        <div>
          <b>{h.stats?.longestWaitMin ?? 0}</b> {t('longestWaitMin')}
        </div>
        <div className="ac-muted">
          {t('openToday')}:{' '}
          {h.openToday.length === 0
            ? t('closedToday')
            : h.openToday.map((i) => `${i.open}–${i.close}`).join('、')}
        </div>
      </section>
      <section>
        <h2>{t('queues')}</h2>
        <table className="ac-table" data-testid="queues">
          <thead>
            <tr>
              <th>{t('matter')}</th>
              {CLASSES.map((c) => (
                <th key={c}>{t(`class.${c}`)}</th>
              ))}
              <th>{t('longestWait')}</th>
              <th>{t('estimate')}</th>
              <th>{t('windowsServing')}</th>
            </tr>
          </thead>
          <tbody>
            {(h.stats?.matters ?? [])
              .filter((m) => m.waiting > 0)
              .map((m) => {
                const matter = h.matters.find((x) => x.id === m.matterId);
                const late = matter !== undefined && m.longestWaitMin > matter.targetWaitMin;
                return (
                  <tr key={m.matterId} className={late ? 'late' : ''} data-testid={`queue-${m.matterId}`}>
                    <td>{matter?.name ?? m.matterId}</td>
                    {CLASSES.map((c) => (
                      <td key={c}>
                        {queued.filter((x) => x.matterId === m.matterId && x.priorityClass === c).length}
                      </td>
                    ))}
                    <td>
                      {m.longestWaitMin} / {matter?.targetWaitMin ?? '—'} {t('min')}
                    </td>
                    <td>
                      {m.estimatedWaitMin === null
                        ? t('noWindow')
                        : waitText(locale, m.estimatedWaitMin, m.range)}
                    </td>
                    <td>{m.windowsServing}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </section>
      <EstimateTrust store={store} client={client} />
      <section>
        <h2>{t('windowsNow')}</h2>
        <table className="ac-table" data-testid="board-windows">
          <TableHead
            labels={[t('window'), t('state'), t('clerk'), t('currentTicket'), t('skillsToday'), '']}
          />
          <tbody>
            {windows.map((w) => (
              <tr key={w.id} data-testid={`board-window-${w.id}`}>
                <td>
                  {w.number} · {w.name}
                </td>
                <td>
                  {t(`state.${w.state}`)}
                  {w.pauseReason !== null && ` (${t(`pause.${w.pauseReason}`)})`}
                </td>
                <td>{w.staffId === null ? '—' : (h.staff[w.staffId]?.name ?? w.staffId)}</td>
                <td>{w.currentTicketId === null ? '—' : (h.tickets[w.currentTicketId]?.number ?? '…')}</td>
                <td>
                  {skillsText(w.primary, h.categories, t)}
                  {w.adjustedDay !== null && <span className="ac-tag">{t('adjusted')}</span>}
                </td>
                <td className="ac-actions">
                  {mayAct && w.state === 'closed' && (
                    <button
                      type="button"
                      className="ac-small"
                      data-testid={`open-${w.id}`}
                      onClick={() => void send(client.command('window:open', { windowId: w.id }))}
                    >
                      {t('openWindow')}
                    </button>
                  )}
                  {mayAct && w.state !== 'closed' && w.currentTicketId === null && (
                    <button
                      type="button"
                      className="ac-small"
                      data-testid={`close-${w.id}`}
                      onClick={() => void send(client.command('window:close', { windowId: w.id }))}
                    >
                      {t('closeWindow')}
                    </button>
                  )}
                  {mayAct && (
                    <button
                      type="button"
                      className="ac-small"
                      data-testid={`skills-${w.id}`}
                      onClick={() => setSkillsOf(w)}
                    >
                      {t('adjustSkills')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {skillsOf !== null && (
        <SkillsDialog
          window={skillsOf}
          store={store}
          client={client}
          onDone={async (primary, secondary) => {
            if (await send(client.command('window:setSkills', { windowId: skillsOf.id, primary, secondary })))
              setSkillsOf(null);
          }}
          onCancel={() => setSkillsOf(null)}
        />
      )}
      <section>
        <h2>{t('waitingTickets')}</h2>
        <table className="ac-table" data-testid="waiting-tickets">
          <tbody>
            {queued
              .sort((a, b) => a.issuedAt - b.issuedAt)
              .slice(0, 50)
              .map((x) => (
                <tr key={x.id} data-testid={`ticket-${x.number}`}>
                  <td>{x.number}</td>
                  <td>{h.matters.find((m) => m.id === x.matterId)?.name ?? x.matterId}</td>
                  <td>{t(`class.${x.priorityClass}`)}</td>
                  <td>
                    {minutesSince(x.issuedAt, now)} {t('min')}
                  </td>
                  <td>
                    {mayAct && (
                      <button
                        type="button"
                        className="ac-small"
                        data-testid={`cancel-${x.number}`}
                        onClick={() => {
                          const reason = window.prompt(t('cancelReason'), t('cancelReasonDefault'));
                          if (reason !== null && reason.trim() !== '')
                            void send(
                              client.command('ticket:cancel', { ticketId: x.id, reason: reason.trim() }),
                            );
                        }}
                      >
                        {t('cancelTicket')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
      {mayAct && <BroadcastForm store={store} client={client} send={send} />}
      {person !== null && h.you?.role === 'auditor' && <p className="ac-muted">{t('readOnly')}</p>}
    </div>
  );
}
