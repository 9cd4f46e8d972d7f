import type { Staff } from '@onewindow/domain';
import { useState } from 'react';
import { useStore } from 'zustand';
import { RowActions, SaveCancel } from '../actions.js';
import { Field, MultiCheck, TextField, TextInput, useFreshForm, useItemIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

/** 工作人员: their windows, AB岗 backups, staff numbers, and PINs (set, never shown). */
export function StaffPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  const [editing, setEditing] = useState<{ s: Staff; isNew: boolean } | null>(null);
  const [pinFor, setPinFor] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  if (config === null) return <p>{t('loading')}</p>;
  const c = config.config;
  if (editing !== null)
    return (
      <StaffForm store={store} initial={editing.s} isNew={editing.isNew} onClose={() => setEditing(null)} />
    );
  const name = (id: string) => c.staff.find((x) => x.id === id)?.name ?? id;
  return (
    <div data-testid="staff-page">
      <Message store={store} />
      <table className="ac-table" data-testid="staff">
        <thead>
          <tr>
            <th>{t('id')}</th>
            <th>{t('name')}</th>
            <th>{t('staffNo')}</th>
            <th>{t('staffWindows')}</th>
            <th>{t('backupOf')}</th>
            <th>PIN</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {c.staff.map((s) => (
            <tr key={s.id} data-testid={`staff-${s.id}`}>
              <td>{s.id}</td>
              <td>{s.name}</td>
              <td>{s.staffNo ?? '—'}</td>
              <td>{s.windowIds.map((w) => c.windows.find((x) => x.id === w)?.number ?? w).join('、')}</td>
              <td>{s.backupOf.map(name).join('、') || '—'}</td>
              <td data-testid={`pin-state-${s.id}`}>
                {config.staffWithPin.includes(s.id) ? t('pinSetYes') : t('pinSetNo')}
              </td>
              <RowActions
                t={t}
                testId={`staff-${s.id}`}
                what={s.name}
                onEdit={() => setEditing({ s, isNew: false })}
                onDelete={() => void store.getState().change({ type: 'staff.delete', id: s.id })}
              >
                <button
                  type="button"
                  className="ac-small"
                  data-testid={`set-pin-${s.id}`}
                  onClick={() => setPinFor(s.id)}
                >
                  {t('setPin')}
                </button>
              </RowActions>
            </tr>
          ))}
        </tbody>
      </table>
      {pinFor !== null && (
        <form
          className="ac-card ac-inline"
          data-testid="pin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void store
              .getState()
              .setPin(pinFor, pin)
              .then((ok) => {
                if (ok) setPinFor(null);
                setPin('');
              });
          }}
        >
          <span>{t('pinFor', { name: name(pinFor) })}</span>
          <TextInput
            type="password"
            value={pin}
            onChange={(v) => setPin(v.replace(/\D/g, '').slice(0, 8))}
            testId="pin-input"
          />
          <button
            type="submit"
            className="ac-button primary"
            data-testid="pin-save"
            disabled={pin.length < 4}
          >
            {t('save')}
          </button>
          <button type="button" className="ac-button" onClick={() => setPinFor(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      <button
        type="button"
        className="ac-button primary"
        data-testid="add-staff"
        onClick={() => setEditing({ s: { id: '', name: '', windowIds: [], backupOf: [] }, isNew: true })}
      >
        {t('addStaff')}
      </button>
    </div>
  );
}

function StaffForm({
  store,
  initial,
  isNew,
  onClose,
}: {
  store: ConsoleStore;
  initial: Staff;
  isNew: boolean;
  onClose: () => void;
}) {
  const t = useT(store);
  const config = useStore(store, (s) => s.config);
  const list = config?.config.staff ?? [];
  useFreshForm(store);
  const issues = useItemIssues(store, 'staff', 'staff', initial.id);
  const [s, setS] = useState<Staff>(initial);
  return (
    <form
      className="ac-card ac-form"
      data-testid="staff-form"
      onSubmit={(e) => {
        e.preventDefault();
        const { staffNo, ...rest } = s;
        void store
          .getState()
          .change({
            type: isNew ? 'staff.create' : 'staff.put',
            staff: staffNo === undefined || staffNo.trim() === '' ? rest : s,
          })
          .then((ok) => ok && onClose());
      }}
    >
      <h2>{isNew ? t('addStaff') : t('editStaff')}</h2>
      <Message store={store} others={issues.others(['id', 'name', 'staffNo', 'windowIds', 'backupOf'])} />
      <div className="ac-grid">
        <TextField
          label={t('id')}
          hint={t('staffIdHint')}
          error={issues.at('id')}
          value={s.id}
          onChange={(id) => setS({ ...s, id })}
          disabled={!isNew}
          testId="staff-id"
        />
        <TextField
          label={t('name')}
          error={issues.at('name')}
          value={s.name}
          onChange={(name) => setS({ ...s, name })}
          testId="staff-name"
        />
        <TextField
          label={t('staffNo')}
          error={issues.at('staffNo')}
          value={s.staffNo ?? ''}
          onChange={(staffNo) => setS({ ...s, staffNo })}
          testId="staff-no"
        />
      </div>
      <Field label={t('staffWindows')} error={issues.at('windowIds')} wide>
        <MultiCheck
          values={s.windowIds}
          options={(config?.config.windows ?? []).map((w) => ({
            value: w.id,
            label: `${w.number} · ${w.name}`,
          }))}
          onChange={(windowIds) => setS({ ...s, windowIds })}
          testId="staff-windows"
        />
      </Field>
      <Field label={t('backupOf')} error={issues.at('backupOf')} wide>
        <MultiCheck
          values={s.backupOf}
          options={list.filter((x) => x.id !== s.id).map((x) => ({ value: x.id, label: x.name }))}
          onChange={(backupOf) => setS({ ...s, backupOf })}
          testId="staff-backups"
        />
      </Field>
      <SaveCancel t={t} name="staff" onCancel={onClose} />
    </form>
  );
}
