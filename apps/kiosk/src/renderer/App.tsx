import type { HallClientState } from '@onewindow/client';
import { type GreenReason, type Matter, maskName } from '@onewindow/domain';
import type { KioskSettingsResult, MatterSummary } from '@onewindow/protocol';
import {
  Clock,
  type Locale,
  localized,
  QrCode,
  type Speaker,
  type Translate,
  translator,
  waitText,
} from '@onewindow/ui';
import { type ReactNode, useEffect } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import { type MessageKey, messages } from './messages.js';
import { searchMatters } from './search.js';
import type { KioskStore, Screen } from './store.js';

interface Props {
  kiosk: KioskStore;
  hall: StoreApi<HallClientState>;
  speaker: Speaker;
  idleSeconds: number;
  trackUrl: (ticketId: string) => string;
}

const GREEN_REASONS: readonly GreenReason[] = ['elderly', 'disabled', 'military', 'pregnant', 'other'];

function useT(kiosk: KioskStore): Translate<MessageKey> {
  const locale = useStore(kiosk, (s) => s.locale);
  return translator(messages, locale);
}

function Button(props: {
  onClick: () => void;
  children: ReactNode;
  kind?: 'primary' | 'green' | 'quiet';
  disabled?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`ow-button ${props.kind ?? ''} ${props.className ?? ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}

/** The kiosk: header, the current screen, back/home, and the paused overlay while the server is away. */
export function App({ kiosk, hall, speaker, idleSeconds, trackUrl }: Props) {
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
      <Banners kiosk={kiosk} t={t} />
      <main className="kiosk-main">
        <ScreenView kiosk={kiosk} hall={hall} t={t} screen={screen} trackUrl={trackUrl} />
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
          <span className="idle-hint">{t('idleHint', { n: idleSeconds })}</span>
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

function Header({
  kiosk,
  hall,
  t,
}: {
  kiosk: KioskStore;
  hall: StoreApi<HallClientState>;
  t: Translate<MessageKey>;
}) {
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

function Banners({ kiosk, t }: { kiosk: KioskStore; t: Translate<MessageKey> }) {
  const resident = useStore(kiosk, (s) => s.resident);
  const green = useStore(kiosk, (s) => s.green);
  const offeredAge = useStore(kiosk, (s) => s.greenOfferedAge);
  const printer = useStore(kiosk, (s) => s.printer);
  const screen = useStore(kiosk, (s) => s.screen.name);
  if (screen === 'ticket' || screen === 'issuing') return null;
  return (
    <div className="banners">
      {printer !== null && !printer.ready && printer.problem !== 'absent' && (
        <div className="banner warn" data-testid="printer-warning">
          {t('printerWarning', { reason: printer.message })}
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

/** 预计等候 约 12 分钟, or just 暂无窗口受理 while no window serves the matter. */
function estimateText(t: Translate<MessageKey>, locale: Locale, minutes: number | null): string {
  return minutes === null ? waitText(locale, null) : t('estimate', { wait: waitText(locale, minutes) });
}

interface ScreenProps {
  kiosk: KioskStore;
  hall: StoreApi<HallClientState>;
  t: Translate<MessageKey>;
  screen: Screen;
  trackUrl: (ticketId: string) => string;
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

function Home({ kiosk, hall, t }: ScreenProps) {
  const waiting = useStore(hall, (s) => s.stats?.totalWaiting ?? 0);
  const go = kiosk.getState().go;
  const tiles: {
    key: MessageKey;
    hint: MessageKey;
    kind: 'primary' | 'green' | undefined;
    to: Screen;
    id: string;
  }[] = [
    { key: 'takeNumber', hint: 'takeNumberHint', kind: 'primary', to: { name: 'categories' }, id: 'take' },
    {
      key: 'cardTicket',
      hint: 'cardTicketHint',
      kind: undefined,
      to: { name: 'card', purpose: 'ticket' },
      id: 'card',
    },
    {
      key: 'checkIn',
      hint: 'checkInHint',
      kind: undefined,
      to: { name: 'checkIn', code: '' },
      id: 'checkin',
    },
    {
      key: 'guides',
      hint: 'guidesHint',
      kind: undefined,
      to: { name: 'guides', categoryId: null },
      id: 'guides',
    },
    { key: 'greenChannel', hint: 'greenChannelHint', kind: 'green', to: { name: 'green' }, id: 'green' },
  ];
  return (
    <div className="home">
      <h1 className="home-title">{t('title')}</h1>
      <p className="home-waiting" data-testid="waiting">
        {t('waitingNow', { n: waiting })}
      </p>
      <div className="home-tiles">
        {tiles.map((tile) => (
          <Button
            key={tile.id}
            kind={tile.kind}
            onClick={() => go(tile.to)}
            testId={`home-${tile.id}`}
            className="tile"
          >
            <span className="tile-title">{t(tile.key)}</span>
            <span className="tile-hint">{t(tile.hint)}</span>
          </Button>
        ))}
      </div>
    </div>
  );
}

function Categories({ kiosk, hall, t, guides }: ScreenProps & { guides: boolean }) {
  const categories = useStore(hall, (s) => s.categories);
  const stats = useStore(hall, (s) => s.stats);
  const matters = useStore(hall, (s) => s.matters);
  const locale = useStore(kiosk, (s) => s.locale);
  const go = kiosk.getState().go;
  return (
    <div className="list-screen">
      <h2>{guides ? t('guides') : t('chooseCategory')}</h2>
      <Button
        kind="quiet"
        className="search-open"
        onClick={() => go({ name: 'search', query: '' })}
        testId="search-open"
      >
        {t('search')}
      </Button>
      <div className="grid">
        {categories.map((c) => {
          const waiting = (stats?.matters ?? [])
            .filter((m) => m.categoryId === c.id)
            .reduce((sum, m) => sum + m.waiting, 0);
          const count = matters.filter((m) => m.categoryId === c.id).length;
          return (
            <Button
              key={c.id}
              onClick={() =>
                go(guides ? { name: 'guides', categoryId: c.id } : { name: 'matters', categoryId: c.id })
              }
              testId={`category-${c.id}`}
              className="tile"
            >
              <span className="tile-title">{localized(locale, c.name, c.nameEn)}</span>
              <span className="tile-hint">
                {t('matterCount', { n: count })} · {t('waitingShort', { n: waiting })}
              </span>
            </Button>
          );
        })}
      </div>
    </div>
  );
}

function MatterRows({
  kiosk,
  hall,
  t,
  items,
  guides,
}: ScreenProps & { items: MatterSummary[]; guides: boolean }) {
  const stats = useStore(hall, (s) => s.stats);
  const soldOut = useStore(kiosk, (s) => s.soldOut);
  const locale = useStore(kiosk, (s) => s.locale);
  const { takeNumber, openGuide } = kiosk.getState();
  return (
    <ul className="matters">
      {items.map((m) => {
        const load = stats?.matters.find((l) => l.matterId === m.id);
        const out = soldOut.includes(m.id);
        return (
          <li key={m.id} className={`matter-row ${out ? 'sold-out' : ''}`}>
            <Button
              onClick={() => (guides ? void openGuide(m.id) : void takeNumber(m.id))}
              disabled={out && !guides}
              testId={`matter-${m.id}`}
              className="matter-main"
            >
              <span className="matter-name">{localized(locale, m.name, m.nameEn)}</span>
              <span className="matter-load">
                {out
                  ? t('soldOut')
                  : `${t('waitingShort', { n: load?.waiting ?? 0 })} · ${estimateText(t, locale, load?.estimatedWaitMin ?? null)}`}
              </span>
            </Button>
            {!guides && (
              <Button
                kind="quiet"
                onClick={() => void openGuide(m.id)}
                testId={`guide-${m.id}`}
                className="matter-guide"
              >
                {t('guide')}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Matters(p: ScreenProps & { categoryId: string; guides: boolean }) {
  const matters = useStore(p.hall, (s) => s.matters);
  const categories = useStore(p.hall, (s) => s.categories);
  const locale = useStore(p.kiosk, (s) => s.locale);
  const category = categories.find((c) => c.id === p.categoryId);
  return (
    <div className="list-screen">
      <h2>
        {category === undefined ? p.t('chooseMatter') : localized(locale, category.name, category.nameEn)}
      </h2>
      <MatterRows {...p} items={matters.filter((m) => m.categoryId === p.categoryId)} />
    </div>
  );
}

const KEYS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function Search(p: ScreenProps & { query: string }) {
  const matters = useStore(p.hall, (s) => s.matters);
  const set = (query: string) => p.kiosk.setState({ screen: { name: 'search', query } });
  const results = searchMatters(matters, p.query);
  return (
    <div className="list-screen">
      <h2>{p.t('search')}</h2>
      <input
        className="search-input"
        data-testid="search-input"
        value={p.query}
        placeholder={p.t('searchPlaceholder')}
        onChange={(e) => set(e.target.value)}
      />
      <div className="keypad letters">
        {KEYS.map((k) => (
          <button
            type="button"
            key={k}
            className="key"
            onClick={() => set(p.query + k.toLowerCase())}
            data-testid={`key-${k}`}
          >
            {k}
          </button>
        ))}
        <button type="button" className="key wide" onClick={() => set(p.query.slice(0, -1))}>
          ⌫
        </button>
        <button type="button" className="key wide" onClick={() => set('')}>
          {p.t('clear')}
        </button>
      </div>
      {p.query.trim() !== '' && results.length === 0 ? (
        <p className="muted">{p.t('searchNone')}</p>
      ) : (
        <MatterRows {...p} items={results.slice(0, 12)} guides={false} />
      )}
    </div>
  );
}

function GuideView({ kiosk, hall, t, matterId }: ScreenProps & { matterId: string }) {
  const guide = useStore(kiosk, (s) => s.guides[matterId]);
  const locale = useStore(kiosk, (s) => s.locale);
  const soldOut = useStore(kiosk, (s) => s.soldOut.includes(matterId));
  const summary = useStore(hall, (s) => s.matters.find((m) => m.id === matterId));
  if (guide === undefined) return <p className="center">{t('guideLoading')}</p>;
  if (guide === 'failed') return <p className="center">{t('guideFailed')}</p>;
  const m: Matter = guide;
  return (
    <article className="guide" data-testid="guide">
      <h2>{localized(locale, m.name, m.nameEn)}</h2>
      <p className="muted">
        {m.code} · {m.kind === 'instant' ? t('instant') : t('promised', { n: m.promisedDays ?? 0 })} ·{' '}
        {t('department')}：{m.department}
      </p>
      {m.guide.summary !== undefined && <p>{m.guide.summary}</p>}
      <Section title={t('conditions')} items={m.guide.conditions} />
      <section>
        <h3>{t('materials')}</h3>
        <ol className="materials">
          {m.guide.materials.map((mat) => (
            <li key={mat.name}>
              <strong>{mat.name}</strong>
              <span className="muted">
                {' '}
                {mat.original > 0 && t('original', { n: mat.original })}{' '}
                {mat.copies > 0 && t('copies', { n: mat.copies })}
                {mat.note !== undefined && ` · ${mat.note}`}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <Section title={t('steps')} items={m.guide.steps} ordered />
      <section>
        <h3>{t('timeLimit')}</h3>
        <p>{m.guide.timeLimit}</p>
        <h3>{t('fees')}</h3>
        <p>{m.guide.fees}</p>
      </section>
      <Section title={t('legalBasis')} items={m.guide.legalBasis} />
      {m.guide.faq.length > 0 && (
        <section>
          <h3>{t('faq')}</h3>
          {m.guide.faq.map((f) => (
            <p key={f.q}>
              <strong>{f.q}</strong>
              <br />
              {f.a}
            </p>
          ))}
        </section>
      )}
      {summary !== undefined && !soldOut && (
        <Button
          kind="primary"
          onClick={() => void kiosk.getState().takeNumber(matterId)}
          testId="guide-take"
          className="wide"
        >
          {t('takeForThis')}
        </Button>
      )}
    </article>
  );
}

function Section({ title, items, ordered }: { title: string; items: readonly string[]; ordered?: boolean }) {
  if (items.length === 0) return null;
  const list = items.map((i) => <li key={i}>{i}</li>);
  return (
    <section>
      <h3>{title}</h3>
      {ordered ? <ol>{list}</ol> : <ul>{list}</ul>}
    </section>
  );
}

function CardPrompt({ kiosk, t, purpose }: ScreenProps & { purpose: 'ticket' | 'checkIn' }) {
  const problem = useStore(kiosk, (s) => s.cardProblem);
  const hasReader = useStore(kiosk, (s) => s.hasIdCardReader);
  return (
    <div className="center card-prompt" data-testid="card-prompt" data-purpose={purpose}>
      <div className="card-art" aria-hidden="true">
        <div className="card-shape">ID</div>
      </div>
      <h2>{hasReader ? t('placeCard') : t('readerMissing')}</h2>
      {problem === null && hasReader && <p className="muted">{t('placeCardHint')}</p>}
      {problem === 'failed' && (
        <div className="banner warn" data-testid="card-problem">
          <strong>{t('cardFailed')}</strong>
          <br />
          {t('cardFailedHint')}
        </div>
      )}
      {problem === 'expired' && (
        <div className="banner warn" data-testid="card-problem">
          {t('cardExpired')}
        </div>
      )}
      {problem === 'noId' && (
        <div className="banner warn" data-testid="card-problem">
          {t('cardNoId')}
        </div>
      )}
      {problem !== null && (
        <Button kind="primary" onClick={() => kiosk.getState().go({ name: 'categories' })}>
          {t('takeNumber')}
        </Button>
      )}
    </div>
  );
}

function GreenChoice({ kiosk, t }: ScreenProps) {
  return (
    <div className="list-screen">
      <h2>{t('greenChoose')}</h2>
      <p className="muted">{t('greenVerify')}</p>
      <div className="grid">
        {GREEN_REASONS.map((r) => (
          <Button
            key={r}
            kind="green"
            className="tile"
            testId={`reason-${r}`}
            onClick={() => {
              kiosk.getState().chooseGreen(r);
              kiosk.getState().go({ name: 'categories' });
            }}
          >
            <span className="tile-title">{t(`reason.${r}`)}</span>
          </Button>
        ))}
      </div>
    </div>
  );
}

function CheckIn({ kiosk, t, code }: ScreenProps & { code: string }) {
  const hasReader = useStore(kiosk, (s) => s.hasIdCardReader);
  const set = (c: string) => kiosk.setState({ screen: { name: 'checkIn', code: c.slice(0, 16) } });
  return (
    <div className="list-screen">
      <h2>{t('checkInTitle')}</h2>
      {hasReader && (
        <Button
          kind="primary"
          className="wide"
          testId="checkin-card"
          onClick={() => kiosk.getState().go({ name: 'card', purpose: 'checkIn' })}
        >
          {t('checkInByCard')}
        </Button>
      )}
      <h3>{t('checkInByCode')}</h3>
      <input
        className="search-input code"
        data-testid="code-input"
        value={code}
        inputMode="numeric"
        placeholder={t('codePrompt')}
        onChange={(e) => set(e.target.value.replace(/[^0-9A-Za-z]/g, ''))}
      />
      <div className="keypad digits">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', '✓'].map((k) => (
          <button
            type="button"
            key={k}
            className={`key ${k === '✓' ? 'ok' : ''}`}
            data-testid={`digit-${k}`}
            disabled={k === '✓' && code.length < 4}
            onClick={() => {
              if (k === '⌫') set(code.slice(0, -1));
              else if (k === '✓') void kiosk.getState().checkInWithCode(code);
              else set(code + k);
            }}
          >
            {k === '✓' ? t('confirm') : k}
          </button>
        ))}
      </div>
    </div>
  );
}

function TicketView({
  kiosk,
  t,
  screen,
  trackUrl,
}: ScreenProps & { screen: Extract<Screen, { name: 'ticket' }> }) {
  const locale = useStore(kiosk, (s) => s.locale);
  const { issued, print } = screen;
  const ticket = issued.ticket;
  const url = trackUrl(ticket.id);
  return (
    <div className="ticket" data-testid="ticket" data-print={print.state}>
      <p className="muted">{t('yourNumber')}</p>
      <div className="ticket-number" data-testid="ticket-number">
        {ticket.number}
      </div>
      <div className="ticket-matter">{issued.matterName}</div>
      <div className="ticket-badges">
        {ticket.priorityClass === 'appointment' && <span className="badge">{t('classAppointment')}</span>}
        {ticket.priorityClass === 'green' && (
          <span className="badge green" data-testid="ticket-green">
            {t('classGreen')}
          </span>
        )}
        {ticket.resident !== null && (
          <span className="badge" data-testid="ticket-name">
            {ticket.resident.nameMasked}
          </span>
        )}
      </div>
      <p className="ticket-ahead" data-testid="ticket-ahead">
        {t('peopleAhead', { n: issued.position.peopleAhead })} ·{' '}
        {estimateText(t, locale, issued.position.estimatedWaitMin)}
      </p>
      <div className={`ticket-qr ${print.state === 'failed' ? 'big' : ''}`}>
        <QrCode text={url} size={print.state === 'failed' ? 420 : 240} label={t('scanToFollow')} />
        <p className="muted">{t('scanToFollow')}</p>
      </div>
      {print.state === 'printing' && <p data-testid="print-state">{t('printing')}</p>}
      {print.state === 'printed' && <p data-testid="print-state">{t('printed')}</p>}
      {print.state === 'failed' && (
        <div className="banner warn" data-testid="print-state">
          <strong>{t('printFailed', { reason: print.message })}</strong>
          <br />
          {t('scanInstead')}
        </div>
      )}
      <Button kind="primary" className="wide" onClick={() => kiosk.getState().home()} testId="done">
        {t('done')}
      </Button>
    </div>
  );
}

const NOTICE_TEXT: Record<string, [MessageKey, MessageKey]> = {
  quota: ['quotaTitle', 'quotaText'],
  closed: ['closedTitle', 'closedText'],
  tooEarly: ['tooEarlyTitle', 'tooEarlyText'],
  tooLate: ['tooLateTitle', 'tooLateText'],
  noAppointment: ['noAppointmentTitle', 'noAppointmentText'],
  used: ['usedTitle', 'usedText'],
  cancelled: ['cancelledTitle', 'cancelledText'],
  invalidId: ['invalidIdTitle', 'invalidIdText'],
  error: ['errorTitle', 'errorText'],
};

function Notice({ kiosk, t, screen }: ScreenProps & { screen: Extract<Screen, { name: 'notice' }> }) {
  const [title, text] = NOTICE_TEXT[screen.kind] ?? ['errorTitle', 'errorText'];
  const offer = screen.offerMatterId;
  return (
    <div className="center notice" data-testid="notice" data-kind={screen.kind}>
      <h2>{t(title)}</h2>
      <p>{t(text, screen.vars)}</p>
      {offer !== null && (
        <Button kind="primary" testId="offer-normal" onClick={() => void kiosk.getState().takeNumber(offer)}>
          {t('normalTicketOffer')}
        </Button>
      )}
    </div>
  );
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
