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

import { DeviceRole, Locale } from '@onewindow/protocol';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** A device in a seed file: its token as SHA-256 only (the token itself is never stored). */
export const DeviceConfig = z.strictObject({
  id: Id,
  role: DeviceRole.exclude(['auditor']),
  /** Windows and rating pads are bound to one window. */
  windowId: Id.optional(),
  /** SHA-256 (hex) of the device token; the token itself is never stored. */
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  name: z.string().optional(),
  locale: Locale.optional(),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/** A person in a seed file may bring a first PIN; it is hashed (scrypt) on import and never exported. */
export const StaffSeed = z.strictObject({
  ...Staff.shape,
  pin: z
    .string()
    .regex(/^\d{4,8}$/, 'must be 4–8 digits')
    .optional(),
});
export type StaffSeed = z.infer<typeof StaffSeed>;
/** Staff as the hall server keeps them (PINs live apart, hashed). */
export type StaffEntry = Staff;

type Problem = (path: (string | number)[], message: string) => void;

/** The cross-checks of one hall's configuration: unique ids and codes, every reference known. */
function checkHall(
  h: {
    categories: readonly Category[];
    matters: readonly Matter[];
    windows: readonly WindowDef[];
    staff: readonly Staff[];
  },
  problem: Problem,
): void {
  unique(h.categories, 'category', ['categories'], problem);
  unique(h.matters, 'matter', ['matters'], problem);
  unique(h.windows, 'window', ['windows'], problem);
  unique(h.staff, 'staff', ['staff'], problem);
  const codes = new Map<string, number>();
  h.matters.forEach((m, i) => {
    const prev = codes.get(m.code);
    if (prev !== undefined)
      problem(['matters', i, 'code'], `matter code "${m.code}" is also used by matters[${prev}]`);
    codes.set(m.code, i);
  });
  const categories = new Set(h.categories.map((c) => c.id));
  const matters = new Map(h.matters.map((m) => [m.id, m]));
  const windows = new Set(h.windows.map((w) => w.id));
  const staff = new Set(h.staff.map((s) => s.id));
  h.matters.forEach((m, i) => {
    if (!categories.has(m.categoryId))
      problem(['matters', i, 'categoryId'], `unknown category "${m.categoryId}"`);
    m.bundleOf?.forEach((id, j) => {
      const member = matters.get(id);
      if (member === undefined) problem(['matters', i, 'bundleOf', j], `unknown matter "${id}"`);
      else if (member.bundleOf !== undefined)
        problem(['matters', i, 'bundleOf', j], `"${id}" is itself a bundle`);
      else if (id === m.id) problem(['matters', i, 'bundleOf', j], 'a bundle cannot contain itself');
    });
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
}

const refinement =
  (ctx: z.RefinementCtx): Problem =>
  (path, message) =>
    ctx.addIssue({ code: 'custom', path, message });

/** One hall's whole configuration, as the database keeps it and the console edits it. */
export const HallConfig = z
  .strictObject({
    hall: Hall,
    categories: z.array(Category),
    matters: z.array(Matter),
    windows: z.array(WindowDef),
    staff: z.array(Staff).default([]),
  })
  .superRefine((h, ctx) => checkHall(h, refinement(ctx)));
export type HallConfig = z.infer<typeof HallConfig>;

/** A hall in a seed or import file: its configuration plus devices and first PINs. */
export const HallSetup = z
  .strictObject({
    hall: Hall,
    categories: z.array(Category),
    matters: z.array(Matter),
    windows: z.array(WindowDef),
    staff: z.array(StaffSeed).default([]),
    devices: z.array(DeviceConfig).default([]),
  })
  .superRefine((h, ctx) => {
    const problem = refinement(ctx);
    checkHall(h, problem);
    unique(h.devices, 'device', ['devices'], problem);
    const windows = new Set(h.windows.map((w) => w.id));
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

/** The configuration part of a hall setup, without devices and PINs. */
export function configOf(setup: HallSetup): HallConfig {
  return {
    hall: setup.hall,
    categories: setup.categories,
    matters: setup.matters,
    windows: setup.windows,
    staff: setup.staff.map(({ pin: _pin, ...s }) => s),
  };
}

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
  problem: Problem,
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
