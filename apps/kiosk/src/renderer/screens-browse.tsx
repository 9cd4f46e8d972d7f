import type { MatterSummary } from '@onewindow/protocol';
import { localized } from '@onewindow/ui';
import { useStore } from 'zustand';
import type { MessageKey } from './messages.js';
import { Button, estimateText } from './parts.js';
import type { ScreenProps } from './screen-props.js';
import { searchMatters } from './search.js';
import type { Screen } from './store.js';

export function Home({ kiosk, hall, t }: ScreenProps) {
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

export function Categories({ kiosk, hall, t, guides }: ScreenProps & { guides: boolean }) {
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
      <div className="grid categories">
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
              <span className="matter-name">
                {localized(locale, m.name, m.nameEn)}
                {m.bundleOf !== undefined && (
                  <span className="bundle-tag" data-testid={`bundle-${m.id}`}>
                    {t('bundleTag', { n: m.bundleOf.length })}
                  </span>
                )}
              </span>
              <span className="matter-load">
                {out
                  ? t('soldOut')
                  : `${t('waitingShort', { n: load?.waiting ?? 0 })} · ${estimateText(t, locale, load?.estimatedWaitMin ?? null, load?.range)}`}
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

export function Matters(p: ScreenProps & { categoryId: string; guides: boolean }) {
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

/** Letters for names and pinyin initials; digits and the dash for matter codes (SH-001). */
const KEYS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ...'1234567890', '-'];

export function Search(p: ScreenProps & { query: string }) {
  const matters = useStore(p.hall, (s) => s.matters);
  const set = (query: string) => p.kiosk.setState({ screen: { name: 'search', query: query.slice(0, 30) } });
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
        <button
          type="button"
          className="key wide"
          data-testid="key-back"
          onClick={() => set(p.query.slice(0, -1))}
        >
          ⌫
        </button>
        <button type="button" className="key wide" data-testid="key-clear" onClick={() => set('')}>
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
