"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { FormState } from "@/domain/form-state";
import { authMessages } from "@/domain/messages";
import { safeReturnTo } from "@/domain/return-to";
import { signInSchema } from "@/domain/schemas/sign-in";
import { enrolCodeSchema, secondFactorSchema } from "@/domain/totp-schemas";
import { clearChallengeCookie, readChallengeCookie, setChallengeCookie } from "@/server/auth/challenge-cookie";
import { clientAddress } from "@/server/auth/client-address";
import { signIn, signOut } from "@/server/auth/config";
import { enrolmentStep, passwordStep, secondFactorStep } from "@/server/auth/sign-in-flow";
import { recordSignOut } from "@/server/auth/sign-out";
import { getDb } from "@/server/db";
import { ValidationError } from "@/server/errors";
import { handleForm } from "@/server/form-action";

/*
 * Signing in, step by step (server/auth/sign-in-flow.ts). Between steps the browser holds only the
 * challenge cookie; next-auth makes the session last, from a ticket the steps have completed.
 */

const withReturnTo = (path: string, returnTo: string | undefined) => {
  const target = safeReturnTo(returnTo);
  return target === "/" ? path : `${path}?returnTo=${encodeURIComponent(target)}`;
};

/** Spends the completed ticket in the cookie: next-auth sets the session cookie and redirects. */
async function finishSignIn(token: string, returnTo: string | undefined): Promise<never> {
  await clearChallengeCookie();
  try {
    await signIn("credentials", { ticket: token, redirectTo: safeReturnTo(returnTo) });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in?expired=1");
    throw error;
  }
  // signIn redirects on success; reaching here would be a next-auth change.
  redirect(safeReturnTo(returnTo));
}

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, signInSchema, async (input) => {
    const result = await passwordStep(await getDb(), { email: input.email, password: input.password, address: await clientAddress() });
    if (result.kind === "refused") throw new ValidationError({ email: authMessages.signInRefused });
    if (result.stage === "complete") return finishSignIn(result.token, input.returnTo);
    await setChallengeCookie(result.token);
    return { redirectTo: withReturnTo(result.stage === "enrol" ? "/sign-in/set-up-two-factor" : "/sign-in/two-factor", input.returnTo) };
  });
}

export async function secondFactorAction(_state: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, secondFactorSchema, async (input) => {
    const token = await readChallengeCookie();
    const returnTo = formData.get("returnTo");
    const result = await secondFactorStep(await getDb(), { token, code: input.code, address: await clientAddress() });
    if (result.kind === "wrong") throw new ValidationError({ code: authMessages.codeWrong });
    if (result.kind === "throttled") throw new ValidationError({ code: authMessages.tooManyCodes });
    if (result.kind !== "complete" || !token) {
      await clearChallengeCookie();
      return { redirectTo: "/sign-in?expired=1" };
    }
    return finishSignIn(token, typeof returnTo === "string" ? returnTo : undefined);
  });
}

/** Sign-in enrolment: the first code turns two-factor on; the recovery codes come back to show once. */
export async function enrolDuringSignInAction(_state: FormState, formData: FormData): Promise<FormState> {
  return handleForm(formData, enrolCodeSchema, async (input) => {
    const token = await readChallengeCookie();
    const result = await enrolmentStep(await getDb(), { token, code: input.code, address: await clientAddress() });
    if (result.kind === "wrong") throw new ValidationError({ code: authMessages.codeWrong });
    if (result.kind === "throttled") throw new ValidationError({ code: authMessages.tooManyCodes });
    if (result.kind !== "enrolled") {
      await clearChallengeCookie();
      return { redirectTo: "/sign-in?expired=1" };
    }
    return { message: result.recoveryCodes.join("\n") };
  });
}

/** "Continue" after the recovery codes: the enrolment completed the ticket. */
export async function continueSignInAction(formData: FormData): Promise<void> {
  const token = await readChallengeCookie();
  const returnTo = formData.get("returnTo");
  if (!token) redirect("/sign-in?expired=1");
  await finishSignIn(token, typeof returnTo === "string" ? returnTo : undefined);
}

export async function signOutAction(): Promise<void> {
  await recordSignOut();
  await signOut({ redirectTo: "/sign-in" });
}
