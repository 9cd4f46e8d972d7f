import { useState } from 'react';
import { useStore } from 'zustand';
import { Message, useT } from './i18n.js';
import type { WindowClientStore } from './store.js';

export function Login({ win }: { win: WindowClientStore }) {
  const t = useT(win);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const busy = useStore(win, (s) => s.busy);
  return (
    <form
      className="wc-login"
      onSubmit={(e) => {
        e.preventDefault();
        void win
          .getState()
          .login(staffId, pin)
          .then(() => setPin(''));
      }}
    >
      <h1>{t('loginTitle')}</h1>
      <label>
        {t('staffId')}
        <input data-testid="login-staff" value={staffId} onChange={(e) => setStaffId(e.target.value)} />
      </label>
      <label>
        {t('pin')}
        <input
          data-testid="login-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
      </label>
      <button
        type="submit"
        className="ow-button primary"
        data-testid="login-submit"
        disabled={busy || staffId.trim() === ''}
      >
        {t('loginSubmit')}
      </button>
      <Message win={win} />
      <p className="wc-muted">{t('loginHint')}</p>
    </form>
  );
}
