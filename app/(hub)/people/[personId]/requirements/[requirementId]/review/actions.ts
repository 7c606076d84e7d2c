"use server";
import type { FormState } from "@/domain/form-state";
import { recordReviewSchema } from "@/domain/schemas/requirement";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { recordReview } from "@/server/requirements/mutations";

export async function recordReviewAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, recordReviewSchema, async (input) => {
    await recordReview({ ctx, input });
    return { redirectTo: `/people/${input.personId}/requirements/${input.requirementId}?reviewed=1` };
  });
}
