import type { Appointment } from '@onewindow/domain';
import { shanghaiDateTime } from '@onewindow/ui';
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { Message, useT } from '../i18n.js';
import type { MessageKey } from '../messages.js';
import { beijingToday } from '../report-kit.js';
import type { ConsoleStore } from '../store.js';

interface SentMessage {
  id: string;
  key: string;
  kind: string;
  text: string;
  status: string;
  attempts: number;
  problem: string | null;
  sentAt: number | null;
  createdAt: number;
}

const time = (at: number) => shanghaiDateTime(at).slice(11);

/** 预约管理: the day's bookings and what became of them, 统一出件 notices, and the messages sent. */
export function BookingsPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const hallId = useStore(store, (s) => s.hallId);
  const config = useStore(store, (s) => s.config);
  const [day, setDay] = useState(beijingToday());
  const [list, setList] = useState<Appointment[]>([]);
  const [sent, setSent] = useState<SentMessage[]>([]);
  const windows = config?.config.windows ?? [];
  const [pickupWindow, setPickupWindow] = useState<string>('');
  const matterName = (id: string) => config?.config.matters.find((m) => m.id === id)?.name ?? id;
  const load = useCallback(async () => {
    const r = store.getState().request;
    setList((await r<Appointment[]>('GET', `/appointments?day=${day}`)) ?? []);
    setSent((await r<SentMessage[]>('GET', `/notifications?day=${day}`)) ?? []);
  }, [store, day]);
  useEffect(() => {
    if (hallId !== null) void load();
  }, [hallId, load]);
  const issuance = pickupWindow || (windows.find((w) => w.type === 'issuance') ?? windows[0])?.id || '';
  const pickup = async (id: string) => {
    const done = await store
      .getState()
      .request('POST', `/appointments/${id}/pickup`, { windowId: issuance }, 'bookings.pickupSent');
    if (done !== undefined) await load();
  };
  return (
    <div data-testid="bookings-page">
      <Message store={store} />
      <p className="ac-toolbar">
        <label>
          {t('bookings.day')}{' '}
          <input
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            data-testid="bookings-day"
          />
        </label>{' '}
        <label>
          {t('bookings.pickupAt')}{' '}
          <select
            value={issuance}
            onChange={(e) => setPickupWindow(e.target.value)}
            data-testid="bookings-pickup-window"
          >
            {windows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.number} {w.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <a href={`/book/${hallId ?? ''}/`} target="_blank" rel="noreferrer" data-testid="bookings-public">
          {t('bookings.publicLink')}
        </a>
      </p>
      {list.length === 0 ? (
        <p className="ac-hint">{t('bookings.none')}</p>
      ) : (
        <table className="ac-table" data-testid="bookings">
          <TableHead
            labels={[
              t('bookings.time'),
              t('bookings.matter'),
              t('bookings.resident'),
              t('bookings.phone'),
              t('bookings.code'),
              t('bookings.status'),
              '',
            ]}
          />
          <tbody>
            {list.map((a) => (
              <tr key={a.id} data-testid="booking-row" data-status={a.status} data-code={a.code}>
                <td>
                  {time(a.slotStart)}–{time(a.slotEnd)}
                </td>
                <td>{matterName(a.matterId)}</td>
                <td>{a.resident === null ? '' : `${a.resident.nameMasked} ${a.resident.idMasked}`}</td>
                <td>{a.phoneMasked ?? ''}</td>
                <td>{a.code}</td>
                <td>{t(`bookings.status.${a.status}` as MessageKey)}</td>
                <td>
                  {a.status === 'checkedIn' && a.phoneMasked !== null && (
                    <button type="button" onClick={() => void pickup(a.id)} data-testid="booking-pickup">
                      {t('bookings.pickup')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('bookings.messages')}</h2>
      {sent.length === 0 ? (
        <p className="ac-hint">{t('bookings.noMessages')}</p>
      ) : (
        <table className="ac-table" data-testid="sent-messages">
          <TableHead
            labels={[t('bookings.time'), t('bookings.kind'), t('bookings.text'), t('bookings.delivery')]}
          />
          <tbody>
            {sent.map((n) => (
              <tr key={n.id} data-testid="sent-message" data-kind={n.kind} data-status={n.status}>
                <td>{time(n.sentAt ?? n.createdAt)}</td>
                <td>{t(`bookings.kind.${n.kind}` as MessageKey)}</td>
                <td>{n.text}</td>
                <td title={n.problem ?? ''}>
                  {t(`bookings.delivery.${n.status}` as MessageKey)}
                  {n.attempts > 1 ? ` ×${n.attempts}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
