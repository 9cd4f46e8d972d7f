import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

/** A browser app (kiosk, window client, display…) served from a built folder under a path. */
export interface WebApp {
  /** Where it is served, e.g. `/kiosk`. */
  path: string;
  /** The folder holding its index.html and assets. */
  dir: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * The file a request path names inside `dir`, or undefined when it would leave the folder. Paths
 * without an extension are app routes and get index.html.
 */
export function staticFileFor(dir: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(`/${decoded}`).replace(/^[/\\]+/, '');
  if (relative.split(/[/\\]/).includes('..')) return undefined;
  if (relative === '' || extname(relative) === '') return join(dir, 'index.html');
  const file = join(dir, relative);
  return file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : undefined;
}

/**
 * The browser apps (kiosk, window client, display, console…), each a plugin under its own path:
 * `/kiosk` redirects to `/kiosk/`, and every file of its folder is served below it.
 */
export const webApps: FastifyPluginAsync<{ apps: readonly WebApp[] }> = async (http, { apps }) => {
  for (const app of apps) await http.register(webApp, { prefix: app.path.replace(/\/+$/, ''), dir: app.dir });
};

const webApp: FastifyPluginAsync<{ dir: string; prefix: string }> = async (http, { dir, prefix }) => {
  http.get('', async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return reply.redirect(`${prefix}/${query}`, 302);
  });
  http.get('/*', async (req, reply) => {
    const rest = (req.params as { '*': string })['*'];
    const file = staticFileFor(dir, rest);
    const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
    if (file === undefined || info === undefined || !info.isFile()) {
      return reply.status(404).send({ ok: false, error: { code: 'NOT_FOUND', message: 'no such file' } });
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // index.html names the current bundle, so it must never be cached; assets may be, briefly.
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=300';
    return reply
      .type(type)
      .header('cache-control', cache)
      .send(await readFile(file));
  });
};
