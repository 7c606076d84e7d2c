"use server";
import type { FormState } from "@/domain/form-state";
import { transitionReferralSchema } from "@/domain/schemas/referral";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { transitionReferral } from "@/server/referrals/mutations";

export async function transitionReferralAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, transitionReferralSchema, async (input) => {
    await transitionReferral({ ctx, input });
    return { redirectTo: `/referrals/${input.referralId}?updated=${input.event}` };
  });
}
