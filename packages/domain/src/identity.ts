import { DomainError } from './errors.js';
import type { ResidentMasked } from './model.js';

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

/** Why an 18-digit citizen ID number is invalid, or null when it is valid. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'region';
  if (birthDateOf(id) === null) return 'birthDate';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return null;
}

export function assertValidIdNumber(raw: string): string {
  const problem = idNumberProblem(raw);
  if (problem !== null) {
    const why: Record<IdNumberProblem, string> = {
      format: 'must be 17 digits and a final digit or X',
      region: 'has an unknown region code',
      birthDate: 'has an impossible birth date',
      checkDigit: 'fails its check digit',
    };
    throw new DomainError('INVALID_ID_NUMBER', `ID number ${why[problem]}`, { problem });
  }
  return raw.toUpperCase();
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

/**
 * **************1234: only the last four characters, as a clerk checks them against the card. With
 * region and birth date hidden, the hidden part has too many candidates to try against anything.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
}

/** 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧***: the family name only; counts characters, not UTF-16 units. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskResident(idNumber: string, name: string): ResidentMasked {
  return { idMasked: maskIdNumber(idNumber), nameMasked: maskName(name) };
}
