import type { Locale } from '@onewindow/protocol';

/** Escapes text for HTML: names and notes come from configuration and clerks. */
export const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A Shanghai wall-clock time: 2026-11-23 09:05. */
export function shanghaiClock(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The language of a phone page: `?lang=` wins (the ticket's QR carries the kiosk's choice), then
 * the phone's own Accept-Language, else Chinese.
 */
export function pageLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  if (lang === 'en') return 'en';
  if (lang === 'zh' || lang === 'zh-CN') return 'zh-CN';
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

const STYLE = `body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Droid Sans Fallback",sans-serif;margin:1.5rem;background:#f5f7fa;color:#1a1a1a;line-height:1.6}
h1{color:#0b5cad;font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.5rem}
table{border-collapse:collapse;background:#fff;min-width:50%}td,th{border:1px solid #ccd;padding:.35rem .7rem;text-align:left}
th{background:#e8ecf3}.num{font-weight:700;font-size:1.1rem}.muted{color:#556}.big{font-size:3.2rem;font-weight:800;color:#0b5cad;letter-spacing:.05em}
.state{font-size:1.3rem;font-weight:700}.alert{background:#fff3cd;border:2px solid #c77c00;border-radius:10px;padding:.8rem 1rem;font-size:1.25rem}
.go{background:#e3f5ea;border:2px solid #1d8a4a;border-radius:10px;padding:.8rem 1rem;font-size:1.4rem;font-weight:700}
.lang{float:right;font-size:1rem}
.sheet{background:#fff;max-width:40rem;margin:auto;padding:1.5rem 2rem;border:1px solid #ccd}
.sheet h1{text-align:center;color:#1a1a1a;margin-bottom:.2rem}.sheet h2{text-align:center;margin-top:0}
.sheet dl{display:grid;grid-template-columns:7em 1fr;gap:.2rem .5rem}.sheet dt{color:#556}.sheet dd{margin:0}
@media print{body{background:#fff;margin:0}.sheet{border:0}.noprint{display:none}}`;

export interface PageOptions {
  locale?: Locale;
  refreshSec?: number;
  /** Offers the other language as a link (phone pages). */
  switchable?: boolean;
}

/** One self-contained HTML page: no scripts, so it works on any phone browser. */
export function page(title: string, body: string, o: PageOptions = {}): string {
  const locale = o.locale ?? 'zh-CN';
  const other =
    o.switchable === true
      ? `<a class="lang noprint" href="?lang=${locale === 'en' ? 'zh' : 'en'}" data-testid="page-lang">${
          locale === 'en' ? '中文' : 'English'
        }</a>`
      : '';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${o.refreshSec === undefined ? '' : `<meta http-equiv="refresh" content="${o.refreshSec}">`}<title>${esc(title)}</title>
<style>
${STYLE}
</style></head><body>${other}${body}</body></html>`;
}
