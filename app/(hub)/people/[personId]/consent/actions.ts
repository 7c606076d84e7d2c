"use server";
import type { FormState } from "@/domain/form-state";
import { recordConsentSchema } from "@/domain/schemas/consent";
import { recordConsent } from "@/server/consent/mutations";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";

export async function recordConsentAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, recordConsentSchema, async (input) => {
    await recordConsent({ ctx, input });
    return { redirectTo: `/people/${input.personId}/consent?recorded=1` };
  });
}
