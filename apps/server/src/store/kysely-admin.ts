import type { AuditEntry } from '@onewindow/protocol';
import { DeviceRole, Locale, PersonRole } from '@onewindow/protocol';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AdminStoreTx, AuditFilter, DeviceRecord, UserRecord } from './admin-types.js';
import { num, numOrNull } from './kysely-rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

function deviceFromRow(r: Selectable<Database['devices']>): DeviceRecord {
  return {
    id: r.id,
    hallId: r.hall_id,
    role: DeviceRole.exclude(['auditor']).parse(r.role),
    windowId: r.window_id,
    name: r.name,
    tokenSha256: r.token_sha256,
    locale: r.locale === null ? null : Locale.parse(r.locale),
    createdAt: num(r.created_at),
    pairedAt: numOrNull(r.paired_at),
    revokedAt: numOrNull(r.revoked_at),
    lastSeenAt: numOrNull(r.last_seen_at),
    lastIp: r.last_ip,
    clientVersion: r.client_version,
  };
}

function userFromRow(r: Selectable<Database['users']>): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: PersonRole.parse(r.role),
    hallId: r.hall_id,
    passwordHash: r.password_hash,
    createdAt: num(r.created_at),
    disabled: num(r.disabled) === 1,
  };
}

/** The console's records over any Kysely dialect (SQLite now, PostgreSQL for scale-out). */
export class KyselyAdminTx implements AdminStoreTx {
  constructor(private readonly db: Db) {}

  async listHallConfigs() {
    const rows = await this.db.selectFrom('hall_configs').selectAll().orderBy('hall_id').execute();
    return rows.map((r) => ({
      hallId: r.hall_id,
      version: num(r.version),
      doc: JSON.parse(r.doc) as unknown,
    }));
  }

  async getHallConfig(hallId: string) {
    const r = await this.db
      .selectFrom('hall_configs')
      .selectAll()
      .where('hall_id', '=', hallId)
      .executeTakeFirst();
    return r === undefined ? undefined : { version: num(r.version), doc: JSON.parse(r.doc) as unknown };
  }

  async putHallConfig(hallId: string, version: number, doc: unknown, at: number) {
    const values = { version, doc: JSON.stringify(doc), updated_at: at };
    await this.db
      .insertInto('hall_configs')
      .values({ hall_id: hallId, ...values })
      .onConflict((oc) => oc.column('hall_id').doUpdateSet(values))
      .execute();
  }

  async listDevices(hallId?: string) {
    let q = this.db.selectFrom('devices').selectAll().orderBy('hall_id').orderBy('id');
    if (hallId !== undefined) q = q.where('hall_id', '=', hallId);
    return (await q.execute()).map(deviceFromRow);
  }

  async getDevice(id: string) {
    const r = await this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : deviceFromRow(r);
  }

  async deviceByToken(tokenSha256: string) {
    const r = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('token_sha256', '=', tokenSha256)
      .executeTakeFirst();
    return r === undefined ? undefined : deviceFromRow(r);
  }

