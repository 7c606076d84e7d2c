import "server-only";
import { env } from "../env";

/** The key material for TOTP secrets and recovery-code hashes: its own variable, or AUTH_SECRET. */
export function twoFactorKeyMaterial(): string {
  return env.TWO_FACTOR_ENCRYPTION_KEY ?? env.AUTH_SECRET;
}
