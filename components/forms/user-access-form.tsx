"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { checkedSiteIds, RoleRadios, SiteCheckboxes, withoutSiteIds } from "./user-fields";
import { updateUserAccessFieldOrder, updateUserAccessSchema } from "@/domain/schemas/user";

export function UserAccessForm({
  action,
  sites,
  initialValues,
  otherSiteCount,
}: {
  action: ServerFormAction;
  sites: { id: string; name: string }[];
  /** userId, version, role, and siteIds comma-joined. */
  initialValues: Record<string, string>;
  otherSiteCount: number;
}) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(updateUserAccessSchema, action, withoutSiteIds(initialValues));
  const r = form.register;
  const others = otherSiteCount === 1 ? "1 other site" : `${otherSiteCount} other sites`;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(updateUserAccessFieldOrder)} formError={state.formError}>
      <input type="hidden" name="userId" defaultValue={values.userId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <RoleRadios defaultValue={values.role} error={errorFor("role")} {...r("role")} />
      <SiteCheckboxes
        sites={sites}
        tickedIds={checkedSiteIds(state, initialValues.siteIds)}
        error={errorFor("siteIds")}
        hint={
          otherSiteCount > 0
            ? `Select all that apply. They also work at ${others} you do not manage; that stays as it is.`
            : undefined
        }
        {...r("siteIds")}
      />
      <p className="mb-6">Saving signs the user out: they sign in again to get their new access.</p>
      <SubmitButton pending={pending}>Save role and sites</SubmitButton>
    </FormShell>
  );
}
