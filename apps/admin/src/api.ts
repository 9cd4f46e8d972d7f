import type { Ack, AckError } from '@onewindow/protocol';

/** One problem of a refused form, by the path of its field. */
export interface Issue {
  path: string;
  message: string;
}

/** The issues a refusal lists (VALIDATION_FAILED), or none. */
export function issuesOf(error: AckError): Issue[] {
  const list = (error.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(list)
    ? list.flatMap((i) =>
        typeof i === 'object' && i !== null && 'path' in i && 'message' in i
          ? [{ path: String(i.path), message: String(i.message) }]
          : [],
      )
    : [];
}

const failure = (message: string): Ack<never> => ({ ok: false, error: { code: 'DISCONNECTED', message } });

/** The console's HTTP API: JSON in, `{ ok, data | error }` out, the session cookie for who. */
export async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  type = 'application/json',
): Promise<Ack<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      ...(method === 'POST'
        ? {
            headers: { 'content-type': type },
            body: type === 'application/json' ? JSON.stringify(body ?? {}) : String(body),
          }
        : {}),
    });
    const text = await res.text();
    if (res.headers.get('content-type')?.startsWith('text/yaml')) return { ok: true, data: text as T };
    return JSON.parse(text) as Ack<T>;
  } catch {
    return failure('the hall server did not answer');
  }
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body);
