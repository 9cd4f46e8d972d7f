import { randomBytes, randomInt } from 'node:crypto';
import type {
  DeviceEnroll,
  DeviceIdentity,
  DeviceInfo,
  Locale,
  PairingCode,
  PairResult,
} from '@onewindow/protocol';
import { sha256Hex } from '../deps.js';
import { CommandError } from '../errors.js';
import type { HallRegistry } from '../registry.js';
import type { DeviceRecord } from '../store/admin-types.js';
import type { ConfigService } from './config-service.js';
import type { Actor, AdminDeps } from './types.js';

/** A pairing code is typed within this time or asked for again. */
const PAIRING_MS = 15 * 60_000;

export const identityOf = (d: DeviceRecord): DeviceIdentity => ({
  deviceId: d.id,
  hallId: d.hallId,
  role: d.role,
  windowId: d.windowId,
  ...(d.locale === null ? {} : { locale: d.locale }),
});

/**
 * The hall's devices: enrolled in the console with a one-time pairing code typed on the device, which
 * then receives its token (kept by the server only as SHA-256). Revoking cuts the device off at once.
 */
export class DeviceDirectory {
  private byToken = new Map<string, DeviceRecord>();

  constructor(
    private readonly deps: AdminDeps,
    private readonly halls: HallRegistry,
    private readonly config: ConfigService,
    /** Ends every connection of a device (revoked, re-paired, or told to pick up its new settings). */
    private readonly disconnect: (deviceId: string) => void,
    private readonly isOnline: (deviceId: string) => boolean,
  ) {}

  async load(): Promise<void> {
    const all = await this.deps.store.read((tx) => tx.admin.listDevices());
    this.byToken = new Map(all.flatMap((d) => (d.tokenSha256 !== null ? [[d.tokenSha256, d]] : [])));
  }

