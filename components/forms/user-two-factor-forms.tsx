"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { resetUserTwoFactorSchema, userTwoFactorRequiredSchema } from "@/domain/totp-schemas";

/** An administrator requires (or stops requiring) two-factor for an officer or pilot manager. */
export function UserTwoFactorRequiredForm({ action, userId, required, name }: { action: ServerFormAction; userId: string; required: boolean; name: string }) {
  const wanted = String(!required);
  const { state, formAction, pending, formRef, onSubmit, errorLinks } = useServerForm(userTwoFactorRequiredSchema, action, { userId, required: wanted });
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks([])} formError={state.formError}>
      <input type="hidden" name="userId" defaultValue={userId} />
      <input type="hidden" name="required" defaultValue={wanted} />
      <p className="mb-4">
        {required
          ? `${name} must use two-factor sign-in. Making it optional lets them turn it off only with an administrator's reset.`
          : `Two-factor sign-in is optional for ${name}. Requiring it signs them out; they set it up at their next sign-in.`}
      </p>
      <SubmitButton pending={pending} className="btn-secondary">
        {required ? "Make two-factor optional" : "Require two-factor sign-in"}
      </SubmitButton>
    </FormShell>
  );
}

/** For a user who lost their phone and recovery codes. */
export function ResetUserTwoFactorForm({ action, userId, name }: { action: ServerFormAction; userId: string; name: string }) {
  const { state, formAction, pending, formRef, onSubmit, errorLinks } = useServerForm(resetUserTwoFactorSchema, action, { userId });
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks([])} formError={state.formError}>
      <input type="hidden" name="userId" defaultValue={userId} />
      <p className="mb-4">
        Only if {name} has lost their phone and their recovery codes: check who is asking first. Resetting signs them out and removes their authenticator and recovery codes.
      </p>
      <SubmitButton pending={pending} className="btn-warning">
        Reset two-factor sign-in
      </SubmitButton>
    </FormShell>
  );
}
