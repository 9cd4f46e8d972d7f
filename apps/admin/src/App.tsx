import type { HallClient } from '@onewindow/client';
import { useStore } from 'zustand';
import { useT } from './i18n.js';
import { AccountsPage } from './pages/accounts.js';
import { AlertBanner } from './pages/alerts.js';
import { AssessmentPage } from './pages/assessment.js';
import { AuditPage } from './pages/audit.js';
import { BackupPage } from './pages/backup.js';
import { BoardPage } from './pages/board.js';
import { BookingsPage } from './pages/bookings.js';
import { DevicesPage } from './pages/devices.js';
import { HoursPage } from './pages/hours.js';
import { IntegrationsPage } from './pages/integrations.js';
import { LoginPage, SetupPage } from './pages/login.js';
import { MattersPage } from './pages/matters.js';
import { RectificationsPage } from './pages/rectifications.js';
import { ReportPage } from './pages/report.js';
import { StaffPage } from './pages/staff.js';
import { StaffingPage } from './pages/staffing.js';
import { StatsPage } from './pages/stats.js';
import { UnresolvedPage } from './pages/unresolved.js';
import { WindowsPage } from './pages/windows.js';
import { type ConsoleStore, PAGES, type Page } from './store.js';

/** Pages a person may open: accounts and backups are the center administrator's. */
const visible = (page: Page, role: string) =>
  page === 'accounts' || page === 'backup' || page === 'integrations' ? role === 'centerAdmin' : true;

export function App({
  store,
  live,
  setupCode,
}: {
  store: ConsoleStore;
  live: (hallId: string) => HallClient;
  setupCode: string | null;
}) {
  const t = useT(store);
  const person = useStore(store, (s) => s.person);
  const signedOut = useStore(store, (s) => s.signedOut);
  const setupNeeded = useStore(store, (s) => s.setupNeeded);
  const locale = useStore(store, (s) => s.locale);
  if (person === null) {
    if (!signedOut) return <p className="ac-center">{t('loading')}</p>;
    return (
      <div className="ac-signin" lang={locale}>
        {setupNeeded ? <SetupPage store={store} code={setupCode ?? ''} /> : <LoginPage store={store} />}
      </div>
    );
  }
  return <Shell store={store} live={live} />;
}

function Shell({ store, live }: { store: ConsoleStore; live: (hallId: string) => HallClient }) {
  const t = useT(store);
  const person = useStore(store, (s) => s.person);
  const halls = useStore(store, (s) => s.halls);
  const hallId = useStore(store, (s) => s.hallId);
  const page = useStore(store, (s) => s.page);
  const locale = useStore(store, (s) => s.locale);
  if (person === null) return null;
  return (
    <div className="ac" lang={locale} data-page={page}>
      <header className="ac-header">
        <b>{t('title')}</b>
        <select
          aria-label={t('hall')}
          data-testid="hall-select"
          value={hallId ?? ''}
          onChange={(e) => void store.getState().selectHall(e.target.value)}
        >
          {halls.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name} · {t(`level.${h.level}`)}
            </option>
          ))}
        </select>
        <span className="ac-person" data-testid="person">
          {person.displayName} · {t(`role.${person.role}`)}
        </span>
        <button
          type="button"
          className="ac-small light"
          data-testid="locale"
          onClick={() => store.getState().toggleLocale()}
        >
          {t('language')}
        </button>
        <button
          type="button"
          className="ac-small light"
          data-testid="logout"
          onClick={() => void store.getState().logout()}
        >
          {t('logout')}
        </button>
      </header>
      <nav className="ac-nav">
        {PAGES.filter((p) => visible(p, person.role)).map((p) => (
          <button
            type="button"
            key={p}
            className={p === page ? 'on' : ''}
            data-testid={`nav-${p}`}
            onClick={() => store.getState().go(p)}
          >
            {t(`page.${p}`)}
          </button>
        ))}
      </nav>
      <main className="ac-main">
        {hallId === null && page !== 'accounts' ? (
          <p>{t('noHall')}</p>
        ) : (
          <>
            <AlertBanner key={`${hallId}:${page}`} store={store} />
            <PageView store={store} live={live} page={page} hallId={hallId ?? ''} />
          </>
        )}
      </main>
    </div>
  );
}

function PageView({
  store,
  live,
  page,
  hallId,
}: {
  store: ConsoleStore;
  live: (hallId: string) => HallClient;
  page: Page;
  hallId: string;
}) {
  switch (page) {
    case 'board':
      return <BoardPage key={hallId} store={store} client={live(hallId)} />;
    case 'stats':
      return <StatsPage store={store} />;
    case 'report':
      return <ReportPage store={store} />;
    case 'assessment':
      return <AssessmentPage store={store} />;
    case 'rectifications':
      return <RectificationsPage store={store} />;
    case 'unresolved':
      return <UnresolvedPage store={store} />;
    case 'bookings':
      return <BookingsPage store={store} />;
    case 'staffing':
      return <StaffingPage store={store} />;
    case 'matters':
      return <MattersPage store={store} />;
    case 'windows':
      return <WindowsPage store={store} />;
    case 'staff':
      return <StaffPage store={store} />;
    case 'devices':
      return <DevicesPage store={store} />;
    case 'hours':
      return <HoursPage store={store} />;
    case 'audit':
      return <AuditPage store={store} />;
    case 'accounts':
      return <AccountsPage store={store} />;
    case 'backup':
      return <BackupPage store={store} />;
    case 'integrations':
      return <IntegrationsPage store={store} />;
  }
}
