import "server-only";
import { z } from "zod";

/*
 * Referral settings, checked when this module first loads (STYLE.md 10: an empty string counts as
 * missing). They sit beside the referral code rather than in server/env.ts so that a bad value here
 * stops only the referral pages; they belong in server/env.ts and .env.example in time.
 *
 * REFERRAL_RESPONSE_WORKING_DAYS: a sent referral with no response for longer than this many
 * working days goes on the worklist (default 5).
 */
const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const MAX_RESPONSE_WORKING_DAYS = 60;

const schema = z.object({
  REFERRAL_RESPONSE_WORKING_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int("REFERRAL_RESPONSE_WORKING_DAYS must be a whole number")
      .min(0)
      .max(MAX_RESPONSE_WORKING_DAYS, `REFERRAL_RESPONSE_WORKING_DAYS must be ${MAX_RESPONSE_WORKING_DAYS} or fewer`)
      .default(5),
  ),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
  throw new Error(`Invalid referral settings:\n${problems}`);
}

export const referralSettings = { responseWorkingDays: parsed.data.REFERRAL_RESPONSE_WORKING_DAYS };

/** The `?days=` a worklist page was given, when it is a sensible number; otherwise the setting. */
export function responseDaysFrom(param: string | undefined): number {
  if (param === undefined || !/^\d{1,3}$/.test(param.trim())) return referralSettings.responseWorkingDays;
  const days = Number(param.trim());
  return days <= MAX_RESPONSE_WORKING_DAYS ? days : referralSettings.responseWorkingDays;
}