  async putDevice(d: DeviceRecord) {
    const values = {
      hall_id: d.hallId,
      role: d.role,
      window_id: d.windowId,
      name: d.name,
      token_sha256: d.tokenSha256,
      locale: d.locale,
      created_at: d.createdAt,
      paired_at: d.pairedAt,
      revoked_at: d.revokedAt,
      last_seen_at: d.lastSeenAt,
      last_ip: d.lastIp,
      client_version: d.clientVersion,
    };
    await this.db
      .insertInto('devices')
      .values({ id: d.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async putPairing(codeSha256: string, deviceId: string, expiresAt: number) {
    await this.db
      .insertInto('pairings')
      .values({ code_sha256: codeSha256, device_id: deviceId, expires_at: expiresAt })
      .execute();
  }

  async takePairing(codeSha256: string) {
    const r = await this.db
      .selectFrom('pairings')
      .selectAll()
      .where('code_sha256', '=', codeSha256)
      .executeTakeFirst();
    if (r === undefined) return undefined;
    await this.db.deleteFrom('pairings').where('code_sha256', '=', codeSha256).execute();
    return { deviceId: r.device_id, expiresAt: num(r.expires_at) };
  }

  async deletePairingsOf(deviceId: string) {
    await this.db.deleteFrom('pairings').where('device_id', '=', deviceId).execute();
  }

  async getPin(hallId: string, staffId: string) {
    const r = await this.db
      .selectFrom('staff_pins')
      .select('pin_hash')
      .where('hall_id', '=', hallId)
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    return r?.pin_hash;
  }

  async putPin(hallId: string, staffId: string, hash: string, at: number) {
    await this.db
      .insertInto('staff_pins')
      .values({ hall_id: hallId, staff_id: staffId, pin_hash: hash, updated_at: at })
      .onConflict((oc) => oc.columns(['hall_id', 'staff_id']).doUpdateSet({ pin_hash: hash, updated_at: at }))
      .execute();
  }

  async listPins(hallId: string) {
    const rows = await this.db
      .selectFrom('staff_pins')
      .select('staff_id')
      .where('hall_id', '=', hallId)
      .execute();
    return rows.map((r) => r.staff_id);
  }

  async listUsers() {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(userFromRow);
  }

  async getUser(id: string) {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : userFromRow(r);
  }

  async getUserByName(username: string) {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r === undefined ? undefined : userFromRow(r);
  }

  async putUser(u: UserRecord) {
    const values = {
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      hall_id: u.hallId,
      password_hash: u.passwordHash,
      created_at: u.createdAt,
      disabled: u.disabled ? 1 : 0,
    };
    await this.db
      .insertInto('users')
      .values({ id: u.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async putSession(tokenSha256: string, userId: string, createdAt: number, expiresAt: number) {
    await this.db
      .insertInto('sessions')
      .values({ token_sha256: tokenSha256, user_id: userId, created_at: createdAt, expires_at: expiresAt })
      .execute();
  }

  async getSession(tokenSha256: string) {
    const r = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_sha256', '=', tokenSha256)
      .executeTakeFirst();
    return r === undefined ? undefined : { userId: r.user_id, expiresAt: num(r.expires_at) };
  }

  async deleteSession(tokenSha256: string) {
    await this.db.deleteFrom('sessions').where('token_sha256', '=', tokenSha256).execute();
  }

  async deleteSessionsOf(userId: string) {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async getLockout(key: string) {
    const r = await this.db.selectFrom('lockouts').selectAll().where('key', '=', key).executeTakeFirst();
    return r === undefined ? undefined : { failures: num(r.failures), until: num(r.until) };
  }

  async putLockout(key: string, failures: number, until: number) {
    await this.db
      .insertInto('lockouts')
      .values({ key, failures, until })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures, until }))
      .execute();
  }

  async deleteLockout(key: string) {
    await this.db.deleteFrom('lockouts').where('key', '=', key).execute();
  }

  async appendAudit(e: AuditEntry) {
    await this.db
      .insertInto('audit_log')
      .values({
        id: e.id,
        at: e.at,
        hall_id: e.hallId,
        actor: e.actor,
        actor_name: e.actorName,
        action: e.action,
        target: e.target,
        before: json(e.before),
        after: json(e.after),
      })
      .execute();
  }

  async listAudit(f: AuditFilter) {
    let q = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit);
    const ids = f.hallIds;
    if (ids !== undefined) {
      const inHalls = ids.length === 0 ? [''] : [...ids];
      q =
        f.withCenter === true
          ? q.where((eb) => eb.or([eb('hall_id', 'in', inHalls), eb('hall_id', 'is', null)]))
          : q.where('hall_id', 'in', inHalls);
    }
    if (f.actor !== undefined) q = q.where('actor', '=', f.actor);
    if (f.action !== undefined) q = q.where('action', 'like', `${f.action}%`);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    return (await q.execute()).map((r) => ({
      id: r.id,
      at: num(r.at),
      hallId: r.hall_id,
      actor: r.actor,
      actorName: r.actor_name,
      action: r.action,
      target: r.target,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    }));
  }

  async getSetting(key: string) {
    const r = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value;
  }

  async putSetting(key: string, value: string) {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async deleteSetting(key: string) {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
  }
}
