import type { TestHall } from './helpers.js';

export interface Answer<T = unknown> {
  status: number;
  body:
    | { ok: true; data: T }
    | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };
}

/** A browser of the console: keeps the session cookie the server sets, sends JSON. */
export class ConsoleSession {
  cookie = '';
  constructor(readonly url: string) {}

  async call<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    type = 'application/json',
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(this.cookie === '' ? {} : { cookie: this.cookie }),
        ...(method === 'POST' ? { 'content-type': type } : {}),
      },
      ...(method === 'POST'
        ? { body: type === 'application/json' ? JSON.stringify(body ?? {}) : String(body) }
        : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set !== null) this.cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    const parsed = res.headers.get('content-type')?.startsWith('text/yaml')
      ? { ok: true as const, data: text as T }
      : (JSON.parse(text) as Answer<T>['body']);
    return { status: res.status, body: parsed };
  }

  get<T = unknown>(path: string) {
    return this.call<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown) {
    return this.call<T>('POST', path, body);
  }
}

export const PASSWORD = 'correct horse battery';

/** The first administrator of a hall server, signed in (with the one-time setup code). */
export async function firstAdmin(hall: TestHall): Promise<ConsoleSession> {
  const code = await hall.server.accounts.setupCode();
  if (code === null) throw new Error('an administrator exists already');
  const s = new ConsoleSession(hall.url);
  const r = await s.post('/api/admin/setup', {
    code,
    username: 'admin',
    displayName: '周主任',
    password: PASSWORD,
    hall: { id: 'h1', name: '测试政务服务中心', level: 'county' },
  });
  if (!r.body.ok) throw new Error(`setup failed: ${r.body.error.message}`);
  return s;
}

export function data<T>(a: Answer<T>): T {
  if (!a.body.ok) throw new Error(`expected success, got ${a.body.error.code}: ${a.body.error.message}`);
  return a.body.data;
}
