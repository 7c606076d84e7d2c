"use server";
import type { FormState } from "@/domain/form-state";
import { createSeeRequestSchema } from "@/domain/schemas/see-request";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { createSeeRequest } from "@/server/see-requests/mutations";

export async function createSeeRequestAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, createSeeRequestSchema, async (input) => {
    await createSeeRequest({ ctx, input });
    return { redirectTo: `/people/${input.personId}/please-see?sent=1` };
  });
}
