"use server";
import type { FormState } from "@/domain/form-state";
import { handleSeeRequestSchema } from "@/domain/schemas/see-request";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { handleSeeRequest } from "@/server/see-requests/mutations";

export async function handleSeeRequestAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, handleSeeRequestSchema, async (input) => {
    const { personId } = await handleSeeRequest({ ctx, input });
    return { redirectTo: `/people/${personId}/please-see/${input.seeRequestId}?saved=1` };
  });
}
