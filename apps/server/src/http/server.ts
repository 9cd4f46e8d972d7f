import { createServer as createHttpsServer } from 'node:https';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerFactory,
  LogController,
} from 'fastify';
import type { Logger } from '../deps.js';
import type { Limiter } from '../rate-limit.js';
import { installErrorHandler, installHttpLimit } from './reply.js';
import { installSecurityHeaders } from './security-headers.js';

/**
 * The bare HTTP server every route plugin is registered on: HTTPS when a certificate is given, YAML
 * bodies for configuration imports, one error shape, security headers, and a request limit per address.
 */
export function httpServer(
  logger: Logger,
  tls: { cert: string | Buffer; key: string | Buffer } | undefined,
  limiter: Limiter,
): FastifyInstance {
  const serverFactory: FastifyServerFactory | undefined =
    tls === undefined ? undefined : (handler) => createHttpsServer(tls, handler);
  const httpLogger: FastifyBaseLogger = logger.child({ part: 'http' });
  const http: FastifyInstance = Fastify({
    loggerInstance: httpLogger,
    // Devices poll health and tickets all day; per-request lines would drown the log.
    logController: new LogController({ disableRequestLogging: true }),
    ...(serverFactory === undefined ? {} : { serverFactory }),
  });
  http.addContentTypeParser(
    ['text/yaml', 'application/yaml'],
    { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  installErrorHandler(http);
  installSecurityHeaders(http, tls !== undefined);
  installHttpLimit(http, limiter);
  return http;
}
