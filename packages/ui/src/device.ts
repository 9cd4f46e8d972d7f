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
