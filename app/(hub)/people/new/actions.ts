"use server";
import type { FormState } from "@/domain/form-state";
import { todayInLondon } from "@/domain/dates";
import { createPersonSchema } from "@/domain/schemas/person";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { createPerson } from "@/server/people/mutations";

export async function createPersonAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, createPersonSchema, async (input) => {
    const { id } = await createPerson({ ctx, input, enrolledOn: todayInLondon() });
    return { redirectTo: `/people/${id}?created=1` };
  });
}
