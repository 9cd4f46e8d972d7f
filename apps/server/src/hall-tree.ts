import type { HallRegistry } from './registry.js';

/** The halls above one (township, county …), nearest first; a loop in the configuration ends the walk. */
export function ancestorsOf(halls: HallRegistry, hallId: string): string[] {
  const out: string[] = [];
  let parent = halls.find(hallId)?.hall.parentId;
  while (parent !== undefined && !out.includes(parent) && parent !== hallId) {
    out.push(parent);
    parent = halls.find(parent)?.hall.parentId;
  }
  return out;
}

/** The hall and every hall below it (its townships and their villages), the hall first. */
export function subtreeOf(halls: HallRegistry, hallId: string): string[] {
  return [hallId, ...halls.ids().filter((id) => id !== hallId && ancestorsOf(halls, id).includes(hallId))];
}
