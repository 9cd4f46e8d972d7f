import { errorText, type Translate, translator } from '@onewindow/ui';
import { useStore } from 'zustand';
import { type MessageKey, messages } from './messages.js';
import type { WindowClientStore } from './store.js';

export type T = Translate<MessageKey>;

/** The window client's words in the language chosen on this device. */
export function useT(win: WindowClientStore): T {
  const locale = useStore(win, (s) => s.locale);
  return translator(messages, locale);
}

/** The last refusal, explained by its code, or the last confirmation. */
export function Message({ win }: { win: WindowClientStore }) {
  const message = useStore(win, (s) => s.message);
  const locale = useStore(win, (s) => s.locale);
  const t = useT(win);
  if (message === null) return null;
  return (
    <div
      className={`wc-message ${message.kind}`}
      data-testid="message"
      data-code={message.kind === 'error' ? message.error.code : undefined}
      role="alert"
    >
      {message.kind === 'error' ? errorText(locale, message.error) : t(message.key, message.vars)}
    </div>
  );
}
