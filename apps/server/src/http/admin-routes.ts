import {
  AuditQuery,
  ConfigChangeRequest,
  DeviceEnroll,
  DeviceUpdate,
  HallCreate,
  LoginRequest,
  type Person,
  RollupQuery,
  SetupRequest,
  StaffPinRequest,
  UserCreate,
  UserUpdate,
} from '@onewindow/protocol';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Accounts, actorOf, hallsOf, mayWrite, SESSION_COOKIE, SESSION_MS } from '../admin/accounts.js';
import type { Backups } from '../admin/backup.js';
import type { ConfigService } from '../admin/config-service.js';
import type { DeviceDirectory } from '../admin/devices.js';
import { hashSecret } from '../credentials.js';
import { CommandError } from '../errors.js';
import type { HallRegistry } from '../registry.js';
import { rollup } from '../service/rollup.js';
import type { HallStore } from '../store/types.js';
import { forbidden, hallParam, personOf } from './auth.js';
import { bodyOf, cookie, ok } from './reply.js';

export interface ConsoleServices {
  halls: HallRegistry;
  store: HallStore;
  accounts: Accounts;
  config: ConfigService;
  devices: DeviceDirectory;
  backups: Backups | undefined;
  now: () => number;
  /** Set the Secure flag on the session cookie (the server runs behind TLS). */
  secureCookies: boolean;
}

/**
 * The administration console's HTTP API. Every route but sign-in needs a session cookie; a hall
 * manager reaches only their hall, an auditor changes nothing. Forms post JSON only and from this
 * origin, so another site cannot make a signed-in browser change a hall.
 */
