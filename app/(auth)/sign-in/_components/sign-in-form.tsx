"use client";
import { FormShell, SubmitButton } from "@/components/forms/form-shell";
import { useServerForm } from "@/components/forms/use-server-form";
import { TextInput } from "@/components/ui/field";
import { signInSchema } from "@/domain/schemas/sign-in";
import { signInAction } from "../../actions";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(signInSchema, signInAction, { returnTo });
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(["email", "password"])} formError={state.formError}>
      <input type="hidden" name="returnTo" defaultValue={values.returnTo} />
      <TextInput id="email" label="Email address" type="email" autoComplete="username" spellCheck={false} defaultValue={values.email} error={errorFor("email")} {...form.register("email")} />
      <TextInput id="password" label="Password" type="password" autoComplete="current-password" error={errorFor("password")} {...form.register("password")} />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
    </FormShell>
  );
}
