"use server";
import type { FormState } from "@/domain/form-state";
import { updatePersonSchema } from "@/domain/schemas/person";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { updatePerson } from "@/server/people/mutations";

export async function updatePersonAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, updatePersonSchema, async (input) => {
    await updatePerson({ ctx, input });
    return { redirectTo: `/people/${input.personId}?updated=1` };
  });
}
