import type { AuditEntry, DeviceRole, Locale, PersonRole } from '@onewindow/protocol';

/** A device of a hall as the server keeps it; the token only as its SHA-256. */
export interface DeviceRecord {
  id: string;
  hallId: string;
  role: Exclude<DeviceRole, 'auditor'>;
  windowId: string | null;
  name: string | null;
  tokenSha256: string | null;
  locale: Locale | null;
  createdAt: number;
  pairedAt: number | null;
  revokedAt: number | null;
  lastSeenAt: number | null;
  lastIp: string | null;
  clientVersion: string | null;
}

/** A person with a console account; the password only as its scrypt hash. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: PersonRole;
  hallId: string | null;
  passwordHash: string;
  createdAt: number;
  disabled: boolean;
}

export interface AuditFilter {
  hallIds?: readonly string[] | undefined;
  /** With hallIds: also the center-wide entries (accounts, backups), for center administrators. */
  withCenter?: boolean;
  actor?: string | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
}

/** The console's records: configuration documents, devices, people, secrets, the audit log. */
export interface AdminStoreTx {
  listHallConfigs(): Promise<{ hallId: string; version: number; doc: unknown }[]>;
  getHallConfig(hallId: string): Promise<{ version: number; doc: unknown } | undefined>;
  putHallConfig(hallId: string, version: number, doc: unknown, at: number): Promise<void>;

  listDevices(hallId?: string): Promise<DeviceRecord[]>;
  getDevice(id: string): Promise<DeviceRecord | undefined>;
  deviceByToken(tokenSha256: string): Promise<DeviceRecord | undefined>;
  putDevice(device: DeviceRecord): Promise<void>;
  putPairing(codeSha256: string, deviceId: string, expiresAt: number): Promise<void>;
  /** Removes and returns a pairing (a code works once). */
  takePairing(codeSha256: string): Promise<{ deviceId: string; expiresAt: number } | undefined>;
  deletePairingsOf(deviceId: string): Promise<void>;

  getPin(hallId: string, staffId: string): Promise<string | undefined>;
  putPin(hallId: string, staffId: string, hash: string, at: number): Promise<void>;
  listPins(hallId: string): Promise<string[]>;

  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByName(username: string): Promise<UserRecord | undefined>;
  putUser(user: UserRecord): Promise<void>;
  putSession(tokenSha256: string, userId: string, createdAt: number, expiresAt: number): Promise<void>;
  getSession(tokenSha256: string): Promise<{ userId: string; expiresAt: number } | undefined>;
  deleteSession(tokenSha256: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;

  getLockout(key: string): Promise<{ failures: number; until: number } | undefined>;
  putLockout(key: string, failures: number, until: number): Promise<void>;
  deleteLockout(key: string): Promise<void>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;

  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;
  deleteSetting(key: string): Promise<void>;
}
