"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { TextInput } from "@/components/ui/field";
import { changePasswordFieldOrder, changePasswordSchema } from "@/domain/passwords-schema";

export const NEW_PASSWORD_HINT = "At least 12 characters. A few unrelated words make a strong password that is easy to remember. Common passwords are not allowed.";

export function ChangePasswordForm({ action }: { action: ServerFormAction }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks } = useServerForm(changePasswordSchema, action);
  const r = form.register;
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(changePasswordFieldOrder)} formError={state.formError}>
      <TextInput id="currentPassword" label="Current password" type="password" autoComplete="current-password" spellCheck={false} error={errorFor("currentPassword")} {...r("currentPassword")} />
      <TextInput id="newPassword" label="New password" hint={NEW_PASSWORD_HINT} type="password" autoComplete="new-password" spellCheck={false} error={errorFor("newPassword")} {...r("newPassword")} />
      <TextInput id="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" spellCheck={false} error={errorFor("confirmPassword")} {...r("confirmPassword")} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </FormShell>
  );
}
