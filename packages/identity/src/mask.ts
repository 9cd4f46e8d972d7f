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
