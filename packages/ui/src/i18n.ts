import { type WaitRange, waitWords } from '@onewindow/domain';

/** Every screen speaks Chinese by default; English is one tap away. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export type Vars = Record<string, string | number>;
export type Catalog<K extends string> = Record<Locale, Record<K, string>>;
export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/** `{name}` placeholders are filled from vars; a missing var stays visible rather than vanishing. */
export function format(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

export function translator<K extends string>(catalog: Catalog<K>, locale: Locale): Translate<K> {
  const messages = catalog[locale];
  return (key, vars) => format(messages[key], vars);
}

/** Picks the Chinese or English form of something that has both (matter and category names). */
export const localized = (locale: Locale, zh: string, en: string | undefined): string =>
  locale === 'en' && en !== undefined ? en : zh;

/** A wait as residents are told it: the hall's calibrated range, else a rounded one (domain waitWords). */
export function waitText(locale: Locale, minutes: number | null, range?: WaitRange | null): string {
  return waitWords(minutes, locale, range);
}

/** A Shanghai wall-clock time of an instant: 2026-11-23 09:05. */
export function shanghaiDateTime(at: number): string {
  const d = new Date(at + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
