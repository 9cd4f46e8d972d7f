import type { HallClientState } from '@onewindow/client';
import { maskName } from '@onewindow/domain';
import type { KioskSettingsResult, Locale } from '@onewindow/protocol';
import { Clock, localized, printerProblemText, type Speaker, translator } from '@onewindow/ui';
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import { messages } from './messages.js';
import { Button, type T, useT } from './parts.js';
import type { ScreenProps } from './screen-props.js';
import { Categories, Home, Matters, Search } from './screens-browse.js';
import { GuideView } from './screens-guide.js';
import { CardPrompt, CheckIn, GreenChoice, NoWindow } from './screens-resident.js';
import { Notice, TicketView } from './screens-ticket.js';
import type { KioskStore } from './store.js';

export type { ScreenProps } from './screen-props.js';

interface Props {
  kiosk: KioskStore;
  hall: StoreApi<HallClientState>;
  speaker: Speaker;
  idleSeconds: number;
  trackUrl: (ticketId: string, locale: Locale) => string;
  /** A guide's link (a path on the hall server, or a full address) as a phone or this screen opens it. */
  linkUrl: (link: string) => string;
}

/** The kiosk: header, the current screen, back/home, and the paused overlay while the server is away. */
export function App({ kiosk, hall, speaker, idleSeconds, trackUrl, linkUrl }: Props) {
  const t = useT(kiosk);
  const elder = useStore(kiosk, (s) => s.elder);
  const locale = useStore(kiosk, (s) => s.locale);
  const screen = useStore(kiosk, (s) => s.screen);
  const connection = useStore(hall, (s) => s.connection);
  const synced = useStore(hall, (s) => s.synced);
  const spoken = useStore(speaker.store, (s) => s.current?.text ?? s.spoken[s.spoken.length - 1]?.text ?? '');

  useEffect(() => {
    const timer = setInterval(() => kiosk.getState().checkIdle(), 1_000);
    const touch = () => kiosk.getState().touch();
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, [kiosk]);

  const paused = connection !== 'connected' || !synced;
  return (
    <div className="kiosk" data-elder={elder} lang={locale} data-screen={screen.name}>
      <Header kiosk={kiosk} hall={hall} t={t} />
      <CardReminder kiosk={kiosk} t={t} />
      <Banners kiosk={kiosk} t={t} />
      <main className="kiosk-main">
        <ScreenView kiosk={kiosk} hall={hall} t={t} screen={screen} trackUrl={trackUrl} linkUrl={linkUrl} />
      </main>
      {screen.name !== 'home' && screen.name !== 'issuing' && (
        <footer className="kiosk-footer">
          {screen.name !== 'ticket' && (
            <Button kind="quiet" onClick={() => kiosk.getState().back()} testId="back">
              ‹ {t('back')}
            </Button>
          )}
          <Button kind="quiet" onClick={() => kiosk.getState().home()} testId="home">
            ⌂ {t('home')}
          </Button>
          <span className="idle-hint" data-testid="idle-hint">
            {t('idleHint', { n: idleSeconds })}
          </span>
        </footer>
      )}
      {paused && (
        <div className="paused" role="alertdialog" data-testid="paused">
          <div className="paused-box">
            <h1>{t('paused')}</h1>
            <p>{t('pausedHint')}</p>
          </div>
        </div>
      )}
      <div className="sr-live" aria-live="polite" data-testid="spoken">
        {spoken}
      </div>
    </div>
  );
}

function Header({ kiosk, hall, t }: { kiosk: KioskStore; hall: StoreApi<HallClientState>; t: T }) {
  const hallInfo = useStore(hall, (s) => s.hall);
  const locale = useStore(kiosk, (s) => s.locale);
  const elder = useStore(kiosk, (s) => s.elder);
  return (
    <header className="kiosk-header">
      <div>
        <div className="hall-name">
          {hallInfo === null ? '' : localized(locale, hallInfo.name, hallInfo.nameEn)}
        </div>
        <div className="clock">
          <Clock locale={locale} />
        </div>
      </div>
      <div className="header-actions">
        <Button kind="quiet" onClick={() => kiosk.getState().toggleElder()} testId="elder">
          {elder ? t('elderOff') : t('elderOn')}
        </Button>
        <Button kind="quiet" onClick={() => kiosk.getState().toggleLocale()} testId="locale">
          {t('language')}
        </Button>
      </div>
    </header>
  );
}

/** After a card read, whatever happens next: the card must not stay on the reader. */
function CardReminder({ kiosk, t }: { kiosk: KioskStore; t: T }) {
  const until = useStore(kiosk, (s) => s.cardReminderUntil);
  if (until === null) return null;
  return (
    <div className="card-reminder" role="alert" data-testid="card-reminder">
      {t('takeCardBack')}
    </div>
  );
}

function Banners({ kiosk, t }: { kiosk: KioskStore; t: T }) {
  const resident = useStore(kiosk, (s) => s.resident);
  const green = useStore(kiosk, (s) => s.green);
  const offeredAge = useStore(kiosk, (s) => s.greenOfferedAge);
  const printer = useStore(kiosk, (s) => s.printer);
  const locale = useStore(kiosk, (s) => s.locale);
  const screen = useStore(kiosk, (s) => s.screen.name);
  if (screen === 'ticket' || screen === 'issuing') return null;
  return (
    <div className="banners">
      {printer !== null && !printer.ready && printer.problem !== null && printer.problem !== 'absent' && (
        <div className="banner warn" data-testid="printer-warning">
          {t('printerWarning', { reason: printerProblemText(locale, printer.problem) })}
        </div>
      )}
      {resident !== null && (
        <div className="banner info" data-testid="resident">
          {t('realName', { name: maskName(resident.name) })} · {resident.idNumberMasked}
        </div>
      )}
      {green !== null && (
        <div className="banner green" data-testid="green">
          <span>
            {offeredAge !== null
              ? t('greenOffered', { age: offeredAge })
              : t('greenActive', { reason: t(`reason.${green}`) })}
          </span>
          <Button kind="quiet" onClick={() => kiosk.getState().chooseGreen(null)} testId="green-decline">
            {t('greenDecline')}
          </Button>
        </div>
      )}
    </div>
  );
}

function ScreenView(p: ScreenProps) {
  const { screen } = p;
  switch (screen.name) {
    case 'home':
      return <Home {...p} />;
    case 'categories':
      return <Categories {...p} guides={false} />;
    case 'guides':
      return screen.categoryId === null ? (
        <Categories {...p} guides={true} />
      ) : (
        <Matters {...p} categoryId={screen.categoryId} guides={true} />
      );
    case 'matters':
      return <Matters {...p} categoryId={screen.categoryId} guides={false} />;
    case 'search':
      return <Search {...p} query={screen.query} />;
    case 'guide':
      return <GuideView {...p} matterId={screen.matterId} />;
    case 'card':
      return <CardPrompt {...p} purpose={screen.purpose} />;
    case 'green':
      return <GreenChoice {...p} />;
    case 'checkIn':
      return <CheckIn {...p} code={screen.code} />;
    case 'noWindow':
      return <NoWindow {...p} matterId={screen.matterId} />;
    case 'issuing':
      return (
        <div className="center" data-testid="issuing">
          <div className="spinner" />
          <h2>{p.t('issuing')}</h2>
        </div>
      );
    case 'ticket':
      return <TicketView {...p} screen={screen} />;
    case 'notice':
      return <Notice {...p} screen={screen} />;
  }
}

/** Shown instead of the kiosk when its device file is wrong. */
export function ConfigError({ result }: { result: Extract<KioskSettingsResult, { ok: false }> }) {
  const t = translator(messages, 'zh-CN');
  return (
    <div className="kiosk config-error" data-testid="config-error">
      <div className="center">
        <h1>{t('configTitle')}</h1>
        <p>{t('configText', { file: result.file })}</p>
        <ul>
          {result.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
