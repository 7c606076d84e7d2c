"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { setUserDisabledSchema } from "@/domain/schemas/user";

/**
 * One button: disable an enabled account, or enable a disabled one. The page redirects back to
 * itself afterwards, so give it a key that changes with `disabled` to start afresh.
 */
export function UserStatusForm({ action, userId, disabled, name }: { action: ServerFormAction; userId: string; disabled: boolean; name: string }) {
  const wanted = String(!disabled);
  const { state, formAction, pending, formRef, onSubmit, errorLinks } = useServerForm(setUserDisabledSchema, action, { userId, disabled: wanted });

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(["disabled"], { disabled: "user-status-button" })} formError={state.formError}>
      <input type="hidden" name="userId" defaultValue={userId} />
      <input type="hidden" name="disabled" defaultValue={wanted} />
      <p className="mb-4">
        {disabled
          ? `${name} cannot sign in. Enabling the account lets them sign in again with their current password.`
          : `Disabling the account signs ${name} out at once and stops them signing in. Their records and history are kept.`}
      </p>
      <div id="user-status-button" tabIndex={-1}>
        <SubmitButton pending={pending} className={disabled ? "btn-secondary" : "btn-warning"}>
          {disabled ? "Enable account" : "Disable account"}
        </SubmitButton>
      </div>
    </FormShell>
  );
}
