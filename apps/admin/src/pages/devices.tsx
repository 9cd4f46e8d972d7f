import type { DeviceEnroll, Locale } from '@onewindow/protocol';
import { shanghaiDateTime } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { Field, Select, TextField, useIssues } from '../form.js';
import { Message, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

type Role = DeviceEnroll['role'];
const ROLES: readonly Role[] = ['kiosk', 'window', 'display', 'pad', 'admin'];

/**
 * 设备: every kiosk, window client, display and pad of the hall, when it was last seen and with which
 * version; enrol a new one (a pairing code to type on it), give a replaced one a new code, revoke one.
 */
export function DevicesPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const devices = useStore(store, (s) => s.devices);
  const pairing = useStore(store, (s) => s.pairing);
  const config = useStore(store, (s) => s.config);
  const issues = useIssues(store, ['']);
  const [form, setForm] = useState<DeviceEnroll>({
    id: '',
    role: 'kiosk',
    windowId: null,
    name: '',
    locale: null,
  });
  useEffect(() => {
    void store.getState().loadDevices();
  }, [store]);
  const windows = config?.config.windows ?? [];
  const bound = form.role === 'window' || form.role === 'pad';
  return (
    <div data-testid="devices-page">
      <Message store={store} others={issues.others(['id', 'role', 'windowId', 'name', 'locale'])} />
      {pairing !== null && (
        <div className="ac-card ac-pairing" data-testid="pairing-code-box">
          <p>{t('pairingFor', { device: pairing.device.name ?? pairing.device.id })}</p>
          <p className="ac-code" data-testid="pairing-code-shown">
            {pairing.code}
          </p>
          <p className="ac-muted">
            {t('pairingHint', { time: shanghaiDateTime(pairing.expiresAt).slice(11) })}
          </p>
        </div>
      )}
      <table className="ac-table" data-testid="devices">
        <TableHead
          labels={[
            t('id'),
            t('name'),
            t('role'),
            t('window'),
            t('language'),
            t('deviceState'),
            t('lastSeen'),
            '',
          ]}
        />
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} data-testid={`device-${d.id}`} className={d.revokedAt !== null ? 'revoked' : ''}>
              <td>{d.id}</td>
              <td>{d.name ?? '—'}</td>
              <td>{t(`deviceRole.${d.role}`)}</td>
              <td>
                {d.windowId === null ? '—' : (windows.find((w) => w.id === d.windowId)?.number ?? d.windowId)}
              </td>
              <td>
                <select
                  aria-label={`${t('deviceLocale')} · ${d.name ?? d.id}`}
                  value={d.locale ?? ''}
                  data-testid={`device-locale-${d.id}`}
                  disabled={d.revokedAt !== null}
                  onChange={(e) => {
                    const v = e.target.value;
                    void store.getState().updateDevice(d.id, { locale: v === '' ? null : (v as Locale) });
                  }}
                >
                  <option value="">{t('localeDefault')}</option>
                  <option value="zh-CN">中文</option>
                  <option value="en">English</option>
                </select>
              </td>
              <td data-testid={`device-state-${d.id}`}>
                {d.revokedAt !== null
                  ? t('revokedState')
                  : d.pairedAt === null
                    ? t('notPaired')
                    : d.online
                      ? t('online')
                      : t('offline')}
              </td>
              <td>
                {d.lastSeenAt === null ? '—' : shanghaiDateTime(d.lastSeenAt)}
                {d.clientVersion !== null && <span className="ac-muted"> · {d.clientVersion}</span>}
                {d.lastIp !== null && <span className="ac-muted"> · {d.lastIp}</span>}
              </td>
              <td className="ac-actions">
                {d.revokedAt === null && (
                  <>
                    <button
                      type="button"
                      className="ac-small"
                      data-testid={`repair-${d.id}`}
                      onClick={() => void store.getState().repair(d.id)}
                    >
                      {t('newCode')}
                    </button>
                    <button
                      type="button"
                      className="ac-small danger"
                      data-testid={`revoke-${d.id}`}
                      onClick={() =>
                        window.confirm(t('revokeConfirm', { device: d.name ?? d.id })) &&
                        void store.getState().revoke(d.id)
                      }
                    >
                      {t('revoke')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="ac-card ac-form"
        data-testid="enroll-form"
        onSubmit={(e) => {
          e.preventDefault();
          void store.getState().enroll({ ...form, windowId: bound ? form.windowId : null });
        }}
      >
        <h2>{t('enroll')}</h2>
        <div className="ac-grid">
          <TextField
            label={t('id')}
            error={issues.at('id')}
            value={form.id}
            onChange={(id) => setForm({ ...form, id })}
            testId="enroll-id"
            placeholder="kiosk-3"
          />
          <TextField
            label={t('name')}
            error={issues.at('name')}
            value={form.name}
            onChange={(name) => setForm({ ...form, name })}
            testId="enroll-name"
          />
          <Field label={t('role')} error={issues.at('role')}>
            <Select
              value={form.role}
              onChange={(role) => setForm({ ...form, role })}
              options={ROLES.map((r) => ({ value: r, label: t(`deviceRole.${r}`) }))}
              testId="enroll-role"
            />
          </Field>
          {bound && (
            <Field label={t('window')} error={issues.at('windowId')}>
              <Select
                value={form.windowId ?? ''}
                onChange={(windowId) => setForm({ ...form, windowId: windowId === '' ? null : windowId })}
                options={[
                  { value: '', label: '—' },
                  ...windows.map((w) => ({ value: w.id, label: `${w.number} · ${w.name}` })),
                ]}
                testId="enroll-window"
              />
            </Field>
          )}
        </div>
        <button type="submit" className="ac-button primary" data-testid="enroll-submit">
          {t('enrollSubmit')}
        </button>
      </form>
    </div>
  );
}
