import type { Guide, Material, Matter } from './model.js';

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** One entry per document across the matters: the most originals and copies any of them asks for. */
export function mergeMaterials(lists: readonly (readonly Material[])[]): Material[] {
  const byName = new Map<string, Material>();
  for (const list of lists) {
    for (const m of list) {
      const seen = byName.get(m.name);
      if (seen === undefined) {
        byName.set(m.name, { ...m });
        continue;
      }
      const notes = unique([seen.note, m.note].filter((n): n is string => n !== undefined));
      byName.set(m.name, {
        name: m.name,
        original: Math.max(seen.original, m.original),
        copies: Math.max(seen.copies, m.copies),
        ...(notes.length === 0 ? {} : { note: notes.join('；') }),
      });
    }
  }
  return [...byName.values()];
}

/**
 * The guide of a 一件事 bundle as residents see it: its own text, and one list of everything its
 * matters need (one document brought once), their conditions, legal bases and questions together.
 */
export function bundleGuide(bundle: Matter, members: readonly Matter[]): Guide {
  const own = bundle.guide;
  return {
    ...own,
    conditions: unique([...own.conditions, ...members.flatMap((m) => m.guide.conditions)]),
    materials: mergeMaterials([own.materials, ...members.map((m) => m.guide.materials)]),
    steps: own.steps.length > 0 ? own.steps : members.flatMap((m) => m.guide.steps),
    legalBasis: unique([...own.legalBasis, ...members.flatMap((m) => m.guide.legalBasis)]),
    faq: [...own.faq, ...members.flatMap((m) => m.guide.faq)],
    forms: [...own.forms, ...members.flatMap((m) => m.guide.forms)],
  };
}
