"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { TextInput, Textarea } from "@/components/ui/field";
import { requirementKinds, requirementLabels } from "@/domain/people";
import { requirementStatuses, requirementStatusLabels, type RequirementStatus } from "@/domain/referrals";
import { REQUIREMENT_MAX_MONTHS, REQUIREMENT_MIN_MONTHS } from "@/domain/requirements";
import { createRequirementSchema, requirementFieldOrder, updateRequirementSchema } from "@/domain/schemas/requirement";

const statusHints: Record<RequirementStatus, string> = {
  proposed: "Proposed to the court, for example in a pre-sentence report",
  assessed_suitable: "Needs the date of the assessment",
  assessed_unsuitable: "Needs the date of the assessment",
  ordered: "Needs the date the order was made, its length and the named provider",
  started: "Also needs the date treatment started",
  completed: "Needs the date it was completed",
  breached: "Needs the date of the breach",
};

const dateNames = ["suitabilityAssessedOn", "madeOn", "treatmentStartedOn", "endedOn"] as const;
// The error summary links to the day field of each date.
const anchors = Object.fromEntries(dateNames.map((name) => [name, `${name}Day`]));

/**
 * A treatment requirement (MHTR, DRR or ATR) from proposal to completion or breach. Adding one
 * also asks its kind; updating carries the requirement's id and the version it was opened at.
 * Probation officers and clinicians both see what is recorded here.
 */
export function RequirementForm({ mode, action, initialValues }: { mode: "create" | "update"; action: ServerFormAction; initialValues: Record<string, string> }) {
  const schema = mode === "create" ? createRequirementSchema : updateRequirementSchema;
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(schema, action, initialValues);
  const r = form.register;
  const dateInput = (name: (typeof dateNames)[number], legend: string, hint: string) => (
    <DateInput
      name={name}
      legend={legend}
      hint={hint}
      error={errorFor(name)}
      values={{ day: values[`${name}Day`], month: values[`${name}Month`], year: values[`${name}Year`] }}
      partProps={(part) => r(`${name}${part}`)}
    />
  );

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(requirementFieldOrder, anchors)} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      {mode === "update" && (
        <>
          <input type="hidden" name="requirementId" defaultValue={values.requirementId} />
          <input type="hidden" name="version" defaultValue={values.version} />
        </>
      )}
      {mode === "create" && (
        <Radios
          legend="Kind of requirement"
          options={requirementKinds.map((k) => ({ value: k, label: requirementLabels[k] }))}
          defaultValue={values.kind}
          error={errorFor("kind")}
          {...r("kind")}
        />
      )}
      <Radios
        legend="Status"
        hint="Where the requirement has got to. Fill in the dates below that go with it."
        options={requirementStatuses.map((s) => ({ value: s, label: requirementStatusLabels[s], hint: statusHints[s] }))}
        defaultValue={values.status}
        error={errorFor("status")}
        {...r("status")}
      />

      <h2 className="h3 mt-8">Suitability assessment</h2>
      {dateInput("suitabilityAssessedOn", "Date of the suitability assessment", "The court needs an assessment that treatment is suitable. For example, 27 3 2026")}
      <Radios
        legend="Did the assessment find treatment suitable?"
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
          { value: "", label: "Not assessed yet" },
        ]}
        defaultValue={values.suitable ?? ""}
        error={errorFor("suitable")}
        inline
        {...r("suitable")}
      />

      <h2 className="h3 mt-8">The order</h2>
      {dateInput("madeOn", "Date the order was made", "For example, 27 3 2026")}
      <TextInput
        id="lengthMonths"
        label="Length in months"
        hint={`From ${REQUIREMENT_MIN_MONTHS} to ${REQUIREMENT_MAX_MONTHS}. A drug rehabilitation requirement of more than 12 months has court reviews at least monthly.`}
        inputMode="numeric"
        width="w-20"
        autoComplete="off"
        defaultValue={values.lengthMonths}
        error={errorFor("lengthMonths")}
        {...r("lengthMonths")}
      />
      <TextInput
        id="provider"
        label="Named treatment provider"
        hint="The service arranged to provide the treatment"
        autoComplete="off"
        defaultValue={values.provider}
        error={errorFor("provider")}
        {...r("provider")}
      />

      <h2 className="h3 mt-8">Treatment</h2>
      {dateInput("treatmentStartedOn", "Date treatment started", "On or after the date the order was made. For example, 27 3 2026")}
      {dateInput("endedOn", "Date completed or breached", "Only when the status is Completed or Breached. For example, 27 3 2026")}
      <Textarea
        id="note"
        label="Note (optional)"
        hint="Probation officers see this too: no clinical detail (no diagnoses, treatment details or test results)."
        defaultValue={values.note}
        error={errorFor("note")}
        {...r("note")}
      />
      <SubmitButton pending={pending}>{mode === "create" ? "Add requirement" : "Save requirement"}</SubmitButton>
    </FormShell>
  );
}
