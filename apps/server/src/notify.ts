import type { Logger } from './deps.js';
import { maskPhone } from './privacy.js';

/** A message to a resident about their case (办不成事 follow-up). */
export interface Notice {
  phone: string;
  name: string | null;
  text: string;
  hallName: string;
  caseId: string;
}

export interface NotifyResult {
  delivered: boolean;
  channel: string;
  problem: string | null;
}

/** Where messages to residents go: an SMS gateway, a government messaging platform, or the log. */
export interface Notifier {
  send(n: Notice): Promise<NotifyResult>;
}

/** The default: writes that a message would go out (the phone masked), delivers nothing. */
export function loggingNotifier(logger: Logger): Notifier {
  return {
    async send(n) {
      logger.info(
        { caseId: n.caseId, to: maskPhone(n.phone), text: n.text },
        'resident notification (log driver)',
      );
      return { delivered: true, channel: 'log', problem: null };
    },
  };
}

/** Fills `{phone}`, `{name}`, `{text}`, `{hall}` and `{caseId}` of a template, JSON-escaped. */
export function fillTemplate(template: string, n: Notice): string {
  const values: Record<string, string> = {
    phone: n.phone,
    name: n.name ?? '',
    text: n.text,
    hall: n.hallName,
    caseId: n.caseId,
  };
  return template.replace(/\{(phone|name|text|hall|caseId)\}/g, (_, k: string) =>
    JSON.stringify(values[k] ?? '').slice(1, -1),
  );
}

export const DEFAULT_SMS_TEMPLATE = '{"phone":"{phone}","message":"【{hall}】{text}"}';

/**
 * An HTTP gateway (SMS platform): POSTs the filled template as JSON to the URL; a 2xx answer is
 * delivery. A slow gateway is given up on after `timeoutMs` so a follow-up never hangs.
 */
export function httpNotifier(url: string, template = DEFAULT_SMS_TEMPLATE, timeoutMs = 5_000): Notifier {
  return {
    async send(n) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: fillTemplate(template, n),
          signal: AbortSignal.timeout(timeoutMs),
        });
        return res.ok
          ? { delivered: true, channel: 'http', problem: null }
          : { delivered: false, channel: 'http', problem: `gateway answered ${res.status}` };
      } catch (e) {
        return {
          delivered: false,
          channel: 'http',
          problem: e instanceof Error ? e.message.slice(0, 200) : 'failed',
        };
      }
    },
  };
}
