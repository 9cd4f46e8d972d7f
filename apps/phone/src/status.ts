/**
 * The status page at `/` follows the hall without reloading itself: a reload every few seconds
 * (meta refresh) throws a screen reader back to the top of the page and loses a reader's place. The
 * server renders the page (at most once a second for everyone); this fetches it again and swaps the
 * part that changed in place.
 */
export const STATUS_POLL_MS = 5_000;

export function followStatus(root: HTMLElement, everyMs = STATUS_POLL_MS): () => void {
  let stopped = false;
  const refresh = async () => {
    try {
      const res = await fetch(window.location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!res.ok) throw new Error(String(res.status));
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById(root.id);
      if (next !== null && next.innerHTML !== root.innerHTML) root.innerHTML = next.innerHTML;
      root.dataset.live = 'on';
    } catch {
      // The server restarting or the network gone: say so on the element, try again next time.
      root.dataset.live = 'off';
    }
  };
  const timer = window.setInterval(() => {
    if (!stopped) void refresh();
  }, everyMs);
  return () => {
    stopped = true;
    window.clearInterval(timer);
  };
}
