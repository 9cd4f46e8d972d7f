import { formatIssues } from '@onewindow/domain';
import type { ConfigChange } from '@onewindow/protocol';
import { parseDocument as parseYaml, stringify as toYaml } from 'yaml';
import {
  configOf,
  type HallConfig,
  HallConfig as HallConfigSchema,
  HallSetup,
  type ServerConfig,
} from '../config.js';
import { hashSecret } from '../credentials.js';
import { CommandError } from '../errors.js';
import { HallRuntime } from '../hall-runtime.js';
import { subtreeOf } from '../hall-tree.js';
import type { HallRegistry } from '../registry.js';
import type { StoreTx } from '../store/types.js';
import type { Actor, AdminDeps } from './types.js';

/** Every problem of a configuration, by the path of the field it is about. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigInvalid extends CommandError {
  constructor(readonly issues: ConfigIssue[]) {
    super('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
}

/** Zod issues as `{ path, message }` with paths like `matters[3].guide.materials[0].name`. */
function issuesOf(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): ConfigIssue[] {
  return formatIssues(error as never).map((line) => {
    const at = line.indexOf(': ');
    return at < 0 ? { path: '', message: line } : { path: line.slice(0, at), message: line.slice(at + 2) };
  });
}

/** Checks a whole hall configuration; throws ConfigInvalid with every problem, or returns it parsed. */
export function checkConfig(doc: unknown): HallConfig {
  const parsed = HallConfigSchema.safeParse(doc);
  if (!parsed.success) throw new ConfigInvalid(issuesOf(parsed.error));
  return parsed.data;
}

/** The configuration after one change; ids missing from the config are a NOT_FOUND. */
/** The lists of a hall's configuration a change can name, by the change's first word. */
type ItemKind = 'category' | 'matter' | 'window' | 'staff';
const LISTS = { category: 'categories', matter: 'matters', window: 'windows', staff: 'staff' } as const;

/** What a change is about: the hall itself, or one item of one of its lists. */
function subjectOf(change: ConfigChange): { kind: 'hall' | ItemKind; id: string } {
  switch (change.type) {
    case 'hall.put':
      return { kind: 'hall', id: change.hall.id };
    case 'category.create':
    case 'category.put':
      return { kind: 'category', id: change.category.id };
    case 'matter.create':
    case 'matter.put':
      return { kind: 'matter', id: change.matter.id };
    case 'window.create':
    case 'window.put':
      return { kind: 'window', id: change.window.id };
    case 'staff.create':
    case 'staff.put':
      return { kind: 'staff', id: change.staff.id };
    default:
      return { kind: change.type.split('.')[0] as ItemKind, id: change.id };
  }
}

export function applyChange(config: HallConfig, change: ConfigChange): HallConfig {
  const { kind, id } = subjectOf(change);
  if (kind === 'hall') {
    if (change.type !== 'hall.put') throw new Error('unreachable');
    if (id !== config.hall.id) {
      throw new CommandError('VALIDATION_FAILED', 'a hall keeps its id', {
        issues: [{ path: 'hall.id', message: 'cannot change' }],
      });
    }
    return { ...config, hall: change.hall };
  }
  const key = LISTS[kind];
  const list: readonly { id: string }[] = config[key];
  const exists = list.some((x) => x.id === id);
  const verb = change.type.split('.')[1];
  if (verb === 'create' && exists) {
    // The id is the field a manager typed: say so there, and change nothing.
    throw new CommandError('VALIDATION_FAILED', `${kind} "${id}" exists already`, {
      issues: [{ path: `change.${kind}.id`, message: `"${id}" exists already` }],
    });
  }
  if (verb !== 'create' && !exists) {
    throw new CommandError('NOT_FOUND', `${kind} "${id}" does not exist`, { [kind]: id });
  }
  if (verb === 'delete') return { ...config, [key]: list.filter((x) => x.id !== id) };
  const item =
    'category' in change
      ? change.category
      : 'matter' in change
        ? change.matter
        : 'window' in change
          ? change.window
          : 'staff' in change
            ? change.staff
            : undefined;
  if (item === undefined) throw new Error('unreachable');
  return {
    ...config,
    [key]: verb === 'create' ? [...list, item] : list.map((x) => (x.id === id ? item : x)),
  };
}

/** What a change is about, for the audit log. */
export function targetOfChange(change: ConfigChange): string {
  const { kind, id } = subjectOf(change);
  return `${kind}:${id}`;
}

