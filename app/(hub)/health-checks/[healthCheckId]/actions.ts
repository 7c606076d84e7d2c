"use server";
import type { FormState } from "@/domain/form-state";
import { completeHealthCheckSchema } from "@/domain/schemas/health-check";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { completeHealthCheck } from "@/server/health-checks/mutations";

export async function completeHealthCheckAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, completeHealthCheckSchema, async (input) => {
    await completeHealthCheck({ ctx, input });
    return { redirectTo: `/health-checks/${input.healthCheckId}/result?completed=1` };
  });
}
