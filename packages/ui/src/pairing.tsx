import type { AckError } from '@onewindow/protocol';
import { useState } from 'react';
import { errorText } from './errors.js';
import { type Catalog, type Locale, translator } from './i18n.js';

const zh = {
  new: '本设备尚未配对',
  revoked: '本设备已被管理员停用',
  unknown: '本设备的令牌无效',
  how: '请管理员在管理后台“设备”页为本设备生成配对码，然后在此输入 8 位配对码。',
  code: '配对码',
  pair: '配对',
  pairing: '正在配对…',
  clear: '清除',
} as const;
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  new: 'This device is not paired yet',
  revoked: 'This device was revoked by an administrator',
  unknown: 'This device’s token is not valid',
  how: 'An administrator creates a pairing code for this device on the console’s Devices page; type its 8 digits here.',
  code: 'Pairing code',
  pair: 'Pair',
  pairing: 'Pairing…',
  clear: 'Clear',
};
const catalog: Catalog<Key> = { 'zh-CN': zh, en };

export type PairReason = 'new' | 'revoked' | 'unknown';

/** Sends the code to the hall server; the token it answers with is this device's from now on. */
export type Pair = (code: string) => Promise<{ ok: true } | { ok: false; error: AckError }>;

/** The pairing request of a browser screen: the token goes to local storage under the screen's key. */
export function browserPair(app: string, base = ''): Pair {
  return async (code) => {
    try {
      const res = await fetch(`${base}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, clientVersion: 'web' }),
      });
      const body = (await res.json()) as
        | { ok: true; data: { token: string } }
        | { ok: false; error: AckError };
      if (!body.ok) return body;
      window.localStorage.setItem(`onewindow.${app}.token`, body.data.token);
      return { ok: true };
    } catch {
      return { ok: false, error: { code: 'DISCONNECTED', message: 'no answer from the hall server' } };
    }
  };
}

/**
 * A screen that has no device token (or a revoked or unknown one) asks for the pairing code the
 * console shows, with a keypad for touch screens; once paired it starts over with its new token.
 */
export function PairingScreen({
  locale,
  reason,
  pair,
  onPaired,
}: {
  locale: Locale;
  reason: PairReason;
  pair: Pair;
  onPaired: () => void;
}) {
  const t = translator(catalog, locale);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AckError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await pair(code);
    setBusy(false);
    if (r.ok) onPaired();
    else setError(r.error);
  };
  return (
    <div className="ow-pairing" data-testid="pairing" data-reason={reason} lang={locale}>
      <h1>{t(reason)}</h1>
      <p>{t('how')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('code')}
          <input
            data-testid="pairing-code"
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 8))}
          />
        </label>
        <div className="ow-pairing-keys">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
            <button
              key={d}
              type="button"
              className="ow-button"
              onClick={() => setCode((c) => (c + d).slice(0, 8))}
            >
              {d}
            </button>
          ))}
          <button type="button" className="ow-button quiet" onClick={() => setCode('')}>
            {t('clear')}
          </button>
        </div>
        <button
          type="submit"
          className="ow-button primary"
          data-testid="pairing-submit"
          disabled={busy || code.length !== 8}
        >
          {busy ? t('pairing') : t('pair')}
        </button>
      </form>
      {error !== null && (
        <p className="ow-pairing-error" role="alert" data-testid="pairing-error">
          {errorText(locale, error)}
        </p>
      )}
    </div>
  );
}
