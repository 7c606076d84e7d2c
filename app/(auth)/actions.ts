"use server";
import { AuthError } from "next-auth";
import type { FormState } from "@/domain/form-state";
import { messages } from "@/domain/messages";
import { signIn, signOut } from "@/server/auth/config";
import { recordSignOut } from "@/server/auth/sign-out";
import { ValidationError } from "@/server/errors";
import { handleForm } from "@/server/form-action";
import { signInSchema } from "@/domain/schemas/sign-in";
import { safeReturnTo } from "@/domain/return-to";

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, signInSchema, async (input) => {
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeReturnPath(input.returnTo) });
    } catch (error) {
      if (error instanceof AuthError) throw new ValidationError({ email: messages.signInFailed });
      throw error;
    }
  });
}

/** Only a path on this site: an absolute URL in returnTo would be an open redirect (domain/return-to.ts). */
function safeReturnPath(path: string | undefined): string {
  return safeReturnTo(path);
}

export async function signOutAction(): Promise<void> {
  await recordSignOut();
  await signOut({ redirectTo: "/sign-in" });
}
