import type { HallClient } from '@onewindow/client';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

/**
 * Per matter, how today's told waits held against the actual ones (the hall's own learner keeps the
 * figures): a director sees whether the printed waits can be trusted today.
 */
export function EstimateTrust({ store, client }: { store: ConsoleStore; client: HallClient }) {
  const t = useT(store);
  const matters = useStore(client.store, (s) => s.matters);
  const loads = useStore(client.store, (s) => s.stats?.matters);
  const rows = (loads ?? []).filter((m) => m.accuracy != null);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    <section>
      <h2>{t('trust')}</h2>
      <p className="ac-muted">{t('trustHint')}</p>
      {rows.length === 0 ? (
        <p data-testid="trust-none">{t('trustNone')}</p>
      ) : (
        <table className="ac-table" data-testid="estimate-trust">
          <TableHead
            labels={[t('matter'), t('trustOutcomes'), t('trustError'), t('trustBias'), t('trustCoverage')]}
          />
          <tbody>
            {rows.map((m) => {
              const a = m.accuracy!;
              const weak = a.coverage !== null && (a.coverage < 0.7 || a.coverage > 0.9);
              return (
                <tr key={m.matterId} className={weak ? 'late' : ''} data-testid={`trust-${m.matterId}`}>
                  <td>{matters.find((x) => x.id === m.matterId)?.name ?? m.matterId}</td>
                  <td>{Math.round(a.outcomes)}</td>
                  <td>
                    {a.maeMin.toFixed(1)} {t('min')}
                  </td>
                  <td>
                    {a.biasMin > 0 ? '+' : ''}
                    {a.biasMin.toFixed(1)} {t('min')}
                  </td>
                  <td>
                    {a.coverage === null ? '—' : pct(a.coverage)}
                    {weak && ` (${t('trustWeak')})`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
