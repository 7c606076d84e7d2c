/** GP practice ODS code: one letter then five digits, e.g. A81001. */
export function isValidOdsCode(input: string): boolean {
  return /^[A-Z]\d{5}$/.test(input.trim().toUpperCase());
}
