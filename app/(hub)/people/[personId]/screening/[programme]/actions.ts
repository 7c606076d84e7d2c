"use server";
import type { FormState } from "@/domain/form-state";
import { updateScreeningSchema } from "@/domain/schemas/screening";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { updateScreening } from "@/server/screening/mutations";

export async function updateScreeningAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, updateScreeningSchema, async (input) => {
    await updateScreening({ ctx, input });
    return { redirectTo: `/people/${input.personId}/screening?updated=${input.programme}` };
  });
}
