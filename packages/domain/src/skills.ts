import type { Matter, SkillSet, Staff, Window, WindowDef } from './model.js';

/** What AB岗 cover needs of a clerk: where they work and whom they back up. */
export type StaffLinks = Pick<Staff, 'id' | 'windowIds' | 'backupOf'>;

export type SkillTier = 'primary' | 'secondary';

export function skillSetCovers(skills: SkillSet, matter: Pick<Matter, 'id' | 'categoryId'>): boolean {
  if (skills.all === true) return true;
  if (skills.categories?.includes(matter.categoryId)) return true;
  return skills.matters?.includes(matter.id) ?? false;
}

/** How a window serves a matter: as its main work, as a side skill, or not at all. */
export function serviceTier(
  window: Pick<WindowDef, 'primary' | 'secondary'>,
  matter: Pick<Matter, 'id' | 'categoryId'>,
): SkillTier | null {
  if (skillSetCovers(window.primary, matter)) return 'primary';
  if (skillSetCovers(window.secondary, matter)) return 'secondary';
  return null;
}

export const windowServes = (window: Pick<Window, 'primary' | 'secondary'>, matter: Matter): boolean =>
  serviceTier(window, matter) !== null;

export function mergeSkills(a: SkillSet, b: SkillSet): SkillSet {
  const out: SkillSet = {};
  if (a.all === true || b.all === true) out.all = true;
  const categories = [...new Set([...(a.categories ?? []), ...(b.categories ?? [])])];
  const matters = [...new Set([...(a.matters ?? []), ...(b.matters ?? [])])];
  if (categories.length > 0) out.categories = categories;
  if (matters.length > 0) out.matters = matters;
  return out;
}

/**
 * AB岗: when a person (A) is not working at any open window, the window of their backup (B) takes over
 * the skills of A's windows, so A's matters are still served. Returns new windows; none is changed.
 */
export function withBackupSkills<
  W extends Pick<Window, 'id' | 'primary' | 'secondary' | 'state' | 'staffId'>,
>(windows: readonly W[], staff: readonly StaffLinks[]): W[] {
  const present = new Set(
    windows.filter((w) => w.state !== 'closed' && w.staffId !== null).map((w) => w.staffId),
  );
  const byId = new Map(windows.map((w) => [w.id, w]));
  // Looked up by id, not searched: every estimate the hall prints sees the windows through this.
  const staffById = new Map<string, StaffLinks>();
  for (const s of staff) if (!staffById.has(s.id)) staffById.set(s.id, s);
  return windows.map((w) => {
    if (w.state === 'closed' || w.staffId === null) return w;
    const b = staffById.get(w.staffId);
    if (b === undefined) return w;
    let primary = w.primary;
    let secondary = w.secondary;
    for (const aId of b.backupOf) {
      if (present.has(aId)) continue;
      const a = staffById.get(aId);
      for (const windowId of a?.windowIds ?? []) {
        const aw = byId.get(windowId);
        if (aw === undefined || aw.id === w.id) continue;
        primary = mergeSkills(primary, aw.primary);
        secondary = mergeSkills(secondary, aw.secondary);
      }
    }
    return primary === w.primary && secondary === w.secondary ? w : { ...w, primary, secondary };
  });
}
