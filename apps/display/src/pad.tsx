import type { HallClientState } from '@onewindow/client';
import { Clock, errorText, type Locale, localized, OfflineMarker } from '@onewindow/ui';
import { useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { displayText } from './i18n.js';
import { LEVELS, LOW_REASONS, type PadStore } from './pad-store.js';

/** 好差评 pad at a window: who serves here, five large levels after each visit; a low rating asks why. */
export function Pad({
  hall,
  pad,
  windowId,
  locale,
}: {
  hall: StoreApi<HallClientState>;
  pad: PadStore;
  windowId: string;
  locale: Locale;
}) {
  const t = displayText(locale);
  const s = useStore(pad);
  const window = useStore(hall, (h) => h.windows[windowId]);
  const hallName = useStore(hall, (h) => h.hall?.name ?? '');
  const clerk = useStore(hall, (h) => (window?.staffId == null ? undefined : h.staff[window.staffId]));
  const matter = useStore(hall, (h) => h.matters.find((m) => m.id === s.ticket?.matterId));
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      pad.getState().tick();
      setNow(Date.now());
    }, 500);
    return () => clearInterval(timer);
  }, [pad]);
  const secondsLeft = s.deadline === null ? null : Math.max(0, Math.floor((s.deadline - now) / 1_000));
  const timeout = secondsLeft !== null && (
    <p className="pad-timeout">{t('padTimeout', { n: secondsLeft })}</p>
  );

  return (
    <div className="pad" data-testid="pad" data-phase={s.phase} lang={locale}>
      <header className="pad-header">
        <span>{hallName}</span>
        <span>
          {window === undefined ? '' : t('padWindow', { number: window.number, name: window.name })}
        </span>
        <Clock locale={locale} />
      </header>
      {clerk !== undefined && window?.state !== 'closed' && (
        <div className="pad-clerk" data-testid="pad-clerk">
          <b>{t('clerk', { name: clerk.name })}</b>
          {clerk.staffNo !== null && <span>{t('clerkNo', { no: clerk.staffNo })}</span>}
        </div>
      )}
      {s.phase === 'idle' && (
        <div className="pad-idle">
          <h1>{t('padWelcome')}</h1>
          <p>{t('padWelcomeText')}</p>
        </div>
      )}
      {(s.phase === 'rate' || s.phase === 'sending') && s.ticket !== null && (
        <div className="pad-rate">
          <h1>{t('padRate')}</h1>
          <p className="pad-visit" data-testid="pad-visit">
            {t('padVisit', {
              number: s.ticket.number,
              matter: matter === undefined ? '' : localized(locale, matter.name, matter.nameEn),
              window: window?.number ?? '',
            })}
          </p>
          <div className="pad-levels">
            {LEVELS.map((l) => (
              <button
                type="button"
                key={l}
                className={`pad-level level-${l}`}
                data-testid={`level-${l}`}
                disabled={s.phase === 'sending'}
                onClick={() => void pad.getState().choose(l)}
              >
                <span className="pad-face" aria-hidden="true">
                  {'★'.repeat(l)}
                </span>
                {t(`level.${l}`)}
              </button>
            ))}
          </div>
          {timeout}
        </div>
      )}
      {s.phase === 'reasons' && (
        <div className="pad-reasons">
          <h1>{t('padReasons')}</h1>
          <div className="pad-tags">
            {LOW_REASONS.map((r) => (
              <button
                type="button"
                key={r}
                className={`pad-tag ${s.reasons.includes(r) ? 'on' : ''}`}
                aria-pressed={s.reasons.includes(r)}
                data-testid={`reason-${r}`}
                onClick={() => pad.getState().toggleReason(r)}
              >
                {t(`reason.${r}`)}
              </button>
            ))}
          </div>
          <textarea
            data-testid="pad-comment"
            placeholder={t('padComment')}
            value={s.comment}
            onChange={(e) => pad.getState().setComment(e.target.value)}
          />
          <div className="pad-buttons">
            <button
              type="button"
              className="pad-back"
              data-testid="pad-back"
              onClick={() => pad.getState().back()}
            >
              ‹ {t('padBack')}
            </button>
            <button
              type="button"
              className="pad-submit"
              data-testid="pad-submit"
              disabled={s.reasons.length === 0 && s.comment.trim() === ''}
              onClick={() => void pad.getState().submit()}
            >
              {t('padSubmit')}
            </button>
          </div>
          {timeout}
        </div>
      )}
      {s.phase === 'thanks' && (
        <div className="pad-idle" data-testid="pad-thanks">
          <h1>{t('padThanks')}</h1>
          {(s.level ?? 5) <= 2 && <p>{t('padThanksLow')}</p>}
        </div>
      )}
      {s.phase === 'failed' && (
        <div className="pad-idle" data-testid="pad-failed">
          <h1>{t('padFailed')}</h1>
          {s.error !== null && <p>{errorText(locale, s.error)}</p>}
        </div>
      )}
      <OfflineMarker hall={hall} locale={locale} />
    </div>
  );
}
