import type { GreenReason } from '@onewindow/domain';
import { localized } from '@onewindow/ui';
import { useStore } from 'zustand';
import { Button } from './parts.js';
import type { ScreenProps } from './screen-props.js';

const GREEN_REASONS: readonly GreenReason[] = ['elderly', 'disabled', 'military', 'pregnant', 'other'];

export function CardPrompt({ kiosk, t, purpose }: ScreenProps & { purpose: 'ticket' | 'checkIn' }) {
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
      {(problem !== null || !hasReader) && (
        <Button
          kind="primary"
          className="wide"
          testId="card-take-normal"
          onClick={() => kiosk.getState().go({ name: 'categories' })}
        >
          {t('takeNumber')}
        </Button>
      )}
    </div>
  );
}

export function GreenChoice({ kiosk, t }: ScreenProps) {
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

export function CheckIn({ kiosk, t, code }: ScreenProps & { code: string }) {
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

/** No open window serves the matter now: say so before a resident waits for nothing. */
export function NoWindow({ kiosk, hall, t, matterId }: ScreenProps & { matterId: string }) {
  const locale = useStore(kiosk, (s) => s.locale);
  const matter = useStore(hall, (s) => s.matters.find((m) => m.id === matterId));
  const name = matter === undefined ? matterId : localized(locale, matter.name, matter.nameEn);
  return (
    <div className="center notice" data-testid="no-window">
      <h2>{t('noWindowTitle')}</h2>
      <p>{t('noWindowText', { matter: name })}</p>
      <Button
        kind="primary"
        className="wide"
        testId="take-anyway"
        onClick={() => void kiosk.getState().takeNumber(matterId, true)}
      >
        {t('takeAnyway')}
      </Button>
      <Button kind="quiet" className="wide" testId="no-window-back" onClick={() => kiosk.getState().back()}>
        {t('back')}
      </Button>
    </div>
  );
}
