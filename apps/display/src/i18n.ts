import { type Locale, type Translate, translator } from '@onewindow/ui';
import { type MessageKey, messages } from './messages.js';

export type T = Translate<MessageKey>;

export const displayText = (locale: Locale): T => translator(messages, locale);