export const adminApi: FastifyPluginAsync<ConsoleServices> = async (http, s) => {
  const setCookie = (reply: FastifyReply, token: string, maxAgeSec: number) =>
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${s.secureCookies ? '; Secure' : ''}`,
    );

  /** A county's center administrator acts within its halls only, never above them. */
  const within = (p: Person, hallId: string | null | undefined, what: string): void => {
    if (p.hallId === null) return;
    if (hallId === null || hallId === undefined || !mayWrite(p, hallId, s.halls)) throw forbidden(what);
  };

  http.get('/setup', async () => ok({ needed: await s.accounts.setupNeeded() }));
  http.post('/setup', async (req, reply) => {
    const r = await s.accounts.setup(bodyOf(SetupRequest, req));
    setCookie(reply, r.token, SESSION_MS / 1_000);
    return ok({ person: r.person });
  });
  http.post('/login', async (req, reply) => {
    const body = bodyOf(LoginRequest, req);
    const r = await s.accounts.login(body.username, body.password);
    setCookie(reply, r.token, SESSION_MS / 1_000);
    return ok({ person: r.person });
  });
  http.post('/logout', async (req, reply) => {
    await s.accounts.logout(cookie(req, SESSION_COOKIE));
    setCookie(reply, '', 0);
    return ok({});
  });
  http.get('/me', { config: { access: 'person' } }, async (req) => {
    const p = personOf(req);
    const visible = hallsOf(p, s.halls);
    const halls = s.halls
      .all()
      .filter((h) => visible === null || visible.includes(h.id))
      .map((h) => ({
        id: h.id,
        name: h.hall.name,
        level: h.hall.level,
        parentId: h.hall.parentId ?? null,
        version: h.version,
      }));
    return ok({ person: p, halls });
  });

  // County → township → village: each hall's day and the sum, for the halls this person sees.
  http.get('/halls/:hallId/rollup', { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    const { day } = bodyOf(RollupQuery, { body: req.query } as FastifyRequest);
    return ok(await rollup(s.store, s.halls, hallId, day));
  });

  http.get('/halls/:hallId/config', { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    const pins = new Set(await s.store.read((tx) => tx.admin.listPins(hallId)));
    const { version, config } = s.config.current(hallId);
    return ok({ version, config, staffWithPin: config.staff.filter((x) => pins.has(x.id)).map((x) => x.id) });
  });
  http.post('/halls/:hallId/config', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const body = bodyOf(ConfigChangeRequest, req);
    // A county's administrator moves halls within the county only, and not the county itself.
    if (body.change.type === 'hall.put' && p.hallId !== null) {
      const parent = body.change.hall.parentId;
      if (
        hallId === p.hallId
          ? parent !== s.halls.get(hallId).hall.parentId
          : !mayWrite(p, parent ?? '', s.halls)
      )
        throw forbidden('moving a hall outside the halls you administer');
    }
    return ok({ version: await s.config.change(hallId, body.change, actorOf(p), body.baseVersion) });
  });
  http.get('/halls/:hallId/export.yaml', { config: { access: 'hallRead' } }, async (req, reply) => {
    const hallId = hallParam(req);
    return reply
      .type('text/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${hallId}.yaml"`)
      .send(s.config.exportYaml(hallId));
  });
  http.post('/halls/:hallId/import', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    if (typeof req.body !== 'string')
      throw new CommandError('VALIDATION_FAILED', 'send the YAML file as text/yaml');
    return ok({ version: await s.config.importYaml(hallId, req.body, actorOf(p)) });
  });

  http.post('/halls', { config: { access: 'centerAdmin' } }, async (req) => {
    const p = personOf(req);
    const body = bodyOf(HallCreate, req);
    within(p, body.hall.parentId, 'a hall outside the halls you administer');
    await s.config.createHall(
      { hall: body.hall, categories: [], matters: [], windows: [], staff: [] },
      actorOf(p),
    );
    return ok({ hallId: body.hall.id });
  });

  http.get('/halls/:hallId/devices', { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    return ok(await s.devices.list(hallId));
  });
  http.post('/halls/:hallId/devices', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.devices.enroll(hallId, bodyOf(DeviceEnroll, req), actorOf(p)));
  });
  http.post('/halls/:hallId/devices/:deviceId/pairing', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.devices.repair(hallId, (req.params as { deviceId: string }).deviceId, actorOf(p)));
  });
  http.post('/halls/:hallId/devices/:deviceId/revoke', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.devices.revoke(hallId, (req.params as { deviceId: string }).deviceId, actorOf(p)));
  });
  http.post('/halls/:hallId/devices/:deviceId', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const body = bodyOf(DeviceUpdate, req);
    return ok(
      await s.devices.update(hallId, (req.params as { deviceId: string }).deviceId, body, actorOf(p)),
    );
  });

  http.post('/halls/:hallId/staff/:staffId/pin', { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    const staffId = (req.params as { staffId: string }).staffId;
    if (!s.halls.get(hallId).staff.some((x) => x.id === staffId)) {
      throw new CommandError('NOT_FOUND', `staff "${staffId}" does not exist`, { staff: staffId });
    }
    const hash = await hashSecret(bodyOf(StaffPinRequest, req).pin);
    await s.store.transaction(async (tx) => {
      await tx.admin.putPin(hallId, staffId, hash, s.now());
      await tx.admin.deleteLockout(`pin:${hallId}:${staffId}`);
      await s.config.audit(tx, actorOf(p), hallId, 'staff.pin', `staff:${staffId}`, null, { pinSet: true });
    });
    return ok({});
  });

  http.get('/audit', { config: { access: 'person' } }, async (req) => {
    const p = personOf(req);
    const q = bodyOf(AuditQuery, { body: req.query } as FastifyRequest);
    const visible = hallsOf(p, s.halls);
    if (q.hallId !== undefined && visible !== null && !visible.includes(q.hallId))
      throw forbidden(`hall ${q.hallId}`);
    const hallIds = q.hallId !== undefined ? [q.hallId] : (visible ?? undefined);
    return ok(
      await s.store.read((tx) =>
        tx.admin.listAudit({
          hallIds,
          withCenter: visible === null,
          actor: q.actor,
          action: q.action,
          from: q.from,
          to: q.to,
          limit: q.limit,
        }),
      ),
    );
  });

  http.get('/users', { config: { access: 'deploymentAdmin' } }, async () => {
    return ok(await s.accounts.list());
  });
  http.post('/users', { config: { access: 'centerAdmin' } }, async (req) => {
    const p = personOf(req);
    const user = bodyOf(UserCreate, req);
    within(p, user.hallId, 'an account outside the halls you administer');
    return ok(await s.accounts.create(user, actorOf(p)));
  });
  http.post('/users/:userId', { config: { access: 'deploymentAdmin' } }, async (req) => {
    const p = personOf(req);
    return ok(
      await s.accounts.update((req.params as { userId: string }).userId, bodyOf(UserUpdate, req), actorOf(p)),
    );
  });

  http.get('/backups', { config: { access: 'deploymentAdmin' } }, async () => {
    return ok(s.backups === undefined ? [] : await s.backups.list());
  });
  http.post('/backups', { config: { access: 'deploymentAdmin' } }, async (req) => {
    const p = personOf(req);
    if (s.backups === undefined)
      throw new CommandError('NOT_FOUND', 'this store has no backups (PostgreSQL: use pg_dump)');
    const b = await s.backups.take('console');
    await s.store.transaction((tx) =>
      s.config.audit(tx, actorOf(p), null, 'backup.take', `backup:${b.file}`, null, b),
    );
    return ok(b);
  });
};
