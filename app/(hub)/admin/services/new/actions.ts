"use server";
import type { FormState } from "@/domain/form-state";
import { createServiceSchema } from "@/domain/schemas/service";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { createService } from "@/server/services/mutations";

export async function createServiceAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, createServiceSchema, async (input) => {
    const { id } = await createService({ ctx, input });
    return { redirectTo: `/admin/services/${id}?created=1` };
  });
}
