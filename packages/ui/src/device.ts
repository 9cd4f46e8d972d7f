/**
 * A screen's device token arrives once in its URL (`?token=…`), is kept in local storage under the
 * app's key and taken off the address bar, so it is neither bookmarked nor shown to residents.
 */
export function takeDeviceToken(
  app: string,
  location: Pick<Location, 'search' | 'pathname'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  history: Pick<History, 'replaceState'>,
): { token: string; params: URLSearchParams } {
  const key = `onewindow.${app}.token`;
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    storage.setItem(key, fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest === '' ? '' : `?${rest}`}`);
  }
  return { token: storage.getItem(key) ?? '', params };
}

/**
 * A screen's language: `?lang=en` (or `zh-CN`) in its URL sets it and it is kept per app in local
 * storage, so a device keeps the language it was set up with; Chinese otherwise.
 */
export function takeLocale(
  app: string,
  location: Pick<Location, 'search'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): 'zh-CN' | 'en' {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') keepLocale(app, storage, fromUrl);
  return storage.getItem(localeKey(app)) === 'en' ? 'en' : 'zh-CN';
}

const localeKey = (app: string) => `onewindow.${app}.locale`;

/** Remembers a language chosen on the screen itself. */
export function keepLocale(app: string, storage: Pick<Storage, 'setItem'>, locale: 'zh-CN' | 'en'): void {
  storage.setItem(localeKey(app), locale);
}
