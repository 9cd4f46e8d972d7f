import { isDomainError } from '@onewindow/domain';
import type { ErrorCode } from '@onewindow/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { formatIssues } from '../config.js';
import { CommandError } from '../errors.js';
import type { Limiter } from '../rate-limit.js';

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_ID_NUMBER: 400,
  PAIRING_INVALID: 400,
  UNAUTHENTICATED: 401,
  WRONG_CREDENTIALS: 401,
  FORBIDDEN: 403,
  SETUP_DONE: 403,
  NOT_FOUND: 404,
  BOOKING_NOT_FOUND: 404,
  RATE_LIMITED: 429,
};

/** The HTTP status a refusal is answered with. */
export const statusOf = (code: ErrorCode): number => STATUS_OF[code] ?? 409;

/** The code of a refusal (command or domain error); anything else is not a refusal and is thrown on. */
export function refusalCode(e: unknown): ErrorCode {
  if (e instanceof CommandError || isDomainError(e)) return e.code;
  throw e;
}

/**
 * Reads plain HTML forms in one encapsulated scope (phone pages post without script): repeated names
 * become lists. The demo reads forms everywhere already; the parse is the same.
 */
export function acceptForms(scope: FastifyInstance): void {
  if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) return;
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8192 },
    (_req, body, done) => {
      const params = new URLSearchParams(String(body));
      const out: Record<string, string | string[]> = {};
      for (const k of new Set(params.keys())) {
        const all = params.getAll(k);
        out[k] = all.length === 1 ? (all[0] ?? '') : all;
      }
      done(null, out);
    },
  );
}

/** Takes a token of a per-address limiter, or refuses with when to try again. */
export async function takeOrRefuse(
  limiter: Limiter,
  key: string,
  message = 'too many tries from this address',
): Promise<void> {
  const wait = await limiter.take(key);
  if (wait > 0)
    throw new CommandError('RATE_LIMITED', message, {
      retryAt: Date.now() + wait,
      retryAfterMs: wait,
    });
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: unknown,
  status?: number,
): FastifyReply {
  return reply
    .status(status ?? statusOf(code))
    .send({ ok: false, error: details === undefined ? { code, message } : { code, message, details } });
}

/** Every refusal in the documented `{ ok: false, error }` body with its status. */
export function installErrorHandler(http: FastifyInstance): void {
  http.setErrorHandler((err, _req, reply) => {
    if (err instanceof CommandError || isDomainError(err))
      return sendError(reply, err.code, err.message, err.details);
    const status = (err as { statusCode?: number }).statusCode;
    // Fastify's own refusals (413 too large, 414, 415, 400 bad JSON) keep their status, in our body.
    if (status !== undefined && status < 500)
      return sendError(
        reply,
        status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
        err instanceof Error ? err.message : 'bad request',
        undefined,
        status,
      );
    http.log.error({ err }, 'request failed');
    return sendError(reply, 'INTERNAL', 'internal error', undefined, 500);
  });
  http.setNotFoundHandler((req, reply) =>
    sendError(reply, 'NOT_FOUND', `no such page or route: ${req.method} ${req.url.slice(0, 100)}`),
  );
}

/**
 * Every route is rate limited per address, before it does anything; over it: 429 and when to retry.
 * The refusal itself is held back until then (at most a second): a client that does not wait would
 * otherwise cost the server thousands of refusals a second.
 */
export function installHttpLimit(http: FastifyInstance, limiter: Limiter): void {
  http.addHook('onRequest', async (req, reply) => {
    const wait = await limiter.take(req.ip);
    if (wait === 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1_000)));
    reply.header('retry-after', String(Math.ceil(wait / 1_000)));
    return sendError(reply, 'RATE_LIMITED', 'too many requests from this address', {
      retryAt: Date.now() + wait,
      retryAfterMs: wait,
    });
  });
}

/** A request body checked against its schema; every problem by path, as a VALIDATION_FAILED. */
export function bodyOf<T extends z.ZodType>(schema: T, req: FastifyRequest): z.output<T> {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) {
    const issues = formatIssues(parsed.error).map((line) => {
      const at = line.indexOf(': ');
      return at < 0 ? { path: '', message: line } : { path: line.slice(0, at), message: line.slice(at + 2) };
    });
    throw new CommandError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
      issues,
    });
  }
  return parsed.data;
}

export const ok = <T>(data: T) => ({ ok: true as const, data });

/** The value of one cookie of a request. */
export function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
