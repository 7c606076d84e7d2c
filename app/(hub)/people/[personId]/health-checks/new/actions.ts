"use server";
import type { FormState } from "@/domain/form-state";
import { startHealthCheckSchema } from "@/domain/schemas/health-check";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { startHealthCheck } from "@/server/health-checks/mutations";

export async function startHealthCheckAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, startHealthCheckSchema, async (input) => {
    const { id, resumed } = await startHealthCheck({ ctx, input });
    return { redirectTo: `/health-checks/${id}${resumed ? "?resumed=1" : ""}` };
  });
}
