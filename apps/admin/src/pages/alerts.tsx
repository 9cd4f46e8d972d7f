import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { get } from '../api.js';
import { useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

interface Alerts {
  overdueRectifications: { id: string }[];
  unassignedUnresolved: number;
}

/** What the live board raises: overdue rectifications and 办不成事 nobody has taken; a click opens them. */
export function AlertBanner({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const hallId = useStore(store, (s) => s.hallId);
  const [alerts, setAlerts] = useState<Alerts | null>(null);
  useEffect(() => {
    if (hallId === null) return;
    let live = true;
    // Read quietly: a failed poll must not replace the page's own message.
    const load = () =>
      void get<Alerts>(`/api/admin/halls/${encodeURIComponent(hallId)}/alerts`).then((a) => {
        if (live && a.ok) setAlerts(a.data);
      });
    load();
    const timer = setInterval(load, 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [hallId]);
  if (alerts === null) return null;
  const overdue = alerts.overdueRectifications.length;
  return (
    <>
      {overdue > 0 && (
        <button
          type="button"
          className="ac-alert"
          data-testid="alert-overdue"
          onClick={() => store.getState().go('rectifications')}
        >
          {t('alert.overdue', { n: overdue })}
        </button>
      )}
      {alerts.unassignedUnresolved > 0 && (
        <button
          type="button"
          className="ac-alert"
          data-testid="alert-unassigned"
          onClick={() => store.getState().go('unresolved')}
        >
          {t('alert.unassigned', { n: alerts.unassignedUnresolved })}
        </button>
      )}
    </>
  );
}
