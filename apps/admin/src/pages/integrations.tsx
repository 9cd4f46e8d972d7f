import {
  type AckError,
  type DeliveryView,
  type IntegrationKeyView,
  IntegrationScope,
  type TargetView,
  WebhookEvent,
} from '@onewindow/protocol';
import { errorText, shanghaiDateTime } from '@onewindow/ui';
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { get, post } from '../api.js';
import { useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

const SCOPES = IntegrationScope.options;
const EVENTS = WebhookEvent.options;
const BASE = '/api/admin/integrations';

/**
 * 对外对接 (center administrators): keys for business systems (made with scopes, shown once,
 * revoked), where events go (the provincial 好差评 platform, webhooks; the personal fields each one
 * receives are listed), and the delivery log with its dead letters to send again.
 */
export function IntegrationsPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const locale = useStore(store, (s) => s.locale);
  const [keys, setKeys] = useState<IntegrationKeyView[]>([]);
  const [targets, setTargets] = useState<TargetView[]>([]);
  const [deliveries, setDeliveries] = useState<DeliveryView[]>([]);
  const [onlyDead, setOnlyDead] = useState(false);
  const [error, setError] = useState<AckError | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [keyName, setKeyName] = useState('');
  const [scopes, setScopes] = useState<IntegrationScope[]>(['queue:read']);
  const [target, setTarget] = useState({ kind: 'goodbad' as 'goodbad' | 'webhook', name: '', url: '' });
  const [events, setEvents] = useState<WebhookEvent[]>(['ticket.called']);
  const load = useCallback(async () => {
    const [k, tg, d] = await Promise.all([
      get<IntegrationKeyView[]>(`${BASE}/keys`),
      get<TargetView[]>(`${BASE}/targets`),
      get<DeliveryView[]>(`${BASE}/deliveries${onlyDead ? '?status=dead' : ''}`),
    ]);
    if (k.ok) setKeys(k.data);
    if (tg.ok) setTargets(tg.data);
    if (d.ok) setDeliveries(d.data);
  }, [onlyDead]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async <T,>(p: Promise<{ ok: true; data: T } | { ok: false; error: AckError }>) => {
    const r = await p;
    setError(r.ok ? null : r.error);
    await load();
    return r.ok ? r.data : undefined;
  };
  const toggle = <V,>(list: V[], v: V) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  return (
    <div data-testid="integrations-page">
      {error !== null && (
        <div className="ac-message error" role="alert" data-testid="integrations-error">
          {errorText(locale, error)}
        </div>
      )}
      {shown !== null && (
        <div className="ac-message" role="status" data-testid="shown-once">
          {t('shownOnce')} <code>{shown}</code>
        </div>
      )}
      <section className="ac-card">
        <h2>{t('apiKeys')}</h2>
        <p className="ac-muted">
          {t('apiKeysHint')} <a href="/api/docs">{t('apiDocs')}</a>
        </p>
        <form
          className="ac-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act(post<{ token: string }>(`${BASE}/keys`, { name: keyName, scopes })).then(
              (r) => r !== undefined && setShown(r.token),
            );
          }}
        >
          <label>
            {t('name')}
            <input value={keyName} onChange={(e) => setKeyName(e.target.value)} data-testid="key-name" />
          </label>
          <fieldset>
            <legend>{t('scopes')}</legend>
            {SCOPES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={scopes.includes(s)}
                  onChange={() => setScopes(toggle(scopes, s))}
                />
                {t(`scope.${s}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="ac-button primary" data-testid="key-create">
            {t('createKey')}
          </button>
        </form>
        <table className="ac-table" data-testid="keys">
          <TableHead labels={[t('name'), t('scopes'), t('lastUsed'), t('state'), '']} />
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{k.scopes.map((s) => t(`scope.${s}`)).join('、')}</td>
                <td>{k.lastUsedAt === null ? '—' : shanghaiDateTime(k.lastUsedAt)}</td>
                <td>{k.revokedAt === null ? t('active') : t('keyRevoked')}</td>
                <td>
                  {k.revokedAt === null && (
                    <button
                      type="button"
                      className="ac-button"
                      onClick={() => void act(post(`${BASE}/keys/${k.id}/revoke`))}
                    >
                      {t('keyRevoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="ac-card">
        <h2>{t('targets')}</h2>
        <p className="ac-muted">{t('targetsHint')}</p>
        <form
          className="ac-inline"
          onSubmit={(e) => {
            e.preventDefault();
            const body = target.kind === 'webhook' ? { ...target, events } : target;
            void act(post<{ secret: string | null }>(`${BASE}/targets`, body)).then(
              (r) => r?.secret != null && setShown(r.secret),
            );
          }}
        >
          <label>
            {t('targetKind')}
            <select
              value={target.kind}
              onChange={(e) =>
                setTarget({ ...target, kind: e.target.value === 'webhook' ? 'webhook' : 'goodbad' })
              }
            >
              <option value="goodbad">{t('kind.goodbad')}</option>
              <option value="webhook">{t('kind.webhook')}</option>
            </select>
          </label>
          <label>
            {t('name')}
            <input value={target.name} onChange={(e) => setTarget({ ...target, name: e.target.value })} />
          </label>
          <label>
            URL
            <input
              type="url"
              value={target.url}
              onChange={(e) => setTarget({ ...target, url: e.target.value })}
            />
          </label>
          {target.kind === 'webhook' && (
            <fieldset>
              <legend>{t('events')}</legend>
              {EVENTS.map((ev) => (
                <label key={ev}>
                  <input
                    type="checkbox"
                    checked={events.includes(ev)}
                    onChange={() => setEvents(toggle(events, ev))}
                  />
                  {ev}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" className="ac-button primary" data-testid="target-create">
            {t('addTarget')}
          </button>
        </form>
        <table className="ac-table" data-testid="targets">
          <TableHead
            labels={[t('name'), t('targetKind'), 'URL', t('events'), t('personalFields'), t('state')]}
          />
          <tbody>
            {targets.map((x) => (
              <tr key={x.id}>
                <td>{x.name}</td>
                <td>{t(`kind.${x.kind}`)}</td>
                <td>{x.url}</td>
                <td>{x.kind === 'goodbad' ? t('goodbadEvents') : x.events.join('、')}</td>
                <td data-testid={`personal-${x.id}`}>
                  {x.personal.length === 0 ? t('noPersonal') : x.personal.join('、')}
                </td>
                <td>
                  <button
                    type="button"
                    className="ac-button"
                    onClick={() => void act(post(`${BASE}/targets/${x.id}/enabled`, { enabled: !x.enabled }))}
                  >
                    {x.enabled ? t('targetDisable') : t('targetEnable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="ac-card">
        <h2>{t('deliveries')}</h2>
        <label>
          <input
            type="checkbox"
            checked={onlyDead}
            onChange={() => setOnlyDead(!onlyDead)}
            data-testid="only-dead"
          />
          {t('onlyDead')}
        </label>
        <table className="ac-table" data-testid="deliveries">
          <TableHead
            labels={[t('time'), t('targets'), t('events'), t('state'), t('attempts'), t('problem'), '']}
          />
          <tbody>
            {deliveries.map((x) => (
              <tr key={x.id}>
                <td>{shanghaiDateTime(x.createdAt)}</td>
                <td>{targets.find((g) => g.id === x.targetId)?.name ?? x.targetId}</td>
                <td>{x.event}</td>
                <td>{t(`delivery.${x.status}`)}</td>
                <td>{x.attempts}</td>
                <td>{x.problem ?? ''}</td>
                <td>
                  {x.status === 'dead' && (
                    <button
                      type="button"
                      className="ac-button"
                      onClick={() => void act(post(`${BASE}/deliveries/${x.id}/resend`))}
                    >
                      {t('resend')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
