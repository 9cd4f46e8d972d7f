import type { CaseAssignee, Rectification } from '@onewindow/domain';
import { shanghaiDateTime } from '@onewindow/ui';
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { Message, type T, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

export type RectificationView = Rectification & { overdue: boolean };
export type CaseFilter = 'all' | 'active' | 'overdue' | 'closed';

/** The people of the hall a case can be given to, and a hook to load them. */
export function useAssignees(store: ConsoleStore): CaseAssignee[] {
  const hallId = useStore(store, (s) => s.hallId);
  const [list, setList] = useState<CaseAssignee[]>([]);
  useEffect(() => {
    if (hallId !== null)
      void store
        .getState()
        .request<CaseAssignee[]>('GET', '/assignees')
        .then((a) => setList(a ?? []));
  }, [store, hallId]);
  return list;
}

export function AssignForm({
  t,
  assignees,
  onAssign,
  testId,
}: {
  t: T;
  assignees: CaseAssignee[];
  onAssign: (a: CaseAssignee) => void;
  testId: string;
}) {
  const [id, setId] = useState('');
  return (
    <span className="ac-inline">
      <select
        aria-label={t('case.pickAssignee')}
        data-testid={`${testId}-assignee`}
        value={id}
        onChange={(e) => setId(e.target.value)}
      >
        <option value="">{t('case.pickAssignee')}</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="ac-small"
        data-testid={`${testId}-assign`}
        disabled={id === ''}
        onClick={() => {
          const a = assignees.find((x) => x.id === id);
          if (a !== undefined) onAssign(a);
        }}
      >
        {t('case.assign')}
      </button>
    </span>
  );
}

/**
 * A hall's cases of one kind under a filter, and a step on one of them (the list loads again after).
 * 办不成事 know no deadline: the server gives their active ones as overdue.
 */
export function useCases<C>(store: ConsoleStore, kind: 'rectifications' | 'unresolved') {
  const hallId = useStore(store, (s) => s.hallId);
  const [filter, setFilter] = useState<CaseFilter>('active');
  const [cases, setCases] = useState<C[]>([]);
  const load = useCallback(async () => {
    setCases((await store.getState().request<C[]>('GET', `/${kind}?status=${filter}`)) ?? []);
  }, [store, kind, filter]);
  useEffect(() => {
    if (hallId !== null) void load();
  }, [hallId, load]);
  const act = async (id: string, step: string, body: unknown) => {
    if ((await store.getState().request('POST', `/${kind}/${id}/${step}`, body)) !== undefined) await load();
  };
  return { filter, setFilter, cases, act };
}

export function FilterTabs({
  t,
  value,
  onChange,
}: {
  t: T;
  value: CaseFilter;
  onChange: (f: CaseFilter) => void;
}) {
  return (
    <span className="ac-tabs">
      {(['active', 'overdue', 'closed', 'all'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className={f === value ? 'on' : ''}
          data-testid={`case-filter-${f}`}
          onClick={() => onChange(f)}
        >
          {t(`case.filter.${f}`)}
        </button>
      ))}
    </span>
  );
}

/** 差评整改 (评价 → 反馈 → 整改 → 回访 → 监督): every bad rating, its deadline, its steps. */
export function RectificationsPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const me = useStore(store, (s) => s.person);
  const assignees = useAssignees(store);
  const { filter, setFilter, cases, act } = useCases<RectificationView>(store, 'rectifications');
  return (
    <div data-testid="rectifications-page">
      <Message store={store} />
      <FilterTabs t={t} value={filter} onChange={setFilter} />
      <table className="ac-table" data-testid="rectifications">
        <TableHead
          labels={[
            t('case.opened'),
            t('case.ticket'),
            t('case.level'),
            t('case.reasons'),
            t('case.deadline'),
            t('case.status'),
            t('case.assignee'),
            '',
          ]}
        />
        <tbody>
          {cases.map((r) => (
            <tr
              key={r.id}
              className={r.overdue ? 'late' : undefined}
              data-testid="rectification"
              data-status={r.status}
              data-overdue={r.overdue}
            >
              <td>{shanghaiDateTime(r.at)}</td>
              <td>
                {r.ticketNumber} · {r.windowId ?? ''}
              </td>
              <td>{t(`level.${r.level}` as 'level.1')}</td>
              <td>
                {[...r.reasons, r.comment ?? ''].filter((x) => x !== '').join('；')}
                <History t={t} r={r} />
              </td>
              <td>
                {r.deadlineDay}
                {r.overdue && <b className="ac-overdue"> {t('case.overdue')}</b>}
              </td>
              <td>{t(`case.status.${r.status}`)}</td>
              <td>{r.assignee?.name ?? '—'}</td>
              <td className="ac-actions">
                {(r.status === 'open' || r.status === 'assigned') && (
                  <AssignForm
                    t={t}
                    assignees={assignees}
                    testId={`rect-${r.ticketNumber}`}
                    onAssign={(a) => void act(r.id, 'assign', { assignee: a })}
                  />
                )}
                {r.status === 'assigned' && r.assignee?.id === me?.id && (
                  <RectifyForm
                    t={t}
                    testId={`rect-${r.ticketNumber}`}
                    onSave={(b) => void act(r.id, 'rectify', b)}
                  />
                )}
                {r.status === 'rectified' && (
                  <VisitForm
                    t={t}
                    testId={`rect-${r.ticketNumber}`}
                    onSave={(b) => void act(r.id, 'visit', b)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function History({ t, r }: { t: T; r: RectificationView }) {
  return (
    <details>
      <summary>{t('case.history')}</summary>
      <ol className="ac-history">
        {r.history.map((h) => (
          <li key={`${h.at}-${h.action}`}>
            {shanghaiDateTime(h.at)} {t(`case.action.${h.action}`)} {h.note ?? ''}
          </li>
        ))}
      </ol>
    </details>
  );
}

function RectifyForm({
  t,
  testId,
  onSave,
}: {
  t: T;
  testId: string;
  onSave: (b: { cause: string; measures: string }) => void;
}) {
  const [cause, setCause] = useState('');
  const [measures, setMeasures] = useState('');
  return (
    <span className="ac-inline">
      <input
        data-testid={`${testId}-cause`}
        aria-label={t('case.cause')}
        placeholder={t('case.cause')}
        value={cause}
        onChange={(e) => setCause(e.target.value)}
      />
      <input
        data-testid={`${testId}-measures`}
        aria-label={t('case.measures')}
        placeholder={t('case.measures')}
        value={measures}
        onChange={(e) => setMeasures(e.target.value)}
      />
      <button
        type="button"
        className="ac-small"
        data-testid={`${testId}-rectify`}
        onClick={() => onSave({ cause, measures })}
      >
        {t('case.rectify')}
      </button>
    </span>
  );
}

function VisitForm({
  t,
  testId,
  onSave,
}: {
  t: T;
  testId: string;
  onSave: (b: { satisfied: boolean; answer: string }) => void;
}) {
  const [answer, setAnswer] = useState('');
  return (
    <span className="ac-inline">
      <input
        data-testid={`${testId}-answer`}
        aria-label={t('case.answer')}
        placeholder={t('case.answer')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <button
        type="button"
        className="ac-small"
        data-testid={`${testId}-satisfied`}
        onClick={() => onSave({ satisfied: true, answer })}
      >
        {t('case.satisfied')}
      </button>
      <button
        type="button"
        className="ac-small"
        data-testid={`${testId}-unsatisfied`}
        onClick={() => onSave({ satisfied: false, answer })}
      >
        {t('case.unsatisfied')}
      </button>
    </span>
  );
}
