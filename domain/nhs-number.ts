/**
 * NHS number: 10 digits, Modulus 11 check digit. A valid check digit is not a verified number:
 * only a trace against the national record verifies one.
 */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(input: string): boolean {
  const n = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(n)) return false;
  const check = nhsCheckDigit(n.slice(0, 9));
  return check !== null && check === Number(n[9]);
}

/** `9434765919` -> `943 476 5919` */
export function formatNhsNumber(n: string): string {
  const d = normaliseNhsNumber(n);
  if (!/^\d{10}$/.test(d)) return n;
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** Never-issued numbers (999 000 0000 to 999 999 9999), safe for demo and test data. */
export function isTestRangeNhsNumber(n: string): boolean {
  return /^999\d{7}$/.test(normaliseNhsNumber(n));
}
