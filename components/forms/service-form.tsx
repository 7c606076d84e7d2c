"use client";
import { useWatch } from "react-hook-form";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { Select, TextInput } from "@/components/ui/field";
import { commissionerTypeLabels, commissionerTypes, serviceCategories, serviceCategoryLabels, type ServiceCategory } from "@/domain/referrals";
import { createServiceSchema, serviceFieldOrder, updateServiceSchema, usualCommissioners } from "@/domain/schemas/service";

const isCategory = (v: unknown): v is ServiceCategory => typeof v === "string" && (serviceCategories as readonly string[]).includes(v);

/**
 * A service in the directory. Creating one asks for its site; a service stays at its site, so
 * editing carries only the service's id and the version the form was opened at.
 */
export function ServiceForm({
  mode,
  action,
  sites = [],
  initialValues,
}: {
  mode: "create" | "edit";
  action: ServerFormAction;
  sites?: { id: string; name: string }[];
  initialValues: Record<string, string>;
}) {
  const schema = mode === "create" ? createServiceSchema : updateServiceSchema;
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(schema, action, initialValues);
  const category = useWatch({ control: form.control, name: "category" }) as string | undefined;
  const r = form.register;
  const usual = isCategory(category) ? usualCommissioners[category].map((c) => commissionerTypeLabels[c]).join(" or ") : null;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(serviceFieldOrder)} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      {mode === "edit" ? (
        <>
          <input type="hidden" name="serviceId" defaultValue={values.serviceId} />
          <input type="hidden" name="version" defaultValue={values.version} />
        </>
      ) : (
        <Select
          id="siteId"
          label="Site"
          hint="The site whose people are referred to this service"
          placeholder="Select a site"
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
          defaultValue={values.siteId}
          error={errorFor("siteId")}
          {...r("siteId")}
        />
      )}
      <TextInput id="name" label="Name of the service" autoComplete="off" defaultValue={values.name} error={errorFor("name")} {...r("name")} />
      <Select
        id="category"
        label="Kind of service"
        placeholder="Select"
        options={serviceCategories.map((c) => ({ value: c, label: serviceCategoryLabels[c] }))}
        defaultValue={values.category}
        error={errorFor("category")}
        {...r("category")}
      />
      <Radios
        legend="Who commissions it"
        hint={usual ? `Usually ${usual} for this kind of service.` : "Mental health, GP, dental and optometry: usually the integrated care board. Drug and alcohol, stop smoking, sexual health and social care: the local authority."}
        options={commissionerTypes.map((c) => ({ value: c, label: commissionerTypeLabels[c] }))}
        defaultValue={values.commissionerType}
        error={errorFor("commissionerType")}
        {...r("commissionerType")}
      />
      <TextInput
        id="contact"
        label="How to contact or refer (optional)"
        hint="A phone number, referral route or opening times. Not a person's name."
        autoComplete="off"
        defaultValue={values.contact}
        error={errorFor("contact")}
        {...r("contact")}
      />
      <TextInput id="address" label="Address (optional)" autoComplete="off" defaultValue={values.address} error={errorFor("address")} {...r("address")} />
      <SubmitButton pending={pending}>{mode === "create" ? "Add service" : "Save service"}</SubmitButton>
    </FormShell>
  );
}
