import type { Catalog } from '@onewindow/ui';
import { en } from './messages-en.js';
import { type MessageKey, zh } from './messages-zh.js';

export type { MessageKey } from './messages-zh.js';

/** The console's words: Chinese first, English for every key (the type makes a missing one an error). */
export const messages: Catalog<MessageKey> = { 'zh-CN': zh, en };
