import { z } from "zod";
import { messages, userMessages } from "../messages";
import { newPasswordField } from "../passwords-schema";
import { roles } from "../roles";
import { choice, idempotencyKeyField, text, versionField } from "./fields";

export { PASSWORD_MAX, PASSWORD_MIN } from "../passwords";

const email = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : ""),
  z.string().min(1, messages.required("an email address")).pipe(z.email({ error: messages.emailFormat }).max(254, messages.emailFormat)),
);

// 12 to 128 characters and not a common password (domain/passwords.ts); never trimmed.
const password = newPasswordField("a password");

const isUuid = (v: string) => z.uuid().safeParse(v).success;

/**
 * Site checkboxes all named `siteIds`: the server receives one string (one ticked) or an array
 * (several), react-hook-form an array, or false when one lone checkbox is unticked. Errors are
 * reported on `siteIds` itself, where the error summary links, never on one item.
 */
const siteIds = z.preprocess(
  (v) => (Array.isArray(v) ? v : [v]).filter((id): id is string => typeof id === "string" && id !== ""),
  z
    .array(z.string())
    .min(1, userMessages.chooseSites)
    .refine((ids) => ids.every(isUuid), userMessages.sitesNotYours)
    .transform((ids) => [...new Set(ids)]),
);

const role = choice(roles, "a role");

export const createUserSchema = z.object({
  idempotencyKey: idempotencyKeyField,
  name: text("the user's full name", 100),
  email,
  role,
  siteIds,
  password,
});
export type CreateUserInput = z.output<typeof createUserSchema>;
export const createUserFieldOrder = ["name", "email", "role", "siteIds", "password"];

export const updateUserAccessSchema = z.object({
  userId: z.uuid(),
  version: versionField,
  role,
  siteIds,
});
export type UpdateUserAccessInput = z.output<typeof updateUserAccessSchema>;
export const updateUserAccessFieldOrder = ["role", "siteIds"];

export const setUserDisabledSchema = z.object({
  userId: z.uuid(),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetUserDisabledInput = z.output<typeof setUserDisabledSchema>;

export const resetPasswordSchema = z.object({
  userId: z.uuid(),
  password,
});
export type ResetPasswordInput = z.output<typeof resetPasswordSchema>;
