"use client";
import { useWatch } from "react-hook-form";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Checkbox, Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { Select, TextInput } from "@/components/ui/field";
import { ethnicGroupLabels, ethnicGroups, orderTypeLabels, orderTypes, requirementKinds, requirementLabels, sexLabels, sexesRegisteredAtGp } from "@/domain/people";
import { createPersonSchema, personFieldOrder, updatePersonSchema } from "@/domain/schemas/person";

type Option = { id: string; name: string };
type OfficerOption = Option & { siteId: string };

export function PersonForm({
  mode,
  action,
  sites,
  officers,
  initialValues,
}: {
  mode: "create" | "edit";
  action: ServerFormAction;
  sites: Option[];
  officers: OfficerOption[];
  initialValues: Record<string, string>;
}) {
  const schema = mode === "create" ? createPersonSchema : updatePersonSchema;
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(schema, action, initialValues);
  const siteId = useWatch({ control: form.control, name: "siteId" }) as string | undefined;
  const officersHere = officers.filter((o) => !siteId || o.siteId === siteId);
  const r = form.register;

  return (
    <FormShell
      action={formAction}
      onSubmit={onSubmit}
      formRef={formRef}
      errors={errorLinks(personFieldOrder, { dateOfBirth: "dateOfBirthDay" })}
      idempotencyKey={values.idempotencyKey}
      formError={state.formError}
    >
      {mode === "edit" && (
        <>
          <input type="hidden" name="personId" defaultValue={values.personId} />
          <input type="hidden" name="version" defaultValue={values.version} />
        </>
      )}
      <h2 className="h2">Personal details</h2>
      <TextInput id="givenName" label="Given name" autoComplete="off" defaultValue={values.givenName} error={errorFor("givenName")} {...r("givenName")} />
      <TextInput id="familyName" label="Family name" autoComplete="off" defaultValue={values.familyName} error={errorFor("familyName")} {...r("familyName")} />
      <DateInput
        name="dateOfBirth"
        legend="Date of birth"
        hint="For example, 27 3 1985"
        error={errorFor("dateOfBirth")}
        values={{ day: values.dateOfBirthDay, month: values.dateOfBirthMonth, year: values.dateOfBirthYear }}
        partProps={(part) => r(`dateOfBirth${part}`)}
      />
      <TextInput
        id="crn"
        label="CRN (case reference number)"
        hint="One capital letter then six digits, for example X123456"
        width="w-40"
        spellCheck={false}
        defaultValue={values.crn}
        error={errorFor("crn")}
        {...r("crn")}
      />
      <TextInput
        id="nhsNumber"
        label="NHS number (optional)"
        hint="10 digits, for example 999 123 4567. Leave blank if not known: the hub can find it later."
        width="w-48"
        inputMode="numeric"
        defaultValue={values.nhsNumber}
        error={errorFor("nhsNumber")}
        {...r("nhsNumber")}
      />
      <Radios
        legend="Sex registered at their GP practice"
        hint="Screening invitations follow the GP record, which may differ from gender identity."
        options={sexesRegisteredAtGp.map((s) => ({ value: s, label: sexLabels[s] }))}
        defaultValue={values.sexRegisteredAtGp}
        error={errorFor("sexRegisteredAtGp")}
        inline
        {...r("sexRegisteredAtGp")}
      />
      <TextInput id="genderIdentity" label="Gender identity (optional)" hint="In the person's own words" defaultValue={values.genderIdentity} error={errorFor("genderIdentity")} {...r("genderIdentity")} />
      <Select
        id="ethnicGroup"
        label="Ethnic group"
        placeholder="Select"
        options={ethnicGroups.map((e) => ({ value: e, label: ethnicGroupLabels[e] }))}
        defaultValue={values.ethnicGroup}
        error={errorFor("ethnicGroup")}
        {...r("ethnicGroup")}
      />

      <h2 className="h2 mt-8">Sentence and supervision</h2>
      <Select
        id="orderType"
        label="Order or licence"
        placeholder="Select"
        options={orderTypes.map((o) => ({ value: o, label: orderTypeLabels[o] }))}
        defaultValue={values.orderType}
        error={errorFor("orderType")}
        {...r("orderType")}
      />
      {mode === "create" ? (
        <fieldset className="mb-6">
          <legend className="mb-2 font-semibold">Treatment requirements on the order (optional)</legend>
          {requirementKinds.map((k) => (
            <Checkbox key={k} id={`requirement${k}`} label={requirementLabels[k]} defaultChecked={values[`requirement${k}`] === "on"} {...r(`requirement${k}`)} />
          ))}
        </fieldset>
      ) : (
        <p className="mb-6">
          Treatment requirements are kept on the <a href={`/people/${values.personId}/requirements`}>requirements page</a>, with their status and court reviews.
        </p>
      )}
      <Select
        id="siteId"
        label="Site"
        placeholder="Select a site"
        options={sites.map((s) => ({ value: s.id, label: s.name }))}
        defaultValue={values.siteId}
        error={errorFor("siteId")}
        {...r("siteId")}
      />
      <Select
        id="assignedOfficerId"
        label="Assigned probation officer (optional)"
        placeholder="Not assigned"
        options={officersHere.map((o) => ({ value: o.id, label: o.name }))}
        defaultValue={values.assignedOfficerId}
        error={errorFor("assignedOfficerId")}
        {...r("assignedOfficerId")}
      />
      <SubmitButton pending={pending}>{mode === "create" ? "Add person" : "Save changes"}</SubmitButton>
    </FormShell>
  );
}
