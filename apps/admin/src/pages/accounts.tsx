import { type HallLevel, newHall } from '@onewindow/domain';
import type { PersonRole, UserCreate } from '@onewindow/protocol';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Field, Select, TextField, useIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

const ROLES: readonly PersonRole[] = ['centerAdmin', 'hallManager', 'auditor'];

/** 账号 and 大厅: people who run halls, and the townships and villages under the county. */
export function AccountsPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const users = useStore(store, (s) => s.users);
  const halls = useStore(store, (s) => s.halls);
  const issues = useIssues(store, ['']);
  const [form, setForm] = useState<UserCreate>({
    username: '',
    displayName: '',
    role: 'hallManager',
    hallId: halls[0]?.id ?? null,
    password: '',
  });
  const [hall, setHall] = useState({ id: '', name: '', level: 'township' as HallLevel, parentId: '' });
  useEffect(() => {
    void store.getState().loadUsers();
  }, [store]);
  const hallName = (id: string | null) =>
    id === null ? t('allHalls') : (halls.find((h) => h.id === id)?.name ?? id);
  return (
    <div data-testid="accounts-page">
      <Message
        store={store}
        others={issues.others([
          'username',
          'displayName',
          'role',
          'hallId',
          'password',
          'hall.id',
          'hall.name',
        ])}
      />
      <h2>{t('accounts')}</h2>
      <table className="ac-table" data-testid="users">
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.username}`} className={u.disabled ? 'revoked' : ''}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{hallName(u.hallId)}</td>
              <td className="ac-actions">
                <button
                  type="button"
                  className="ac-small"
                  onClick={() => void store.getState().updateUser(u.id, { disabled: !u.disabled })}
                >
                  {u.disabled ? t('enable') : t('disable')}
                </button>
                <button
                  type="button"
                  className="ac-small"
                  onClick={() => {
                    const password = window.prompt(t('newPassword'));
                    if (password !== null) void store.getState().updateUser(u.id, { password });
                  }}
                >
                  {t('resetPassword')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="ac-card ac-form"
        data-testid="user-form"
        onSubmit={(e) => {
          e.preventDefault();
          void store
            .getState()
            .createUser({ ...form, hallId: form.role === 'centerAdmin' ? null : form.hallId });
        }}
      >
        <h3>{t('addUser')}</h3>
        <div className="ac-grid">
          <TextField
            label={t('username')}
            error={issues.at('username')}
            value={form.username}
            onChange={(username) => setForm({ ...form, username })}
            testId="user-username"
          />
          <TextField
            label={t('displayName')}
            error={issues.at('displayName')}
            value={form.displayName}
            onChange={(displayName) => setForm({ ...form, displayName })}
            testId="user-name"
          />
          <Field label={t('role')} error={issues.at('role')}>
            <Select
              value={form.role}
              onChange={(role) => setForm({ ...form, role })}
              options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              testId="user-role"
            />
          </Field>
          {form.role !== 'centerAdmin' && (
            <Field label={t('hall')} error={issues.at('hallId')}>
              <Select
                value={form.hallId ?? ''}
                onChange={(v) => setForm({ ...form, hallId: v === '' ? null : v })}
                options={[
                  ...(form.role === 'auditor' ? [{ value: '', label: t('allHalls') }] : []),
                  ...halls.map((h) => ({ value: h.id, label: h.name })),
                ]}
                testId="user-hall"
              />
            </Field>
          )}
          <TextField
            label={t('passwordNew')}
            error={issues.at('password')}
            type="password"
            value={form.password}
            onChange={(password) => setForm({ ...form, password })}
            testId="user-password"
          />
        </div>
        <button type="submit" className="ac-button primary" data-testid="user-save">
          {t('save')}
        </button>
      </form>
      <h2>{t('halls')}</h2>
      <form
        className="ac-card ac-form"
        data-testid="hall-create-form"
        onSubmit={(e) => {
          e.preventDefault();
          void store.getState().createHall(newHall(hall));
        }}
      >
        <h3>{t('addHall')}</h3>
        <div className="ac-grid">
          <TextField
            label={t('hallId')}
            error={issues.at('hall.id')}
            value={hall.id}
            onChange={(id) => setHall({ ...hall, id })}
            testId="new-hall-id"
          />
          <TextField
            label={t('hallName')}
            error={issues.at('hall.name')}
            value={hall.name}
            onChange={(name) => setHall({ ...hall, name })}
            testId="new-hall-name"
          />
          <Field label={t('hallLevel')}>
            <Select
              value={hall.level}
              onChange={(level) => setHall({ ...hall, level })}
              options={(['county', 'township', 'village'] as const).map((l) => ({
                value: l,
                label: t(`level.${l}`),
              }))}
            />
          </Field>
          <Field label={t('parentHall')}>
            <Select
              value={hall.parentId}
              onChange={(parentId) => setHall({ ...hall, parentId })}
              options={[{ value: '', label: '—' }, ...halls.map((h) => ({ value: h.id, label: h.name }))]}
            />
          </Field>
        </div>
        <button type="submit" className="ac-button primary" data-testid="hall-create">
          {t('save')}
        </button>
      </form>
    </div>
  );
}
