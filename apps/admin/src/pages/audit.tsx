import { shanghaiDateTime } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { TextField } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { AuditFilter, ConsoleStore } from '../store.js';

const brief = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
};

/** 审计日志: who changed what, when, from what to what; filtered by person, action and day. */
export function AuditPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const audit = useStore(store, (s) => s.audit);
  const hallId = useStore(store, (s) => s.hallId);
  const [filter, setFilter] = useState<AuditFilter>({ actor: '', action: '', day: '' });
  useEffect(() => {
    if (hallId !== null) void store.getState().loadAudit({ actor: '', action: '', day: '' });
  }, [store, hallId]);
  return (
    <div data-testid="audit-page">
      <Message store={store} />
      <form
        className="ac-inline ac-card"
        onSubmit={(e) => {
          e.preventDefault();
          void store.getState().loadAudit(filter);
        }}
      >
        <TextField
          label={t('auditActor')}
          value={filter.actor}
          onChange={(actor) => setFilter({ ...filter, actor })}
          testId="audit-actor"
        />
        <TextField
          label={t('auditAction')}
          value={filter.action}
          onChange={(action) => setFilter({ ...filter, action })}
          testId="audit-action"
          placeholder="config."
        />
        <TextField
          label={t('auditDay')}
          type="date"
          value={filter.day}
          onChange={(day) => setFilter({ ...filter, day })}
          testId="audit-day"
        />
        <button type="submit" className="ac-button primary" data-testid="audit-filter">
          {t('filter')}
        </button>
      </form>
      <table className="ac-table" data-testid="audit">
        <TableHead
          labels={[
            t('auditWhen'),
            t('auditWho'),
            t('auditAction'),
            t('auditTarget'),
            t('auditBefore'),
            t('auditAfter'),
          ]}
        />
        <tbody>
          {audit.map((a) => (
            <tr key={a.id} data-testid="audit-row" data-action={a.action}>
              <td>{shanghaiDateTime(a.at)}</td>
              <td>{a.actorName}</td>
              <td>{a.action}</td>
              <td>{a.target}</td>
              <td className="ac-json">{brief(a.before)}</td>
              <td className="ac-json">{brief(a.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
