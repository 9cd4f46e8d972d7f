import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  Category,
  DocumentError,
  Hall,
  Id,
  Matter,
  parseDocument,
  Staff,
  WindowDef,
} from '@onewindow/domain';

export { formatIssues, formatPath } from '@onewindow/domain';

import { DeviceRole } from '@onewindow/protocol';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const DeviceConfig = z.strictObject({
  id: Id,
  role: DeviceRole,
  /** Windows and rating pads are bound to one window. */
  windowId: Id.optional(),
  /** SHA-256 (hex) of the device token; the token itself is never stored. */
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  name: z.string().optional(),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/** A person who may work at windows; with a PIN, logging in at a window requires it. */
export const StaffEntry = z.strictObject({
  ...Staff.shape,
  /** SHA-256 (hex) of `<staff id>:<PIN>`; the PIN itself is never stored. */
  pinSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')
    .optional(),
});
export type StaffEntry = z.infer<typeof StaffEntry>;

export const HallSetup = z
  .strictObject({
    hall: Hall,
    categories: z.array(Category).min(1),
    matters: z.array(Matter).min(1),
    windows: z.array(WindowDef).min(1),
    staff: z.array(StaffEntry).default([]),
    devices: z.array(DeviceConfig).default([]),
  })
  .superRefine((h, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    unique(h.categories, 'category', ['categories'], problem);
    unique(h.matters, 'matter', ['matters'], problem);
    unique(h.windows, 'window', ['windows'], problem);
    unique(h.staff, 'staff', ['staff'], problem);
    unique(h.devices, 'device', ['devices'], problem);
    const categories = new Set(h.categories.map((c) => c.id));
    const matters = new Set(h.matters.map((m) => m.id));
    const windows = new Set(h.windows.map((w) => w.id));
    const staff = new Set(h.staff.map((s) => s.id));
    h.matters.forEach((m, i) => {
      if (!categories.has(m.categoryId))
        problem(['matters', i, 'categoryId'], `unknown category "${m.categoryId}"`);
    });
    h.windows.forEach((w, i) => {
      for (const tier of ['primary', 'secondary'] as const) {
        const skills = w[tier];
        skills.categories?.forEach((c, j) => {
          if (!categories.has(c)) problem(['windows', i, tier, 'categories', j], `unknown category "${c}"`);
        });
        skills.matters?.forEach((m, j) => {
          if (!matters.has(m)) problem(['windows', i, tier, 'matters', j], `unknown matter "${m}"`);
        });
      }
      const p = w.primary;
      if (p.all !== true && (p.categories?.length ?? 0) === 0 && (p.matters?.length ?? 0) === 0) {
        problem(['windows', i, 'primary'], 'a window must serve something: all, categories or matters');
      }
    });
    const numbers = new Map<string, number>();
    h.windows.forEach((w, i) => {
      const prev = numbers.get(w.number);
      if (prev !== undefined)
        problem(['windows', i, 'number'], `window number "${w.number}" is also used by windows[${prev}]`);
      numbers.set(w.number, i);
    });
    h.staff.forEach((s, i) => {
      s.windowIds.forEach((w, j) => {
        if (!windows.has(w)) problem(['staff', i, 'windowIds', j], `unknown window "${w}"`);
      });
      s.backupOf.forEach((b, j) => {
        if (!staff.has(b)) problem(['staff', i, 'backupOf', j], `unknown staff "${b}"`);
        if (b === s.id) problem(['staff', i, 'backupOf', j], 'a person cannot back up themselves');
      });
    });
    h.devices.forEach((d, i) => {
      const bound = d.role === 'window' || d.role === 'pad';
      if (bound && d.windowId === undefined)
        problem(['devices', i, 'windowId'], `a ${d.role} device needs a windowId`);
      if (!bound && d.windowId !== undefined)
        problem(['devices', i, 'windowId'], `a ${d.role} device has no window`);
      if (d.windowId !== undefined && !windows.has(d.windowId)) {
        problem(['devices', i, 'windowId'], `unknown window "${d.windowId}"`);
      }
    });
  });
export type HallSetup = z.infer<typeof HallSetup>;

export const ServerConfig = z
  .strictObject({
    halls: z.array(HallSetup).min(1),
  })
  .superRefine((c, ctx) => {
    // Ids are keys across the whole server: one token, window or device belongs to one hall.
    const seen = new Map<string, string>();
    c.halls.forEach((h, i) => {
      const keys: [string, string, (string | number)[]][] = [
        ...h.windows.map((w, j): [string, string, (string | number)[]] => [
          `window ${w.id}`,
          w.id,
          ['halls', i, 'windows', j, 'id'],
        ]),
        ...h.devices.map((d, j): [string, string, (string | number)[]] => [
          `device ${d.id}`,
          d.id,
          ['halls', i, 'devices', j, 'id'],
        ]),
        ...h.devices.map((d, j): [string, string, (string | number)[]] => [
          'device token',
          d.tokenSha256,
          ['halls', i, 'devices', j, 'tokenSha256'],
        ]),
        [`hall ${h.hall.id}`, h.hall.id, ['halls', i, 'hall', 'id']],
      ];
      for (const [what, key, path] of keys) {
        const k = `${what.split(' ')[0]}:${key}`;
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path, message: `${what} is used twice` });
        seen.set(k, what);
      }
    });
  });
export type ServerConfig = z.infer<typeof ServerConfig>;

function unique(
  items: readonly { id: string }[],
  what: string,
  path: (string | number)[],
  problem: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) problem([...path, i, 'id'], `duplicate ${what} id "${item.id}"`);
    seen.add(item.id);
  });
}

export class ConfigError extends DocumentError {
  override readonly name = 'ConfigError';
  constructor(source: string, problems: readonly string[]) {
    super('hall configuration', source, problems);
  }
}

export function parseConfig(data: unknown, source = 'configuration'): ServerConfig {
  return parseDocument(ServerConfig, data, (problems) => new ConfigError(source, problems));
}

/** Reads a JSON or YAML hall configuration, with every problem listed by its path. */
export function loadConfigFile(file: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [`cannot read the file: ${e instanceof Error ? e.message : String(e)}`]);
  }
  let data: unknown;
  try {
    data = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(file, [
      `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${e instanceof Error ? e.message : String(e)}`,
    ]);
  }
  return parseConfig(data, file);
}