function beforeOf(config: HallConfig, change: ConfigChange): unknown {
  const { kind, id } = subjectOf(change);
  if (kind === 'hall') return config.hall;
  const list: readonly { id: string }[] = config[LISTS[kind]];
  return list.find((x) => x.id === id) ?? null;
}

/**
 * Halls' configurations live in the store, one checked document per hall with a version. A change is
 * applied to the whole document, checked whole, saved, written to the audit log, and announced to the
 * hall's screens (`hall:configured`) in the same transaction; the running server swaps the hall's
 * runtime only after the commit.
 */
export class ConfigService {
  constructor(
    private readonly deps: AdminDeps,
    private readonly halls: HallRegistry,
  ) {}

  /** Reads every hall's configuration from the store into the registry (start-up). */
  async load(): Promise<void> {
    const rows = await this.deps.store.read((tx) => tx.admin.listHallConfigs());
    for (const r of rows) this.halls.set(new HallRuntime(checkConfig(r.doc), r.version));
  }

  /**
   * Another instance created or changed this hall: its configuration as stored now replaces the one
   * held here if it is newer. True when it did.
   */
  async reload(hallId: string): Promise<boolean> {
    const row = await this.deps.store.read((tx) => tx.admin.getHallConfig(hallId));
    const known = this.halls.find(hallId);
    if (row === undefined || (known !== undefined && known.version >= row.version)) return false;
    this.halls.set(new HallRuntime(checkConfig(row.doc), row.version));
    if (known === undefined) this.deps.startHall(hallId);
    return true;
  }

  /** An empty store takes the seed (YAML or JSON file, or the demo hall): configurations, devices, PINs. */
  async seedIfEmpty(seed: ServerConfig): Promise<boolean> {
    const now = this.deps.clock.now();
    const pins = await Promise.all(
      seed.halls
        .flatMap((h) =>
          h.staff.flatMap((s) =>
            s.pin === undefined ? [] : [{ hallId: h.hall.id, staffId: s.id, pin: s.pin }],
          ),
        )
        .map(async (p) => ({ ...p, hash: await hashSecret(p.pin) })),
    );
    return this.deps.store.transaction(async (tx) => {
      if ((await tx.admin.listHallConfigs()).length > 0) return false;
      for (const h of seed.halls) {
        await tx.admin.putHallConfig(h.hall.id, 1, configOf(h), now);
        for (const d of h.devices) {
          await tx.admin.putDevice({
            id: d.id,
            hallId: h.hall.id,
            role: d.role,
            windowId: d.windowId ?? null,
            name: d.name ?? null,
            tokenSha256: d.tokenSha256,
            locale: d.locale ?? null,
            createdAt: now,
            pairedAt: now,
            revokedAt: null,
            lastSeenAt: null,
            lastIp: null,
            clientVersion: null,
          });
        }
      }
      for (const p of pins) await tx.admin.putPin(p.hallId, p.staffId, p.hash, now);
      return true;
    });
  }

  current(hallId: string): { version: number; config: HallConfig } {
    const h = this.halls.get(hallId);
    return { version: h.version, config: h.config };
  }

  /** Applies one change for a person; every problem is reported by path and nothing is saved. */
  async change(hallId: string, change: ConfigChange, actor: Actor, baseVersion?: number): Promise<number> {
    if (change.type === 'hall.put') this.checkParent(hallId, change.hall.parentId);
    return this.replace(hallId, actor, baseVersion, (config) => applyChange(config, change), {
      action: `config.${change.type}`,
      target: targetOfChange(change),
      before: (config) => beforeOf(config, change),
      after: change,
    });
  }

  /** A hall's parent is another hall of this deployment and never one of its own halls below. */
  checkParent(hallId: string, parentId: string | undefined): void {
    if (parentId === undefined) return;
    const problem =
      parentId === hallId
        ? 'a hall is not its own parent'
        : !this.halls.has(parentId)
          ? `there is no hall "${parentId}"`
          : subtreeOf(this.halls, hallId).includes(parentId)
            ? `"${parentId}" is below this hall`
            : undefined;
    if (problem !== undefined) throw new ConfigInvalid([{ path: 'hall.parentId', message: problem }]);
  }

