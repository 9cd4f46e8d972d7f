import type { Logger } from './deps.js';
import { maskPhone } from './privacy.js';

/** What a message to a resident is about: a 办不成事 case, or a booking and its visit. */
export type NoticeKind =
  | 'case'
  | 'booked'
  | 'rescheduled'
  | 'cancelled'
  | 'reminder'
  | 'soon'
  | 'call'
  | 'pickup';

/** A message to a resident. */
export interface Notice {
  phone: string;
  name: string | null;
  text: string;
  hallName: string;
  /** What it concerns: the case, appointment or ticket id. */
  ref: string;
  kind: NoticeKind;
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
        { ref: n.ref, kind: n.kind, to: maskPhone(n.phone), text: n.text },
        'resident notification (log driver)',
      );
      return { delivered: true, channel: 'log', problem: null };
    },
  };
}

/** Fills `{phone}`, `{name}`, `{text}`, `{hall}`, `{kind}` and `{ref}` (alias `{caseId}`), JSON-escaped. */
export function fillTemplate(template: string, n: Notice): string {
  const values: Record<string, string> = {
    phone: n.phone,
    name: n.name ?? '',
    text: n.text,
    hall: n.hallName,
    kind: n.kind,
    ref: n.ref,
    caseId: n.ref,
  };
  return template.replace(/\{(phone|name|text|hall|kind|ref|caseId)\}/g, (_, k: string) =>
    JSON.stringify(values[k] ?? '').slice(1, -1),
  );
}

export const DEFAULT_SMS_TEMPLATE = '{"phone":"{phone}","message":"【{hall}】{text}"}';

export interface HttpNotifierOptions {
  url: string;
  /** The JSON body, with placeholders (fillTemplate). */
  template?: string;
  /** Extra request headers, e.g. the gateway's key. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * An HTTP gateway (SMS platform): POSTs the filled template as JSON to the URL; a 2xx answer is
 * delivery. A slow gateway is given up on after `timeoutMs`, so nothing waits on it for long.
 */
export function httpNotifier(o: HttpNotifierOptions): Notifier {
  const template = o.template ?? DEFAULT_SMS_TEMPLATE;
  return {
    async send(n) {
      try {
        const res = await fetch(o.url, {
          method: 'POST',
          headers: { ...o.headers, 'content-type': 'application/json' },
          body: fillTemplate(template, n),
          signal: AbortSignal.timeout(o.timeoutMs ?? 5_000),
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

/** A JSON object given in an environment variable (headers, message texts), or a clear error naming it. */
export function jsonObjectOf(text: string, name: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`${name} must be a JSON object`);
  return doc as Record<string, unknown>;
}

/** Headers given as JSON (ONEWINDOW_NOTIFY_HEADERS): string values only. */
export function parseHeaders(text: string | undefined): Record<string, string> {
  if (text === undefined || text.trim() === '') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(jsonObjectOf(text, 'ONEWINDOW_NOTIFY_HEADERS'))) {
    if (typeof v !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(k))
      throw new Error(
        `ONEWINDOW_NOTIFY_HEADERS: header ${k.slice(0, 40)} must be a name with a string value`,
      );
    out[k] = v;
  }
  return out;
}
