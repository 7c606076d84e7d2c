import { createHmac, timingSafeEqual } from "node:crypto";
import { normaliseTotpCode } from "./totp-codes";

export { normaliseTotpCode };

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) as authenticator apps use them:
 * HMAC-SHA-1, 6 digits, 30-second steps, and one step either side accepted for clock drift.
 * No I/O: the secret and the time come from the caller.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 as authenticator apps show it: any case, spaces and padding ignored. Null if invalid. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  if (clean === "") return null;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** RFC 4226 HOTP for one counter value. `algorithm` is for the RFC 6238 test vectors only. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (((mac[offset] ?? 0) & 0x7f) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The 30-second time step a moment falls in. */
export function timeStep(at: Date, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / period);
}

export function totpCode(key: Uint8Array, at: Date): string {
  return hotp(key, timeStep(at));
}


/**
 * The time step whose code matches, trying the current step and one either side, or null. Steps at
 * or before `lastUsedStep` are refused, so a code (or an earlier one) cannot be replayed.
 */
export function verifyTotp(key: Uint8Array, code: string, at: Date, lastUsedStep: number | null = null): number | null {
  const typed = normaliseTotpCode(code);
  if (!typed) return null;
  const now = timeStep(at);
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken does not depend on which matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const equal = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed));
    if (equal && matched === null && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched;
}

/** The otpauth:// URI an authenticator app reads from the QR code (Key URI Format). */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: Uint8Array }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** Groups a base32 secret in fours so it can be typed into an app by hand. */
export function formatSecretForTyping(secret: Uint8Array): string {
  return base32Encode(secret).replace(/(.{4})/g, "$1 ").trim();
}
