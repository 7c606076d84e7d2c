/**
 * Demo two-factor: every demo clinician and administrator has TOTP on with ONE PUBLISHED SECRET, so
 * `npm run dev` stays usable and the end-to-end tests can compute codes. Demo data only: the seed
 * refuses any database that is not on this machine. Add the secret to an authenticator app by hand
 * (README, "Demo two-factor") or print the current code with `npm run demo:totp`.
 */
import { base32Decode } from "@/domain/totp";
import { encryptTotpSecret, normaliseRecoveryCode, recoveryCodeHash } from "@/domain/totp-secret-box";
import { rolesRequiringTwoFactor } from "@/domain/totp-policy";
import type { Role } from "@/domain/roles";
import type { Transaction } from "./client";
import { twoFactorRecoveryCodes, userTwoFactor } from "./schema";

export const DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKBUGC43FIJQXGZJT";
/** Published recovery codes for every demo account with two-factor; each works once per database. */
export const DEMO_RECOVERY_CODES = ["demo2-aaaaa", "demo2-bbbbb", "demo2-ccccc", "demo2-ddddd", "demo2-eeeee", "demo2-fffff", "demo2-ggggg", "demo2-hhhhh", "demo2-jjjjj", "demo2-kkkkk"];

export function demoTotpKey(): Uint8Array {
  const key = base32Decode(DEMO_TOTP_SECRET);
  if (!key) throw new Error("bad demo secret");
  return key;
}

/** The key the server will decrypt with: TWO_FACTOR_ENCRYPTION_KEY, or AUTH_SECRET (server/auth/two-factor-keys.ts). */
export function twoFactorKeyFromEnv(): string | undefined {
  const own = process.env.TWO_FACTOR_ENCRYPTION_KEY?.trim();
  return own || process.env.AUTH_SECRET?.trim() || undefined;
}

/**
 * Turns demo two-factor on for the accounts whose role requires it. Without a key in the
 * environment (no AUTH_SECRET yet) nothing is written: those users set two-factor up at first sign-in.
 */
export async function seedDemoTwoFactor(tx: Transaction, accounts: { id: string; role: Role }[], keyMaterial = twoFactorKeyFromEnv()): Promise<number> {
  if (!keyMaterial) return 0;
  const enrolled = accounts.filter((a) => rolesRequiringTwoFactor.includes(a.role));
  if (enrolled.length === 0) return 0;
  const now = new Date();
  await tx.insert(userTwoFactor).values(enrolled.map((a) => ({ userId: a.id, secretEncrypted: encryptTotpSecret(keyMaterial, demoTotpKey()), enabledAt: now })));
  await tx.insert(twoFactorRecoveryCodes).values(
    enrolled.flatMap((a) => DEMO_RECOVERY_CODES.map((code) => ({ userId: a.id, codeHash: recoveryCodeHash(keyMaterial, a.id, normaliseRecoveryCode(code) ?? code) }))),
  );
  return enrolled.length;
}
