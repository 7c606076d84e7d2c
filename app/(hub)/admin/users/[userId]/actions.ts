"use server";
import type { FormState } from "@/domain/form-state";
import { setUserDisabledSchema } from "@/domain/schemas/user";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { setUserDisabled } from "@/server/users/mutations";

export async function setUserDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, setUserDisabledSchema, async (input) => {
    await setUserDisabled({ ctx, input });
    return { redirectTo: `/admin/users/${input.userId}?${input.disabled ? "disabled" : "enabled"}=1` };
  });
}
