import type { Locale } from './roles.js';

/** Where a ticket's QR code leads: its live status page, in the language the resident chose. */
export function ticketStatusUrl(base: string, ticketId: string, locale: Locale = 'zh-CN'): string {
  const url = `${base.replace(/\/+$/, '')}/t/${encodeURIComponent(ticketId)}`;
  return locale === 'en' ? `${url}?lang=en` : url;
}
