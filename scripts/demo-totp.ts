/**
 * `npm run demo:totp -- [email]`: prints the current two-factor code of the demo accounts (they
 * share one published secret, db/seed-two-factor.ts). Demo data only; real accounts have their own.
 */
import { demoAccounts } from "@/db/seed";
import { DEMO_TOTP_SECRET, demoTotpKey } from "@/db/seed-two-factor";
import { TOTP_PERIOD_SECONDS, totpCode } from "@/domain/totp";
import { rolesRequiringTwoFactor } from "@/domain/totp-policy";

const email = process.argv[2]?.trim().toLowerCase();
if (email) {
  const account = demoAccounts.find((a) => a.email === email);
  if (!account) {
    console.error(`${email} is not a demo account.`);
    process.exit(1);
  }
  if (!rolesRequiringTwoFactor.includes(account.role)) console.log(`${email} has no demo two-factor (officers and pilot managers may opt in from Your account).`);
}
const now = new Date();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
console.log(`${totpCode(demoTotpKey(), now)}  (valid for ${left} more seconds; demo secret ${DEMO_TOTP_SECRET})`);
