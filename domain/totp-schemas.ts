import { z } from "zod";
import { authMessages, messages } from "./messages";
import { normaliseRecoveryCode, normaliseTotpCode } from "./totp-codes";

const typed = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** Sign-in step 2: a 6-digit code from the app, or a recovery code. */
export const secondFactorSchema = z.object({
  code: z.preprocess(
    typed,
    z
      .string()
      .min(1, messages.required("the code from your authenticator app"))
      .max(40, authMessages.codeFormat)
      .refine((v) => normaliseTotpCode(v) !== null || normaliseRecoveryCode(v) !== null, authMessages.codeFormat),
  ),
});
export type SecondFactorInput = z.output<typeof secondFactorSchema>;

/** Setting two-factor up: the first code the app shows. */
export const enrolCodeSchema = z.object({
  code: z.preprocess(
    typed,
    z
      .string()
      .min(1, messages.required("the code from your authenticator app"))
      .max(20, authMessages.enrolCodeFormat)
      .refine((v) => normaliseTotpCode(v) !== null, authMessages.enrolCodeFormat),
  ),
});
export type EnrolCodeInput = z.output<typeof enrolCodeSchema>;

export const userTwoFactorRequiredSchema = z.object({
  userId: z.uuid(),
  required: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type UserTwoFactorRequiredInput = z.output<typeof userTwoFactorRequiredSchema>;

export const resetUserTwoFactorSchema = z.object({ userId: z.uuid() });
export type ResetUserTwoFactorInput = z.output<typeof resetUserTwoFactorSchema>;
