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
.go{background:#e3f5ea;border:2px solid #17773f;border-radius:10px;padding:.8rem 1rem;font-size:1.4rem;font-weight:700}
.lang{float:right;font-size:1rem}
.sheet{background:#fff;max-width:40rem;margin:auto;padding:1.5rem 2rem;border:1px solid #ccd}
.sheet h1{text-align:center;color:#1a1a1a;margin-bottom:.2rem}.sheet h2{text-align:center;margin-top:0}
.sheet dl{display:grid;grid-template-columns:7em 1fr;gap:.2rem .5rem}.sheet dt{color:#556}.sheet dd{margin:0}
.crumbs{font-size:.95rem;color:#556}.crumbs a{color:#0b5cad}
.list{list-style:none;padding:0}.list li{margin:.4rem 0}.list a,.chip{display:block;background:#fff;border:1px solid #ccd;border-radius:10px;padding:.7rem 1rem;color:#0b5cad;text-decoration:none;font-weight:600}
.chips{display:flex;flex-wrap:wrap;gap:.5rem}.chips .chip,.chips span.chip{display:inline-block}.chip.on{background:#0b5cad;color:#fff}.chip.off{color:#55556a;background:#eef}
.chip small{display:block;font-weight:400;color:inherit}
form.book label{display:block;margin:.6rem 0}form.book input,form.book select{display:block;width:100%;max-width:24rem;font-size:1.1rem;padding:.5rem;border:1px solid #99a;border-radius:8px}
button,.button{font-size:1.15rem;padding:.6rem 1.2rem;border-radius:10px;border:0;background:#0b5cad;color:#fff;margin:.3rem .3rem .3rem 0}
button.secondary{background:#fff;color:#b00020;border:2px solid #b00020}
.error{background:#fde8e8;border:2px solid #b00020;border-radius:10px;padding:.7rem 1rem;color:#7a0016}
.code{font-size:2.6rem;font-weight:800;letter-spacing:.15em;color:#0b5cad}.qr svg{width:12rem;height:12rem;background:#fff}
.rate fieldset{border:0;padding:0}.rate input[name=comment]{width:100%;max-width:24rem;font-size:1.1rem;padding:.4rem}.rate label{display:inline-block;margin:.2rem .4rem .2rem 0}
.flash{animation:flash 1s ease-in-out 3}@keyframes flash{50%{background:#ffe08a}}
body.large{font-size:1.35rem}body.large .big{font-size:4rem}body.large button,body.large form.book input{font-size:1.45rem}
@media print{body{background:#fff;margin:0}.sheet{border:0}.noprint{display:none}}`;

export interface PageOptions {
  locale?: Locale;
  /** Offers the other language as a link (phone pages). */
  switchable?: boolean;
  /** Where the language link goes (default: this page with ?lang=). */
  switchHref?: string;
  /** Large type (booking pages' option). */
  large?: boolean;
  /** Extra markup in the head (the live phone page's script). */
  head?: string;
  /** Markup after the language link, before the body (the large-type link). */
  tools?: string;
}

/** One self-contained HTML page: no scripts, so it works on any phone browser. */
export function page(title: string, body: string, o: PageOptions = {}): string {
  const locale = o.locale ?? 'zh-CN';
  const other =
    o.switchable === true
      ? `<a class="lang noprint" href="${esc(o.switchHref ?? `?lang=${locale === 'en' ? 'zh' : 'en'}`)}" data-testid="page-lang">${
          locale === 'en' ? '中文' : 'English'
        }</a>`
      : '';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
${STYLE}
</style>${o.head ?? ''}</head><body${o.large === true ? ' class="large"' : ''}>${other}${o.tools ?? ''}${body}</body></html>`;
}
