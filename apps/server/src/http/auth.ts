import type { DeviceIdentity, IntegrationScope, Person } from '@onewindow/protocol';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { type Accounts, mayRead, mayWrite, SESSION_COOKIE } from '../admin/accounts.js';
import { type DeviceDirectory, identityOf } from '../admin/devices.js';
import { CommandError } from '../errors.js';
import type { IntegrationKeys } from '../integrations/keys.js';
import type { Limiter } from '../rate-limit.js';
import type { HallRegistry } from '../registry.js';
import type { StoredIntegrationKey } from '../store/integration-types.js';
import { cookie, takeOrRefuse } from './reply.js';

/**
 * Who may call a route, declared on the route (`config: { access }`) and checked once, by the one
 * `onRequest` hook below, before the body is read:
 * - `person`: anyone signed in to the console;
 * - `hallRead` / `hallWrite`: a person who may read / change the hall of the route's `:hallId`;
 * - `hallAdmin` / `hallAdminWrite`: the same, or the hall's admin device (Bearer token);
 * - `centerAdmin`: a center administrator; `deploymentAdmin`: the one of no single hall;
 * - `integration`: an outside system's integration key with the route's `scope`, rate limited per key.
 * Routes without it are public (screens, phones, pairing, sign-in).
 */
export type Access =
  | 'person'
  | 'hallRead'
  | 'hallWrite'
  | 'hallAdmin'
  | 'hallAdminWrite'
  | 'centerAdmin'
  | 'deploymentAdmin'
  | 'integration';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** With `integration`: the scope the key must have. */
    scope?: IntegrationScope;
    /** A console API route: a state change must come as JSON (or YAML) from this origin. */
    consoleForm?: boolean;
  }
  interface FastifyRequest {
    /** The console person the auth hook found (routes with `access`), else null. */
    person: Person | null;
    /** The admin device the auth hook found (`hallAdmin…` routes called with a token), else null. */
    device: DeviceIdentity | null;
    /** The integration key the hook found (`integration` routes), else null. */
    integration: StoredIntegrationKey | null;
  }
}

export const forbidden = (what: string) => new CommandError('FORBIDDEN', `not allowed: ${what}`);
export const hallParam = (req: FastifyRequest) => (req.params as { hallId: string }).hallId;

/** The person a route with `access` was called by (the hook has checked them already). */
export function personOf(req: FastifyRequest): Person {
  if (req.person === null) throw new CommandError('UNAUTHENTICATED', 'sign in to the console first');
  return req.person;
}

export interface AuthDeps {
  accounts: Accounts;
  halls: HallRegistry;
  devices: DeviceDirectory;
  integrationKeys: IntegrationKeys;
  /** Calls per integration key. */
  integrationCalls: Limiter;
}

async function authenticate(d: AuthDeps, req: FastifyRequest, access: Access): Promise<void> {
  if (access === 'integration') return integration(d, req);
  if (access === 'hallAdmin' || access === 'hallAdminWrite')
    return hallAdmin(d, req, access === 'hallAdminWrite');
  const p = await d.accounts.person(cookie(req, SESSION_COOKIE));
  if (p === undefined) throw new CommandError('UNAUTHENTICATED', 'sign in to the console first');
  req.person = p;
  switch (access) {
    case 'person':
      return;
    case 'centerAdmin':
    case 'deploymentAdmin':
      if (p.role !== 'centerAdmin') throw forbidden('only a center administrator');
      if (access === 'deploymentAdmin' && p.hallId !== null)
        throw forbidden("only the deployment's center administrator");
      return;
    default: {
      const hallId = hallParam(req);
      d.halls.get(hallId); // an unknown hall is NOT_FOUND, not FORBIDDEN
      if (!mayRead(p, hallId, d.halls)) throw forbidden(`hall ${hallId}`);
      if (access === 'hallWrite' && !mayWrite(p, hallId, d.halls)) throw forbidden(`changing hall ${hallId}`);
    }
  }
}

/** An outside system: a valid, unrevoked key with the route's scope, within its rate. */
async function integration(d: AuthDeps, req: FastifyRequest): Promise<void> {
  const header = req.headers.authorization;
  const key = await d.integrationKeys.authenticate(
    header?.startsWith('Bearer ') ? header.slice(7) : undefined,
  );
  await takeOrRefuse(d.integrationCalls, key.id, 'too many calls with this integration key');
  const scope = req.routeOptions.config.scope;
  if (scope === undefined || !key.scopes.includes(scope))
    throw forbidden(`this key lacks the scope ${scope ?? '(none)'}`);
  req.integration = key;
}

/** The hall's admin device (Bearer token) or a console person who may read (write) the hall. */
async function hallAdmin(d: AuthDeps, req: FastifyRequest, write: boolean): Promise<void> {
  const hallId = hallParam(req);
  d.halls.get(hallId); // an unknown hall is NOT_FOUND
  const header = req.headers.authorization;
  const found = d.devices.authenticate(header?.startsWith('Bearer ') ? header.slice(7) : undefined);
  if (
    found !== undefined &&
    !found.revoked &&
    found.device.role === 'admin' &&
    found.device.hallId === hallId
  ) {
    req.device = identityOf(found.device);
    return;
  }
  const p = await d.accounts.person(cookie(req, SESSION_COOKIE));
  if (p !== undefined && (write ? mayWrite(p, hallId, d.halls) : mayRead(p, hallId, d.halls))) {
    req.person = p;
    return;
  }
  throw new CommandError('UNAUTHENTICATED', 'an admin of this hall is required');
}

/** The one auth hook of the HTTP server: registered on the root, it sees every route's `access`. */
export function authPlugin(d: AuthDeps): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (http: FastifyInstance) => {
    http.decorateRequest('person', null);
    http.decorateRequest('device', null);
    http.decorateRequest('integration', null);
    http.addHook('onRequest', async (req) => {
      const access = req.routeOptions.config.access;
      if (access !== undefined) await authenticate(d, req, access);
    });
    // Console state changes come as JSON from this origin only: a form or page of another site
    // cannot make a signed-in browser change a hall.
    http.addHook('preHandler', async (req) => {
      if (req.routeOptions.config.consoleForm !== true || req.method === 'GET') return;
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/json') && !type.startsWith('text/yaml')) {
        throw new CommandError('VALIDATION_FAILED', 'send JSON (or YAML for an import)');
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `${req.protocol}://${req.headers.host ?? ''}`) {
        throw new CommandError('FORBIDDEN', 'cross-site request refused');
      }
    });
  };
  // Not encapsulated: the hook and decorations reach every plugin registered beside it.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
