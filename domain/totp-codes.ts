/** What a user types as a code, tidied; no crypto here, so forms in the browser can use it too. */

/** Keeps only digits of what was typed ("123 456" -> "123456"); null unless exactly six. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** A recovery code as stored: lower case, no spaces or hyphens; null unless it could be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const clean = input.replace(/[\s-]/g, "").toLowerCase();
  return /^[a-z0-9]{10}$/.test(clean) ? clean : null;
}