  /** Creates a hall with an empty configuration (a center administrator adds townships and villages). */
  async createHall(config: HallConfig, actor: Actor, tx?: StoreTx): Promise<void> {
    const checked = checkConfig(config);
    this.checkParent(checked.hall.id, checked.hall.parentId);
    const run = async (t: StoreTx) => {
      if ((await t.admin.getHallConfig(checked.hall.id)) !== undefined) {
        throw new CommandError('VALIDATION_FAILED', `hall "${checked.hall.id}" exists already`, {
          issues: [{ path: 'hall.id', message: `"${checked.hall.id}" exists already` }],
        });
      }
      const now = this.deps.clock.now();
      await t.admin.putHallConfig(checked.hall.id, 1, checked, now);
      await this.audit(
        t,
        actor,
        checked.hall.id,
        'hall.create',
        `hall:${checked.hall.id}`,
        null,
        checked.hall,
      );
    };
    if (tx !== undefined) await run(tx);
    else await this.deps.store.transaction(run);
    this.halls.set(new HallRuntime(checked, 1));
    this.deps.startHall(checked.hall.id);
    this.deps.changed?.({ kind: 'config', hallId: checked.hall.id });
  }

  /** The hall's configuration as YAML (no device tokens, no PINs): a template for another hall. */
  exportYaml(hallId: string): string {
    const { config, version } = this.current(hallId);
    return `# ${config.hall.name} — OneWindow hall configuration, version ${version}\n${toYaml(config)}`;
  }

  /** Replaces the hall's configuration with an imported one; every problem by path, nothing saved. */
  async importYaml(hallId: string, text: string, actor: Actor): Promise<number> {
    const doc = parseYaml(text);
    if (doc.errors.length > 0) {
      throw new ConfigInvalid(
        doc.errors.map((e) => ({ path: `line ${e.linePos?.[0].line ?? '?'}`, message: e.message })),
      );
    }
    const setup = HallSetup.safeParse(doc.toJS());
    if (!setup.success) throw new ConfigInvalid(issuesOf(setup.error));
    const imported = configOf(setup.data);
    if (imported.hall.id !== hallId) {
      throw new ConfigInvalid([
        { path: 'hall.id', message: `the file is for hall "${imported.hall.id}", not "${hallId}"` },
      ]);
    }
    return this.replace(hallId, actor, undefined, () => imported, {
      action: 'config.import',
      target: `hall:${hallId}`,
      before: (c) => ({
        version: this.halls.get(hallId).version,
        matters: c.matters.length,
        windows: c.windows.length,
      }),
      after: { matters: imported.matters.length, windows: imported.windows.length },
    });
  }

  private async replace(
    hallId: string,
    actor: Actor,
    baseVersion: number | undefined,
    next: (config: HallConfig) => HallConfig,
    audit: { action: string; target: string; before: (c: HallConfig) => unknown; after: unknown },
  ): Promise<number> {
    this.halls.get(hallId);
    const { runtime, events } = await this.deps.store.transaction(async (tx) => {
      const stored = await tx.admin.getHallConfig(hallId);
      if (stored === undefined)
        throw new CommandError('NOT_FOUND', `hall "${hallId}" does not exist`, { hall: hallId });
      if (baseVersion !== undefined && baseVersion !== stored.version) {
        throw new CommandError(
          'VERSION_CONFLICT',
          `the configuration changed (version ${stored.version}, edited ${baseVersion})`,
          {
            version: stored.version,
          },
        );
      }
      const config = checkConfig(stored.doc);
      const changed = checkConfig(next(config));
      const version = stored.version + 1;
      const now = this.deps.clock.now();
      await tx.admin.putHallConfig(hallId, version, changed, now);
      await this.audit(tx, actor, hallId, audit.action, audit.target, audit.before(config), audit.after);
      const events = await tx.appendEvents(hallId, [{ type: 'hall:configured', hallId, at: now, version }]);
      return { runtime: new HallRuntime(changed, version), events };
    });
    this.halls.set(runtime);
    this.deps.publish(hallId, events);
    this.deps.changed?.({ kind: 'config', hallId });
    return runtime.version;
  }

  async audit(
    tx: StoreTx,
    actor: Actor,
    hallId: string | null,
    action: string,
    target: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await tx.admin.appendAudit({
      id: this.deps.ids.uuid(),
      at: this.deps.clock.now(),
      hallId,
      actor: actor.id,
      actorName: actor.name,
      action,
      target,
      before,
      after,
    });
  }
}
