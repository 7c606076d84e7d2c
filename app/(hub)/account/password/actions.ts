"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { FormState } from "@/domain/form-state";
import { changePasswordSchema } from "@/domain/passwords-schema";
import { changeOwnPassword } from "@/server/auth/account";
import { signIn } from "@/server/auth/config";
import { requireCtx } from "@/server/context";
import { handleForm } from "@/server/form-action";

export async function changePasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  return handleForm(formData, changePasswordSchema, async (input) => {
    const { ticket } = await changeOwnPassword({ ctx, input });
    // Every session ended with the old password; this browser carries on with a new one.
    try {
      await signIn("credentials", { ticket, redirectTo: "/account/password?changed=1" });
    } catch (error) {
      if (error instanceof AuthError) redirect("/sign-in");
      throw error;
    }
  });
}
