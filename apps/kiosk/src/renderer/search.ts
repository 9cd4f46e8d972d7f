import { pinyin } from 'pinyin-pro';

export interface Searchable {
  id: string;
  code: string;
  name: string;
  nameEn?: string | undefined;
}

interface Keys {
  initials: string;
  full: string;
}

const keyCache = new Map<string, Keys>();

/** 社会保障卡申领 → initials "shbzksl", full "shehuibaozhangkashenling" (non-Han characters kept). */
export function pinyinKeys(name: string): Keys {
  const cached = keyCache.get(name);
  if (cached !== undefined) return cached;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const keys = {
    initials: syllables.map((s) => clean(s).slice(0, 1)).join(''),
    full: syllables.map(clean).join(''),
  };
  keyCache.set(name, keys);
  return keys;
}

/** People abbreviate: 社保卡 (sbk) for 社会保障卡 (shbzk), so initials may skip characters. */
function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}

/**
 * Matters matching a query typed on the kiosk: by name (characters), code, English name, pinyin
 * initials (also abbreviated, 社保卡 → sbk) or full pinyin. Name and initial matches at the start
 * rank first.
 */
export function searchMatters<T extends Searchable>(items: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const qLatin = q.replace(/[^a-z0-9]/g, '');
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const keys = pinyinKeys(item.name);
    let score = -1;
    if (item.name.startsWith(query.trim())) score = 0;
    else if (item.name.includes(query.trim())) score = 1;
    else if (qLatin !== '' && keys.initials.startsWith(qLatin)) score = 2;
    else if (qLatin !== '' && keys.initials.includes(qLatin)) score = 3;
    else if (qLatin.length >= 2 && keys.full.includes(qLatin)) score = 4;
    else if (qLatin.length >= 2 && isSubsequence(qLatin, keys.initials)) score = 5;
    else if (item.code.toLowerCase().includes(q)) score = 6;
    else if (item.nameEn?.toLowerCase().includes(q)) score = 7;
    if (score >= 0) scored.push({ item, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.item);
}
