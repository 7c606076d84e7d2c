"use server";
import type { FormState } from "@/domain/form-state";
import { updateRequirementSchema } from "@/domain/schemas/requirement";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { updateRequirement } from "@/server/requirements/mutations";

export async function updateRequirementAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, updateRequirementSchema, async (input) => {
    await updateRequirement({ ctx, input });
    return { redirectTo: `/people/${input.personId}/requirements?updated=1` };
  });
}
