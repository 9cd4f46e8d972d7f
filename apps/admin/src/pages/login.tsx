import type { HallLevel } from '@onewindow/domain';
import { useState } from 'react';
import { Field, Select, TextField, useIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

export function LoginPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      className="ac-card ac-login"
      onSubmit={(e) => {
        e.preventDefault();
        void store.getState().login(username, password);
      }}
    >
      <h1>{t('signInTitle')}</h1>
      <TextField label={t('username')} value={username} onChange={setUsername} testId="login-username" />
      <TextField
        label={t('password')}
        type="password"
        value={password}
        onChange={setPassword}
        testId="login-password"
      />
      <button type="submit" className="ac-button primary" data-testid="login-submit">
        {t('signIn')}
      </button>
      <Message store={store} />
      <button type="button" className="ac-small" onClick={() => store.getState().toggleLocale()}>
        {t('language')}
      </button>
    </form>
  );
}

/** The first start: the first center administrator and the first hall, with the printed one-time code. */
export function SetupPage({ store, code: initialCode }: { store: ConsoleStore; code: string }) {
  const t = useT(store);
  const issues = useIssues(store, ['']);
  const [form, setForm] = useState({
    code: initialCode,
    username: '',
    displayName: '',
    password: '',
    hallId: '',
    hallName: '',
    level: 'county' as HallLevel,
  });
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  return (
    <form
      className="ac-card ac-login"
      data-testid="setup"
      onSubmit={(e) => {
        e.preventDefault();
        void store.getState().setup({
          code: form.code,
          username: form.username,
          displayName: form.displayName,
          password: form.password,
          hall: { id: form.hallId, name: form.hallName, level: form.level },
        });
      }}
    >
      <h1>{t('setupTitle')}</h1>
      <p className="ac-muted">{t('setupText')}</p>
      <TextField
        label={t('setupCode')}
        error={issues.at('code')}
        value={form.code}
        onChange={set('code')}
        testId="setup-code"
      />
      <TextField
        label={t('username')}
        error={issues.at('username')}
        value={form.username}
        onChange={set('username')}
        testId="setup-username"
      />
      <TextField
        label={t('displayName')}
        error={issues.at('displayName')}
        value={form.displayName}
        onChange={set('displayName')}
        testId="setup-name"
      />
      <TextField
        label={t('passwordNew')}
        error={issues.at('password')}
        type="password"
        value={form.password}
        onChange={set('password')}
        testId="setup-password"
      />
      <h2>{t('firstHall')}</h2>
      <TextField
        label={t('hallId')}
        error={issues.at('hall.id')}
        value={form.hallId}
        onChange={set('hallId')}
        testId="setup-hall-id"
        placeholder="qingshan"
      />
      <TextField
        label={t('hallName')}
        error={issues.at('hall.name')}
        value={form.hallName}
        onChange={set('hallName')}
        testId="setup-hall-name"
      />
      <Field label={t('hallLevel')}>
        <Select
          value={form.level}
          onChange={(v) => setForm({ ...form, level: v })}
          options={(['county', 'township', 'village'] as const).map((l) => ({
            value: l,
            label: t(`level.${l}`),
          }))}
        />
      </Field>
      <button type="submit" className="ac-button primary" data-testid="setup-submit">
        {t('setupSubmit')}
      </button>
      <Message store={store} />
    </form>
  );
}
