import type { UnresolvedCase } from '@onewindow/domain';
import { shanghaiDateTime } from '@onewindow/ui';
import { useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { Message, type T, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';
import { AssignForm, FilterTabs, useAssignees, useCases } from './rectifications.js';

type UnresolvedView = Omit<UnresolvedCase, 'contactSealed'> & { hasContact: boolean };

/** 办不成事 follow-up: assign, record coordination, tell the resident, close with the outcome. */
export function UnresolvedPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const me = useStore(store, (s) => s.person);
  const assignees = useAssignees(store);
  const { filter, setFilter, cases, act } = useCases<UnresolvedView>(store, 'unresolved');
  const [contacts, setContacts] = useState<Record<string, { name: string | null; phone: string | null }>>({});
  const reveal = async (id: string) => {
    const r = await store
      .getState()
      .request<{ contact: { name: string | null; phone: string | null } }>(
        'GET',
        `/unresolved/${id}/contact`,
      );
    if (r !== undefined) setContacts({ ...contacts, [id]: r.contact });
  };
  return (
    <div data-testid="unresolved-page">
      <Message store={store} />
      <FilterTabs t={t} value={filter} onChange={setFilter} />
      <table className="ac-table" data-testid="unresolved">
        <TableHead
          labels={[
            t('case.opened'),
            t('unresolved.request'),
            t('unresolved.reason'),
            t('unresolved.contact'),
            t('case.status'),
            t('case.assignee'),
            t('unresolved.steps'),
            '',
          ]}
        />
        <tbody>
          {cases.map((c) => {
            const mine = c.assignee?.id === me?.id;
            const whole = contacts[c.id];
            return (
              <tr key={c.id} data-testid="unresolved-case" data-status={c.status}>
                <td>{shanghaiDateTime(c.at)}</td>
                <td>{c.request}</td>
                <td>{c.reason}</td>
                <td data-testid="unresolved-contact">
                  {whole === undefined
                    ? `${c.contactName ?? ''} ${c.contactPhone ?? ''}`
                    : `${whole.name ?? ''} ${whole.phone ?? ''}`}
                  {mine && c.hasContact && whole === undefined && (
                    <button
                      type="button"
                      className="ac-small"
                      data-testid="unresolved-reveal"
                      onClick={() => void reveal(c.id)}
                    >
                      {t('unresolved.reveal')}
                    </button>
                  )}
                </td>
                <td>{t(`unresolved.status.${c.status}`)}</td>
                <td>{c.assignee?.name ?? '—'}</td>
                <td>
                  <ol className="ac-history">
                    {c.steps.map((s) => (
                      <li key={`${s.at}-${s.note}`}>
                        {shanghaiDateTime(s.at)} {s.byName}：{s.note}
                      </li>
                    ))}
                    {c.notifications.map((n) => (
                      <li key={`n-${n.at}`} data-testid="unresolved-notified">
                        {shanghaiDateTime(n.at)} {t(n.delivered ? 'unresolved.sent' : 'unresolved.notSent')}：
                        {n.text}
                      </li>
                    ))}
                  </ol>
                  {c.outcome !== null && <b>{c.outcome}</b>}
                </td>
                <td className="ac-actions">
                  {(c.status === 'open' || c.status === 'assigned') && (
                    <AssignForm
                      t={t}
                      assignees={assignees}
                      testId="unresolved"
                      onAssign={(a) => void act(c.id, 'assign', { assignee: a })}
                    />
                  )}
                  {c.status === 'assigned' && mine && (
                    <FollowUp
                      t={t}
                      hasContact={c.hasContact}
                      onAct={(step, body) => void act(c.id, step, body)}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function FollowUp({
  t,
  hasContact,
  onAct,
}: {
  t: T;
  hasContact: boolean;
  onAct: (step: 'step' | 'notify' | 'close', body: unknown) => void;
}) {
  const [text, setText] = useState('');
  return (
    <span className="ac-inline">
      <input
        data-testid="unresolved-text"
        aria-label={t('unresolved.text')}
        value={text}
        placeholder={t('unresolved.text')}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        className="ac-small"
        data-testid="unresolved-step"
        onClick={() => onAct('step', { note: text })}
      >
        {t('unresolved.addStep')}
      </button>
      {hasContact && (
        <button
          type="button"
          className="ac-small"
          data-testid="unresolved-notify"
          onClick={() => onAct('notify', { text })}
        >
          {t('unresolved.notify')}
        </button>
      )}
      <button
        type="button"
        className="ac-small"
        data-testid="unresolved-close"
        onClick={() => onAct('close', { outcome: text })}
      >
        {t('unresolved.close')}
      </button>
    </span>
  );
}
