import { commonPasswordList } from "./common-passwords";

/**
 * The password policy (NCSC and NIST SP 800-63B): 12 to 128 characters, not a common password, no
 * composition rules. Pure, so the same rule runs in the browser (react-hook-form) and on the server.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type PasswordProblem = "length" | "common" | "email";

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(commonPasswordList.split("\n"));
  return common;
}

/** The number of list entries, for tests and the README. */
export const commonPasswordCount = (): number => commonPasswords().size;

/**
 * A password is common if it is on the list, or is a listed password (or one repeated character)
 * repeated, or padded with digits and symbols at either end: "password1234", "!!qwerty123456",
 * "monkeymonkey". Case is ignored; spaces are kept, as they are part of a passphrase.
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (core !== lower && core.length >= 4 && list.has(core)) return true;
  const repeated = /^(.+?)\1+$/su.exec(lower);
  if (repeated?.[1] && (repeated[1].length < 4 || list.has(repeated[1]))) return true;
  return isRun(lower);
}

/** "123456789012", "abcdefghijkl", "zyxwvutsrqpo": each character one after (or before) the last. */
function isRun(value: string): boolean {
  const codes = [...value].map((c) => c.codePointAt(0) ?? 0);
  const step = (i: number) => {
    const d = (codes[i] ?? 0) - (codes[i - 1] ?? 0);
    // 9 -> 0 and 0 -> 9 continue a run of digits.
    return d === -9 && /\d/.test(value) ? 1 : d === 9 && /\d/.test(value) ? -1 : d;
  };
  const first = step(1);
  if (first !== 1 && first !== -1) return false;
  for (let i = 2; i < codes.length; i++) if (step(i) !== first) return false;
  return true;
}

/** The first thing wrong with a password, or null when it meets the policy. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return "length";
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return "email";
  if (isCommonPassword(password)) return "common";
  return null;
}
