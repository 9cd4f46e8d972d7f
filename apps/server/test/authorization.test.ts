import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type CommandName,
  commandNames,
  commands,
  type DeviceIdentity,
  DeviceRole,
} from '@onewindow/protocol';
import { describe, expect, it } from 'vitest';
import { dump, useHalls } from './helpers.js';

const halls = useHalls();
const README = fileURLToPath(new URL('../../../packages/protocol/README.md', import.meta.url));

/** The roles column of the protocol README's command table: what the server is held to. */
function documentedRoles(): Map<string, DeviceRole[]> {
  const out = new Map<string, DeviceRole[]>();
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('| command | payload');
  const table = text.slice(start, text.indexOf('\n\n', start));
  for (const m of table.matchAll(/^\| `([a-zA-Z]+:[a-zA-Z]+)` \|.*\| ([^|]+) \|$/gm)) {
    const cell = m[2]!.trim();
    out.set(
      m[1]!,
      cell === 'every role'
        ? [...DeviceRole.options]
        : cell.split(',').map((r) => DeviceRole.parse(r.trim())),
    );
  }
  return out;
}

const identity = (role: DeviceRole, windowId: string | null = null): DeviceIdentity => ({
  deviceId: `matrix-${role}`,
  hallId: 'h1',
  role,
  windowId: role === 'window' || role === 'pad' ? (windowId ?? 'w1') : null,
});

describe('every command × role × binding', () => {
  it('the README documents every command with the roles the server enforces', () => {
    const documented = documentedRoles();
    for (const name of commandNames) {
      expect(documented.get(name)?.sort(), name).toEqual([...commands[name].roles].sort());
    }
  });

  it('refuses every role the table leaves out with FORBIDDEN, before looking at the payload, changing nothing', async () => {
    const hall = await halls.start({ enforceHours: false });
    const before = dump(hall.dbFile);
    const service = hall.server.service;
    const seen: string[] = [];
    for (const name of commandNames as CommandName[]) {
      for (const role of DeviceRole.options) {
        const allowed = (commands[name].roles as readonly string[]).includes(role);
        // A payload that is wrong in every way: only the role decides whether FORBIDDEN comes first.
        const r = await service.execute(identity(role), name, { nonsense: true });
        const code = r.ok ? 'ok' : r.error.code;
        seen.push(`${name}/${role}/${code}`);
        if (allowed) expect(code, `${name} by ${role}`).not.toBe('FORBIDDEN');
        else expect(code, `${name} by ${role}`).toBe('FORBIDDEN');
      }
    }
    expect(seen).toHaveLength(commandNames.length * DeviceRole.options.length);
    expect(dump(hall.dbFile)).toBe(before);
  });

  it('binds windows and pads to their own window for every window-bound command', async () => {
    const hall = await halls.start({ enforceHours: false });
    const before = dump(hall.dbFile);
    const bound = commandNames.filter((n) => commands[n].windowBound);
    expect(bound.length).toBeGreaterThan(10);
    for (const name of bound) {
      for (const role of commands[name].roles) {
        const r = await hall.server.service.execute(identity(role, 'w1'), name, {
          requestId: `bind-${name}-${role}`,
          windowId: 'w2',
        });
        const code = r.ok ? 'ok' : r.error.code;
        // A bound device acting for another window is refused; the console may act for any window.
        if (role === 'window' || role === 'pad') expect(code, `${name} by ${role}`).toBe('FORBIDDEN');
        else expect(code, `${name} by ${role}`).not.toBe('FORBIDDEN');
      }
    }
    // The console's attempts were incomplete payloads: refused too, so nothing changed at all.
    expect(dump(hall.dbFile)).toBe(before);
  });
});
