import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { normaliseRecoveryCode } from "./totp-codes";

export { normaliseRecoveryCode };

/**
 * Encryption at rest for TOTP secrets (AES-256-GCM) and keyed hashes for recovery codes
 * (HMAC-SHA-256). Both keys are derived with HKDF from one key material: TWO_FACTOR_ENCRYPTION_KEY,
 * or AUTH_SECRET when that is not set (server/auth/two-factor-keys.ts). Kept free of env reads so
 * the seed (outside the Next.js server) can use it too.
 */
const VERSION = "v1";

function derive(keyMaterial: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(keyMaterial, "utf8"), Buffer.alloc(0), `probation-health-hub ${purpose}`, 32));
}

export function encryptTotpSecret(keyMaterial: string, secret: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(keyMaterial, "totp secret v1"), iv);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Null when the box was sealed with another key or altered: GCM's tag check fails. */
export function decryptTotpSecret(keyMaterial: string, box: string): Uint8Array | null {
  const [version, iv, tag, ciphertext] = box.split(".");
  if (version !== VERSION || !iv || !tag || !ciphertext) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derive(keyMaterial, "totp secret v1"), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]));
  } catch {
    return null;
  }
}

// No 0/O, 1/I/L or U: easy to read aloud and to type from paper.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten random characters shown as "xxxxx-xxxxx" (about 49 bits each). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}


export function recoveryCodeHash(keyMaterial: string, userId: string, normalisedCode: string): string {
  return createHmac("sha256", derive(keyMaterial, "recovery code v1")).update(`${userId}:${normalisedCode}`).digest("base64url");
}
