"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { PASSWORD_HINT } from "./user-create-form";
import { TextInput } from "@/components/ui/field";
import { resetPasswordSchema } from "@/domain/schemas/user";

export function UserPasswordForm({ action, userId }: { action: ServerFormAction; userId: string }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(resetPasswordSchema, action, { userId });
  const r = form.register;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(["password"])} formError={state.formError}>
      <input type="hidden" name="userId" defaultValue={values.userId} />
      <TextInput id="password" label="New password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" spellCheck={false} error={errorFor("password")} {...r("password")} />
      <SubmitButton pending={pending}>Reset password</SubmitButton>
    </FormShell>
  );
}
