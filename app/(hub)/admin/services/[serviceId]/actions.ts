"use server";
import type { FormState } from "@/domain/form-state";
import { setServiceActiveSchema, updateServiceSchema } from "@/domain/schemas/service";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { setServiceActive, updateService } from "@/server/services/mutations";

export async function updateServiceAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, updateServiceSchema, async (input) => {
    await updateService({ ctx, input });
    return { redirectTo: `/admin/services/${input.serviceId}?updated=1` };
  });
}

export async function setServiceActiveAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, setServiceActiveSchema, async (input) => {
    await setServiceActive({ ctx, input });
    return { redirectTo: `/admin/services/${input.serviceId}?${input.active ? "reactivated" : "deactivated"}=1` };
  });
}
