"use server";
import type { FormState } from "@/domain/form-state";
import { recordGpRegistrationSchema } from "@/domain/schemas/gp-registration";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { recordGpRegistration } from "@/server/gp/mutations";

export async function recordGpRegistrationAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, recordGpRegistrationSchema, async (input) => {
    await recordGpRegistration({ ctx, input });
    return { redirectTo: `/people/${input.personId}/gp-registration?saved=1` };
  });
}
