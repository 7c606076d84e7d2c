import { z } from "zod";
import { authMessages, messages } from "./messages";
import { PASSWORD_MAX, passwordProblem } from "./passwords";

const problemMessages = {
  length: messages.passwordLength,
  common: authMessages.passwordCommon,
  email: authMessages.passwordSameAsEmail,
} as const;

/**
 * A new password as a form field: the policy in domain/passwords.ts, with the messages a user reads.
 * Never trimmed: spaces are part of a password. `what` names it in the "Enter ..." message.
 */
export function newPasswordField(what = "a password") {
  return z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z
      .string()
      .min(1, messages.required(what))
      .superRefine((value, ctx) => {
        const problem = passwordProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problemMessages[problem] });
      }),
  );
}

/** A password the user types to prove who they are: only its presence and a sane length are checked. */
export function currentPasswordField(what = "your password") {
  return z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().min(1, messages.required(what)).max(1024, messages.passwordLength));
}

export { PASSWORD_MAX };

/** "Change your password": the current one, then the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordField("your current password"),
    newPassword: newPasswordField("a new password"),
    confirmPassword: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().min(1, messages.required("your new password again"))),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== "" && v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: authMessages.passwordsDiffer });
  });
export type ChangePasswordInput = z.output<typeof changePasswordSchema>;
export const changePasswordFieldOrder = ["currentPassword", "newPassword", "confirmPassword"];
