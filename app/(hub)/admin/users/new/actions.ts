"use server";
import type { FormState } from "@/domain/form-state";
import { createUserSchema } from "@/domain/schemas/user";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { createUser } from "@/server/users/mutations";

export async function createUserAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, createUserSchema, async (input) => {
    const { id } = await createUser({ ctx, input });
    return { redirectTo: `/admin/users/${id}?created=1` };
  });
}
