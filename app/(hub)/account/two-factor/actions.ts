"use server";
import type { FormState } from "@/domain/form-state";
import { enrolCodeSchema } from "@/domain/totp-schemas";
import { confirmOwnEnrolment, regenerateOwnRecoveryCodes } from "@/server/auth/account";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";
import { z } from "zod";

/** The recovery codes come back in the form state's message, to be shown once and never stored in clear. */
export async function confirmEnrolmentAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, enrolCodeSchema, async (input) => ({ message: (await confirmOwnEnrolment({ ctx, input })).join("\n") }));
}

export async function regenerateRecoveryCodesAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, z.object({}), async () => ({ message: (await regenerateOwnRecoveryCodes({ ctx })).join("\n") }));
}
