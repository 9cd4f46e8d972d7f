import type { HallClientState } from '@onewindow/client';
import type { Matter } from '@onewindow/domain';
import type { Locale } from '@onewindow/protocol';
import { localized, QrCode } from '@onewindow/ui';
import { type StoreApi, useStore } from 'zustand';
import type { T } from './parts.js';

/** 白话版 first: what most residents read before anything else. */
export function PlainWords({ m, t }: { m: Matter; t: T }) {
  if (m.guide.plain === undefined) return null;
  return (
    <section className="plain" data-testid="guide-plain">
      <h3>{t('plain')}</h3>
      <p>{m.guide.plain}</p>
    </section>
  );
}

/** A 一件事 bundle names the matters it takes care of in one visit. */
export function BundleMembers({
  m,
  t,
  hall,
  locale,
}: {
  m: Matter;
  t: T;
  hall: StoreApi<HallClientState>;
  locale: Locale;
}) {
  const matters = useStore(hall, (s) => s.matters);
  if (m.bundleOf === undefined) return null;
  return (
    <section className="bundle" data-testid="guide-bundle">
      <h3>{t('bundleHas', { n: m.bundleOf.length })}</h3>
      <ul>
        {m.bundleOf.map((id) => {
          const member = matters.find((x) => x.id === id);
          return (
            <li key={id}>{member === undefined ? id : localized(locale, member.name, member.nameEn)}</li>
          );
        })}
      </ul>
      <p>{t('bundleOneVisit')}</p>
    </section>
  );
}

/**
 * Pictures, the video, forms to download, 中介服务 and 特别程序. The kiosk cannot hand over a file,
 * so a video or a form is a QR code the resident scans with their phone.
 */
export function GuideExtras({ m, t, linkUrl }: { m: Matter; t: T; linkUrl: (link: string) => string }) {
  const g = m.guide;
  return (
    <>
      {g.pictures.length > 0 && (
        <section className="guide-pictures" data-testid="guide-pictures">
          <h3>{t('pictures')}</h3>
          {g.pictures.map((p) => (
            <figure key={p.url}>
              <img src={linkUrl(p.url)} alt={p.caption ?? ''} />
              {p.caption !== undefined && <figcaption>{p.caption}</figcaption>}
            </figure>
          ))}
        </section>
      )}
      {(g.videoUrl !== undefined || g.forms.length > 0) && (
        <section className="guide-links" data-testid="guide-links">
          <h3>{t('scanToOpen')}</h3>
          <div className="guide-qrs">
            {g.videoUrl !== undefined && (
              <figure>
                <QrCode text={linkUrl(g.videoUrl)} size={160} label={t('video')} />
                <figcaption>{t('video')}</figcaption>
              </figure>
            )}
            {g.forms.map((f) => (
              <figure key={f.url}>
                <QrCode text={linkUrl(f.url)} size={160} label={f.name} />
                <figcaption>{f.name}</figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      {g.intermediary !== undefined && (
        <section>
          <h3>{t('intermediary')}</h3>
          <p>{g.intermediary}</p>
        </section>
      )}
      {g.specialProcedures !== undefined && (
        <section>
          <h3>{t('specialProcedures')}</h3>
          <p>{g.specialProcedures}</p>
        </section>
      )}
    </>
  );
}