  /**
   * The device behind a token. A revoked device's token is kept (hashed) so that the device can be
   * told it was revoked rather than that its token is unknown.
   */
  authenticate(token: unknown): { device: DeviceRecord; revoked: boolean } | undefined {
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) return undefined;
    const d = this.byToken.get(sha256Hex(token));
    if (d === undefined || !this.halls.has(d.hallId)) return undefined;
    return { device: d, revoked: d.revokedAt !== null };
  }

  async list(hallId: string): Promise<DeviceInfo[]> {
    const all = await this.deps.store.read((tx) => tx.admin.listDevices(hallId));
    return all.map((d) => this.info(d));
  }

  info(d: DeviceRecord): DeviceInfo {
    const { tokenSha256: _t, ...rest } = d;
    return { ...rest, online: this.isOnline(d.id) };
  }

  async enroll(hallId: string, input: DeviceEnroll, actor: Actor): Promise<PairingCode> {
    const hall = this.halls.get(hallId);
    if (input.windowId !== null && !hall.windowDefs.has(input.windowId)) {
      throw new CommandError('VALIDATION_FAILED', `unknown window "${input.windowId}"`, {
        issues: [{ path: 'windowId', message: `unknown window "${input.windowId}"` }],
      });
    }
    const now = this.deps.clock.now();
    const code = pairingCode();
    const device = await this.deps.store.transaction(async (tx) => {
      if ((await tx.admin.getDevice(input.id)) !== undefined) {
        throw new CommandError('VALIDATION_FAILED', `device "${input.id}" exists already`, {
          issues: [{ path: 'id', message: `"${input.id}" exists already` }],
        });
      }
      const record: DeviceRecord = {
        id: input.id,
        hallId,
        role: input.role,
        windowId: input.windowId,
        name: input.name,
        tokenSha256: null,
        locale: input.locale,
        createdAt: now,
        pairedAt: null,
        revokedAt: null,
        lastSeenAt: null,
        lastIp: null,
        clientVersion: null,
      };
      await tx.admin.putDevice(record);
      await tx.admin.putPairing(sha256Hex(code), record.id, now + PAIRING_MS);
      await this.config.audit(
        tx,
        actor,
        hallId,
        'device.enroll',
        `device:${record.id}`,
        null,
        this.info(record),
      );
      return record;
    });
    return { device: this.info(device), code, expiresAt: now + PAIRING_MS };
  }

  /** A fresh code for an enrolled device (a replaced kiosk); its old token stops working once paired. */
  async repair(hallId: string, deviceId: string, actor: Actor): Promise<PairingCode> {
    const now = this.deps.clock.now();
    const code = pairingCode();
    const device = await this.deps.store.transaction(async (tx) => {
      const d = await this.ofHall(tx.admin.getDevice(deviceId), hallId, deviceId);
      await tx.admin.deletePairingsOf(d.id);
      await tx.admin.putPairing(sha256Hex(code), d.id, now + PAIRING_MS);
      await this.config.audit(tx, actor, hallId, 'device.pairingCode', `device:${d.id}`, null, null);
      return d;
    });
    return { device: this.info(device), code, expiresAt: now + PAIRING_MS };
  }

  /** The device types the code; it gets its token once, and the code is used up. */
  async pair(code: string, clientVersion: string | undefined, ip: string): Promise<PairResult> {
    const now = this.deps.clock.now();
    const token = randomBytes(32).toString('base64url');
    const device = await this.deps.store.transaction(async (tx) => {
      const pairing = await tx.admin.takePairing(sha256Hex(code));
      const d = pairing === undefined ? undefined : await tx.admin.getDevice(pairing.deviceId);
      if (pairing === undefined || pairing.expiresAt < now || d === undefined || d.revokedAt !== null) {
        throw new CommandError('PAIRING_INVALID', 'the pairing code is wrong, used or expired');
      }
      const paired: DeviceRecord = {
        ...d,
        tokenSha256: sha256Hex(token),
        pairedAt: now,
        lastSeenAt: now,
        lastIp: ip,
        clientVersion: clientVersion ?? null,
      };
      await tx.admin.putDevice(paired);
      await this.config.audit(
        tx,
        { id: `device:${d.id}`, name: d.name ?? d.id },
        d.hallId,
        'device.pair',
        `device:${d.id}`,
        null,
        { ip },
      );
      return { before: d, after: paired };
    });
    if (device.before.tokenSha256 !== null) {
      this.byToken.delete(device.before.tokenSha256);
      this.disconnect(device.before.id);
    }
    if (device.after.tokenSha256 !== null) this.byToken.set(device.after.tokenSha256, device.after);
    this.deps.changed?.({ kind: 'devices' });
    return { token, device: identityOf(device.after) };
  }

  async revoke(hallId: string, deviceId: string, actor: Actor): Promise<DeviceInfo> {
    const now = this.deps.clock.now();
    const { before, after } = await this.deps.store.transaction(async (tx) => {
      const d = await this.ofHall(tx.admin.getDevice(deviceId), hallId, deviceId);
      const revoked: DeviceRecord = { ...d, revokedAt: now };
      await tx.admin.putDevice(revoked);
      await tx.admin.deletePairingsOf(d.id);
      await this.config.audit(
        tx,
        actor,
        hallId,
        'device.revoke',
        `device:${d.id}`,
        this.info(d),
        this.info(revoked),
      );
      return { before: d, after: revoked };
    });
    if (before.tokenSha256 !== null) this.byToken.set(before.tokenSha256, after);
    this.deps.changed?.({ kind: 'devices' });
    this.disconnect(deviceId);
    return this.info(after);
  }

  async update(
    hallId: string,
    deviceId: string,
    change: { name?: string; locale?: Locale | null },
    actor: Actor,
  ): Promise<DeviceInfo> {
    const { after } = await this.deps.store.transaction(async (tx) => {
      const d = await this.ofHall(tx.admin.getDevice(deviceId), hallId, deviceId);
      const updated: DeviceRecord = {
        ...d,
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.locale === undefined ? {} : { locale: change.locale }),
      };
      await tx.admin.putDevice(updated);
      await this.config.audit(
        tx,
        actor,
        hallId,
        'device.update',
        `device:${d.id}`,
        this.info(d),
        this.info(updated),
      );
      return { after: updated };
    });
    if (after.tokenSha256 !== null) this.byToken.set(after.tokenSha256, after);
    this.deps.changed?.({ kind: 'devices' });
    // The device reconnects at once and finds its new settings (its language) in the snapshot.
    this.disconnect(deviceId);
    return this.info(after);
  }

  /** Notes when a device was last seen, from where and with which version. */
  async seen(deviceId: string, ip: string, clientVersion: string | undefined): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      const d = await tx.admin.getDevice(deviceId);
      if (d === undefined) return;
      await tx.admin.putDevice({
        ...d,
        lastSeenAt: now,
        lastIp: ip,
        clientVersion: clientVersion ?? d.clientVersion,
      });
    });
  }

  private async ofHall(
    pending: Promise<DeviceRecord | undefined>,
    hallId: string,
    deviceId: string,
  ): Promise<DeviceRecord> {
    const d = await pending;
    if (d === undefined || d.hallId !== hallId) {
      throw new CommandError('NOT_FOUND', `device "${deviceId}" does not exist`, { device: deviceId });
    }
    return d;
  }
}

/** Eight digits, easy to type on a kiosk's keypad; valid for fifteen minutes and once. */
function pairingCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}
