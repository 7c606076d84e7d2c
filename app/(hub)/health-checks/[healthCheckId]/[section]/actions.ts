"use server";
import type { FormState } from "@/domain/form-state";
import { sectionFromSlug, sectionSlug } from "@/domain/health-check";
import { messages } from "@/domain/messages";
import { saveSectionSchemas } from "@/domain/schemas/health-check";
import { requireCtx } from "@/server/context";
import { formValues, handleForm } from "@/server/form-action";
import { saveHealthCheckSection } from "@/server/health-checks/mutations";

/** Saves one section. After a positive AUDIT-C it returns to the alcohol page for questions 4 to 10. */
export async function saveSectionAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const section = sectionFromSlug(formData.get("section"));
  if (!section) return { ok: false, fieldErrors: {}, formError: messages.notFound, values: formValues(formData) };
  return handleForm(formData, saveSectionSchemas[section], async (input) => {
    const result = await saveHealthCheckSection({ ctx, input });
    if (input.section === "alcohol" && result.fullAuditOutstanding) return { redirectTo: `/health-checks/${input.healthCheckId}/alcohol?audit=1` };
    return { redirectTo: `/health-checks/${input.healthCheckId}?saved=${sectionSlug(input.section)}` };
  });
}
