import type { Matter } from '@onewindow/domain';
import { localized } from '@onewindow/ui';
import { useStore } from 'zustand';
import { BundleMembers, GuideExtras, PlainWords } from './guide-extras.js';
import { Button, counted } from './parts.js';
import type { ScreenProps } from './screen-props.js';

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

export function GuideView({ kiosk, hall, t, matterId, linkUrl }: ScreenProps & { matterId: string }) {
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
      {locale === 'en' && (
        <p className="banner info" data-testid="guide-language">
          {t('guideChineseOnly')}
        </p>
      )}
      <p className="muted">
        {m.code} · {m.kind === 'instant' ? t('instant') : t('promised', { n: m.promisedDays ?? 0 })} ·{' '}
        {t('department')}：{m.department}
      </p>
      {m.guide.summary !== undefined && <p>{m.guide.summary}</p>}
      <BundleMembers m={m} t={t} hall={hall} locale={locale} />
      <PlainWords m={m} t={t} />
      <Section title={t('conditions')} items={m.guide.conditions} />
      <section>
        <h3>{t('materials')}</h3>
        <ol className="materials">
          {m.guide.materials.map((mat) => (
            <li key={mat.name}>
              <strong>{mat.name}</strong>
              <span className="muted">
                {' '}
                {mat.original > 0 && counted(t, mat.original, 'original', 'originals')}{' '}
                {mat.copies > 0 && counted(t, mat.copies, 'copy', 'copies')}
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
      <GuideExtras m={m} t={t} linkUrl={linkUrl} />
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
