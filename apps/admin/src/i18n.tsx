import { errorText, issueText, type Translate, translator } from '@onewindow/ui';
import { useStore } from 'zustand';
import type { Issue } from './api.js';
import { type MessageKey, messages } from './messages.js';
import type { ConsoleStore } from './store.js';

export type T = Translate<MessageKey>;

export function useT(store: ConsoleStore): T {
  const locale = useStore(store, (s) => s.locale);
  return translator(messages, locale);
}

/** The last refusal (by its code) or confirmation, and problems no field of the page shows. */
export function Message({ store, others = [] }: { store: ConsoleStore; others?: readonly Issue[] }) {
  const message = useStore(store, (s) => s.message);
  const locale = useStore(store, (s) => s.locale);
  const t = useT(store);
  if (message === null) return null;
  return (
    <div
      className={`ac-message ${message.kind}`}
      role="alert"
      data-testid="message"
      data-code={message.kind === 'error' ? message.error.code : undefined}
    >
      {message.kind === 'error' ? errorText(locale, message.error) : t(message.key, message.vars)}
      {others.length > 0 && (
        <ul data-testid="other-issues">
          {others.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code>{i.path}</code> {issueText(locale, i.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
