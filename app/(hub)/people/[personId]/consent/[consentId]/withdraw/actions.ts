"use server";
import type { FormState } from "@/domain/form-state";
import { withdrawConsentSchema } from "@/domain/schemas/consent";
import { withdrawConsent } from "@/server/consent/mutations";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";

export async function withdrawConsentAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, withdrawConsentSchema, async (input) => {
    await withdrawConsent({ ctx, input });
    return { redirectTo: `/people/${input.personId}/consent?withdrawn=1` };
  });
}
