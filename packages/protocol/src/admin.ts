import { Category, Hall, Id, Matter, ServiceDay, Staff, WindowDef } from '@onewindow/domain';
import { z } from 'zod';
import { DeviceIdentity, DeviceRole, Locale, PersonRole } from './roles.js';

/**
 * The administration console's contract with the hall server (HTTP, `/api/admin/…`, session cookie).
 * Every request body has one schema here; answers use the same `{ ok, data | error }` shape as acks.
 */

/** At least 10 characters: the console reaches every hall's configuration and people's data. */
export const Password = z.string().min(10, 'must be at least 10 characters').max(200);
export const Username = z
  .string()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be 3–32 of a-z 0-9 . _ - (starting with a letter or digit)');

export const Person = z.strictObject({
  id: Id,
  username: Username,
  displayName: z.string().min(1).max(40),
  role: PersonRole,
  /** The hall of a hall manager (or of an auditor limited to one hall); null for the whole deployment. */
  hallId: Id.nullable(),
  disabled: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** The first start: the one-time code the server printed, the first center administrator, the first hall. */
export const SetupRequest = z.strictObject({
  code: z.string().min(6).max(64),
  username: Username,
  displayName: z.string().min(1).max(40),
  password: Password,
  hall: z.strictObject({
    id: Id,
    name: z.string().min(1).max(60),
    level: Hall.shape.level,
  }),
});
export type SetupRequest = z.infer<typeof SetupRequest>;

export const UserCreate = z
  .strictObject({
    username: Username,
    displayName: z.string().min(1).max(40),
    role: PersonRole,
    hallId: Id.nullable(),
    password: Password,
  })
  .refine((u) => u.role !== 'hallManager' || u.hallId !== null, {
    message: 'a hall manager manages one hall',
    path: ['hallId'],
  });
// A center administrator with a hall runs that hall and every hall below it (a county's center);
// without one, the whole deployment.
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  displayName: z.string().min(1).max(40).optional(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

/**
 * One change to a hall's configuration; the whole configuration is checked before anything is saved.
 * `*.create` adds an item and is refused when its id is taken (two managers adding at once cannot
 * overwrite each other); `*.put` changes an item that exists.
 */
export const ConfigChange = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hall.put'), hall: Hall }),
  z.strictObject({ type: z.literal('category.create'), category: Category }),
  z.strictObject({ type: z.literal('category.put'), category: Category }),
  z.strictObject({ type: z.literal('category.delete'), id: Id }),
  z.strictObject({ type: z.literal('matter.create'), matter: Matter }),
  z.strictObject({ type: z.literal('matter.put'), matter: Matter }),
  z.strictObject({ type: z.literal('matter.delete'), id: Id }),
  z.strictObject({ type: z.literal('window.create'), window: WindowDef }),
  z.strictObject({ type: z.literal('window.put'), window: WindowDef }),
  z.strictObject({ type: z.literal('window.delete'), id: Id }),
  z.strictObject({ type: z.literal('staff.create'), staff: Staff }),
  z.strictObject({ type: z.literal('staff.put'), staff: Staff }),
  z.strictObject({ type: z.literal('staff.delete'), id: Id }),
]);
export type ConfigChange = z.infer<typeof ConfigChange>;

/** A hall's configuration as the console reads it (the server checks the cross-references). */
export const HallConfigView = z.strictObject({
  hall: Hall,
  categories: z.array(Category),
  matters: z.array(Matter),
  windows: z.array(WindowDef),
  staff: z.array(Staff),
});
export type HallConfigView = z.infer<typeof HallConfigView>;
export const ConfigResponse = z.strictObject({
  version: z.number().int(),
  config: HallConfigView,
  /** Who has a PIN set (the PIN itself is never shown again). */
  staffWithPin: z.array(Id),
});
export type ConfigResponse = z.infer<typeof ConfigResponse>;

export const HallBrief = z.strictObject({
  id: Id,
  name: z.string(),
  level: Hall.shape.level,
  parentId: Id.nullable(),
  version: z.number().int(),
});
export type HallBrief = z.infer<typeof HallBrief>;

/** A new hall (a township or village under a county), with its hours and rules; empty lists to start. */
export const HallCreate = z.strictObject({ hall: Hall });

export const ConfigChangeRequest = z.strictObject({
  /** The version the console edited; a newer one means someone else changed it in between. */
  baseVersion: z.number().int().min(0).optional(),
  change: ConfigChange,
});
export type ConfigChangeRequest = z.infer<typeof ConfigChangeRequest>;

export const DeviceInfo = z.strictObject({
  id: Id,
  hallId: Id,
  role: DeviceRole.exclude(['auditor']),
  windowId: Id.nullable(),
  name: z.string().nullable(),
  locale: Locale.nullable(),
  createdAt: z.number(),
  pairedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  lastSeenAt: z.number().nullable(),
  lastIp: z.string().nullable(),
  clientVersion: z.string().nullable(),
  /** Connected to this server right now. */
  online: z.boolean(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const DeviceEnroll = z
  .strictObject({
    id: Id,
    role: DeviceRole.exclude(['auditor']),
    windowId: Id.nullable(),
    name: z.string().min(1).max(40),
    locale: Locale.nullable(),
  })
  .refine((d) => (d.role === 'window' || d.role === 'pad') === (d.windowId !== null), {
    message: 'window clients and rating pads belong to one window; other devices to none',
    path: ['windowId'],
  });
export type DeviceEnroll = z.infer<typeof DeviceEnroll>;

export const DeviceUpdate = z.strictObject({
  name: z.string().min(1).max(40).optional(),
  locale: Locale.nullable().optional(),
});

/** What the console shows once: the code a person types on the new device. */
export const PairingCode = z.strictObject({
  device: DeviceInfo,
  code: z.string().regex(/^\d{8}$/),
  expiresAt: z.number(),
});
export type PairingCode = z.infer<typeof PairingCode>;

/** Typed on the device itself (kiosk configuration screen, window or display page). */
export const PairRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{8}$/, 'must be the 8 digits shown in the console'),
  clientVersion: z.string().max(40).optional(),
});
export const PairResult = z.strictObject({ token: z.string(), device: DeviceIdentity });
export type PairResult = z.infer<typeof PairResult>;

export const StaffPinRequest = z.strictObject({ pin: z.string().regex(/^\d{4,8}$/, 'must be 4–8 digits') });

export const AuditEntry = z.strictObject({
  id: z.string(),
  at: z.number(),
  hallId: Id.nullable(),
  actor: z.string(),
  actorName: z.string(),
  action: z.string(),
  target: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The day a county's roll-up is asked for. */
export const RollupQuery = z.strictObject({ day: ServiceDay });

export const AuditQuery = z.strictObject({
  hallId: Id.optional(),
  actor: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
});

export const BackupInfo = z.strictObject({ file: z.string(), bytes: z.number(), at: z.number() });
export type BackupInfo = z.infer<typeof BackupInfo>;

/** The staff list as the console edits it: who has a PIN (the PIN itself is never shown again). */
export const StaffWithPin = z.strictObject({ ...Staff.shape, hasPin: z.boolean() });
