"use server";
import type { FormState } from "@/domain/form-state";
import { updateUserAccessSchema } from "@/domain/schemas/user";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { updateUserAccess } from "@/server/users/mutations";

export async function updateUserAccessAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, updateUserAccessSchema, async (input) => {
    await updateUserAccess({ ctx, input });
    return { redirectTo: `/admin/users/${input.userId}?updated=1` };
  });
}
