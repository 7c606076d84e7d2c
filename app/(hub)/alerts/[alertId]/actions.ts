"use server";
import type { FormState } from "@/domain/form-state";
import { actionAlertSchema } from "@/domain/schemas/health-check";
import { actionAlert } from "@/server/alerts/mutations";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";

export async function actionAlertAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, actionAlertSchema, async (input) => {
    await actionAlert({ ctx, input });
    return { redirectTo: `/alerts/${input.alertId}?actioned=1` };
  });
}
