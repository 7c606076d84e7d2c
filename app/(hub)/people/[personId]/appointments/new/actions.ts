"use server";
import type { FormState } from "@/domain/form-state";
import { bookAppointmentSchema } from "@/domain/schemas/appointment";
import { bookAppointment } from "@/server/appointments/mutations";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";

export async function bookAppointmentAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, bookAppointmentSchema, async (input) => {
    await bookAppointment({ ctx, input });
    return { redirectTo: `/people/${input.personId}?booked=1` };
  });
}
