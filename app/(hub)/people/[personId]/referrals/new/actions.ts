"use server";
import type { FormState } from "@/domain/form-state";
import { createReferralSchema } from "@/domain/schemas/referral";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { createReferral } from "@/server/referrals/mutations";

export async function createReferralAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, createReferralSchema, async (input) => {
    const { id, status } = await createReferral({ ctx, input });
    return { redirectTo: `/referrals/${id}?${status === "sent" ? "sent" : "saved"}=1` };
  });
}
