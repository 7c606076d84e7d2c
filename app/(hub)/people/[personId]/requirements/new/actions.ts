"use server";
import type { FormState } from "@/domain/form-state";
import { createRequirementSchema } from "@/domain/schemas/requirement";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { createRequirement } from "@/server/requirements/mutations";

export async function createRequirementAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, createRequirementSchema, async (input) => {
    await createRequirement({ ctx, input });
    return { redirectTo: `/people/${input.personId}/requirements?added=1` };
  });
}
