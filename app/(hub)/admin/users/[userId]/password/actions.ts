"use server";
import type { FormState } from "@/domain/form-state";
import { resetPasswordSchema } from "@/domain/schemas/user";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { resetPassword } from "@/server/users/mutations";

export async function resetPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, resetPasswordSchema, async (input) => {
    await resetPassword({ ctx, input });
    // Resetting one's own password ends one's own session too: the sign-in page follows.
    return { redirectTo: input.userId === ctx.user.id ? "/sign-in" : `/admin/users/${input.userId}?password=1` };
  });
}
