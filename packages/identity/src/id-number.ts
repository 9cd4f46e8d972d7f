/**
 * The resident ID number (居民身份证号码, GB 11643): region, birth date, sequence and a check character.
 * The rules a kiosk's card reader, the simulator's cards and the hall server all apply; nothing here
 * knows about queues.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Province-level codes, plus 81/82/83 used by Hong Kong, Macao and Taiwan residence permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

/** GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '?';
}

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checkDigit';

/** Why an 18-digit ID number is invalid, or null when it is valid. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'region';
  if (birthDateOf(id) === null) return 'birthDate';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return null;
}

/**
 * Which card an ID number belongs to: the resident ID card, or the residence permit of a Hong Kong,
 * Macao (region 81, 82) or Taiwan (83) resident, which carries the same kind of number.
 */
export type IdCardKind = 'resident' | 'hkMacaoPermit' | 'taiwanPermit';

export function idCardKind(id: string): IdCardKind {
  const region = id.slice(0, 2);
  if (region === '81' || region === '82') return 'hkMacaoPermit';
  if (region === '83') return 'taiwanPermit';
  return 'resident';
}

/** "YYYY-MM-DD" from positions 7–14, or null when that is not a real date. */
export function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Whole years between a birth date and a day, both "YYYY-MM-DD". */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
