"use server";
import type { FormState } from "@/domain/form-state";
import { recordOutcomeSchema } from "@/domain/schemas/appointment";
import { recordOutcome } from "@/server/appointments/mutations";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";

export async function recordOutcomeAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, recordOutcomeSchema, async (input) => {
    await recordOutcome({ ctx, input });
    return { redirectTo: `/appointments/${input.appointmentId}?saved=1` };
  });
}
