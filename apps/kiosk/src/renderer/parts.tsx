import type { WaitRange } from '@onewindow/domain';
import { type Locale, type Translate, translator, waitText } from '@onewindow/ui';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { type MessageKey, messages } from './messages.js';
import type { KioskStore } from './store.js';

export type T = Translate<MessageKey>;

export function useT(kiosk: KioskStore): T {
  const locale = useStore(kiosk, (s) => s.locale);
  return translator(messages, locale);
}

export function Button(props: {
  onClick: () => void;
  children: ReactNode;
  kind?: 'primary' | 'green' | 'quiet';
  disabled?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`ow-button ${props.kind ?? ''} ${props.className ?? ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}

/** 预计等候 约 10～15 分钟 (the hall's calibrated range), or 暂无窗口受理 while no window serves the matter. */
export function estimateText(t: T, locale: Locale, minutes: number | null, range?: WaitRange | null): string {
  return minutes === null
    ? waitText(locale, null)
    : t('estimate', { wait: waitText(locale, minutes, range) });
}

/** "1 copy" but "2 copies": counted words in English; Chinese says 份 either way. */
export const counted = (t: T, n: number, one: MessageKey, many: MessageKey): string =>
  t(n === 1 ? one : many, { n });
