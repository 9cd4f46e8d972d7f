import { round1, type StaffingAdvice, type StaffingProposal } from '@onewindow/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { TableHead } from '../actions.js';
import { Message, type T, useT } from '../i18n.js';
import type { ConsoleStore } from '../store.js';

interface WhatIf {
  baselineMeanWaitMin: number;
  options: { change: string; meanWaitMin: number; reductionMin: number }[];
  seeds: number;
}

interface Names {
  window: (id: string | null) => string;
  staff: (id: string | null) => string;
  group: (id: string) => string;
}

/** A change as the manager says it: window numbers and people's names. */
export function proposalText(t: T, p: StaffingProposal, n: Names): string {
  if (p.kind === 'widen')
    return t('staffing.widen', { window: n.window(p.windowId), group: n.group(p.categoryId) });
  if (p.kind === 'open')
    return t('staffing.open', { window: n.window(p.windowId), staff: n.staff(p.staffId) });
  return t('staffing.move', {
    staff: n.staff(p.staffId),
    from: n.window(p.fromWindowId),
    to: n.window(p.windowId),
  });
}

/** 动态调整: the next hour per skill group from today's live figures, and changes to apply in one click. */
export function StaffingPage({ store }: { store: ConsoleStore }) {
  const t = useT(store);
  const hallId = useStore(store, (s) => s.hallId);
  const [advice, setAdvice] = useState<StaffingAdvice | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const config = useStore(store, (s) => s.config?.config);
  const load = useCallback(async () => {
    setAdvice((await store.getState().request<StaffingAdvice>('GET', '/staffing')) ?? null);
  }, [store]);
  useEffect(() => {
    if (hallId === null) return;
    void store.getState().loadConfig();
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, [store, hallId, load]);
  const apply = async (proposal: StaffingProposal) => {
    if ((await store.getState().request('POST', '/staffing/apply', { proposal })) === undefined) return;
    await load();
    store.setState({ message: { kind: 'info', key: 'staffing.applied' } });
  };
  const names: Names = {
    window: (id) => config?.windows.find((w) => w.id === id)?.number ?? id ?? '',
    staff: (id) => config?.staff.find((x) => x.id === id)?.name ?? id ?? '',
    group: (id) => advice?.groups.find((g) => g.categoryId === id)?.name ?? id,
  };
  return (
    <div data-testid="staffing-page">
      <Message store={store} />
      <p className="ac-muted">{t('staffing.explain')}</p>
      <table className="ac-table" data-testid="staffing-groups">
        <TableHead
          labels={[
            t('staffing.group'),
            t('staffing.rate'),
            t('staffing.waiting'),
            t('staffing.service'),
            t('staffing.needed'),
            t('staffing.windowsOpen'),
            t('staffing.forecast'),
          ]}
        />
        <tbody>
          {advice?.groups.map((g) => (
            <tr
              key={g.categoryId}
              className={g.short ? 'late' : undefined}
              data-testid="staffing-group"
              data-short={g.short}
            >
              <td>{g.name}</td>
              <td className="num">{round1(g.ratePerHour)}</td>
              <td className="num">{g.waiting}</td>
              <td className="num">{round1(g.meanServiceMin)}</td>
              <td className="num">{g.windowsNeeded}</td>
              <td className="num">{g.windowsOpen}</td>
              <td className="num">{round1(g.forecastMeanWaitMin) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('staffing.proposals')}</h3>
      {advice?.proposals.length === 0 && <p data-testid="staffing-none">{t('staffing.none')}</p>}
      <ul className="ac-proposals">
        {advice?.proposals.map((p) => (
          <li
            key={`${p.kind}-${p.windowId}-${p.categoryId}`}
            data-testid="staffing-proposal"
            data-kind={p.kind}
          >
            {proposalText(t, p, names)}
            <button
              type="button"
              className="ac-button primary"
              data-testid={`staffing-apply-${p.windowId}`}
              onClick={() => void apply(p)}
            >
              {t('staffing.apply')}
            </button>
          </li>
        ))}
      </ul>
      <h3>{t('staffing.whatIf')}</h3>
      <button
        type="button"
        className="ac-button"
        data-testid="staffing-whatif"
        onClick={() =>
          void store
            .getState()
            .request<WhatIf>('POST', '/staffing/whatif', { seeds: 10 })
            .then((w) => setWhatIf(w ?? null))
        }
      >
        {t('staffing.runWhatIf')}
      </button>
      {whatIf !== null && (
        <table className="ac-table" data-testid="staffing-whatif-result">
          <TableHead labels={[t('staffing.change'), t('kpi.wait'), t('staffing.saved')]} />
          <tbody>
            <tr>
              <td>{t('staffing.asIs', { seeds: whatIf.seeds })}</td>
              <td className="num">{round1(whatIf.baselineMeanWaitMin)}</td>
              <td />
            </tr>
            {whatIf.options.map((o) => (
              <tr key={o.change}>
                <td>{o.change}</td>
                <td className="num">{round1(o.meanWaitMin)}</td>
                <td className="num">{round1(o.reductionMin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
