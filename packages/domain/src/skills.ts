import type { Matter, SkillSet, Window, WindowDef } from './model.js';

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
