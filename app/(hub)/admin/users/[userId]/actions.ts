"use server";
import type { FormState } from "@/domain/form-state";
import { setUserDisabledSchema } from "@/domain/schemas/user";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { setUserDisabled } from "@/server/users/mutations";
import { resetUserTwoFactorSchema, userTwoFactorRequiredSchema } from "@/domain/totp-schemas";
import { resetUserTwoFactor, setUserTwoFactorRequired } from "@/server/auth/admin-two-factor";

export async function setUserDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, setUserDisabledSchema, async (input) => {
    await setUserDisabled({ ctx, input });
    return { redirectTo: `/admin/users/${input.userId}?${input.disabled ? "disabled" : "enabled"}=1` };
  });
}

export async function setUserTwoFactorRequiredAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, userTwoFactorRequiredSchema, async (input) => {
    await setUserTwoFactorRequired({ ctx, input });
    return { redirectTo: `/admin/users/${input.userId}?twoFactor=${input.required ? "required" : "optional"}` };
  });
}

export async function resetUserTwoFactorAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, resetUserTwoFactorSchema, async (input) => {
    await resetUserTwoFactor({ ctx, input });
    return { redirectTo: `/admin/users/${input.userId}?twoFactor=reset` };
  });
}
