/** Probation case reference number: one capital letter then six digits, e.g. X123456. */
export const CRN_PATTERN = /^[A-Z]\d{6}$/;

export function normaliseCrn(input: string): string {
  return input.trim().toUpperCase();
}

export function isValidCrn(input: string): boolean {
  return CRN_PATTERN.test(normaliseCrn(input));
}
