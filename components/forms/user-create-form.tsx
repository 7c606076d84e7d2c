"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { checkedSiteIds, RoleRadios, SiteCheckboxes, withoutSiteIds } from "./user-fields";
import { TextInput } from "@/components/ui/field";
import { createUserFieldOrder, createUserSchema } from "@/domain/schemas/user";

export const PASSWORD_HINT = "12 to 128 characters. Give it to the user in person or by phone, never by email.";

export function UserCreateForm({ action, sites, initialValues }: { action: ServerFormAction; sites: { id: string; name: string }[]; initialValues: Record<string, string> }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(createUserSchema, action, withoutSiteIds(initialValues));
  const r = form.register;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(createUserFieldOrder)} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <TextInput id="name" label="Full name" autoComplete="off" spellCheck={false} defaultValue={values.name} error={errorFor("name")} {...r("name")} />
      <TextInput
        id="email"
        label="Email address"
        hint="They sign in with this"
        type="email"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.email}
        error={errorFor("email")}
        {...r("email")}
      />
      <RoleRadios defaultValue={values.role} error={errorFor("role")} {...r("role")} />
      <SiteCheckboxes sites={sites} tickedIds={checkedSiteIds(state, initialValues.siteIds)} error={errorFor("siteIds")} {...r("siteIds")} />
      {/* Never refilled after an error: the server does not send passwords back. */}
      <TextInput id="password" label="Initial password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" spellCheck={false} error={errorFor("password")} {...r("password")} />
      <SubmitButton pending={pending}>Create user</SubmitButton>
    </FormShell>
  );
}
