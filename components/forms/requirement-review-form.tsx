"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { DateInput } from "@/components/ui/date-input";
import { Textarea } from "@/components/ui/field";
import { recordReviewFieldOrder, recordReviewSchema } from "@/domain/schemas/requirement";

/** A court review of a requirement; `initialValues` carries personId, requirementId and version. */
export function RequirementReviewForm({ action, initialValues }: { action: ServerFormAction; initialValues: Record<string, string> }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(recordReviewSchema, action, initialValues);
  const r = form.register;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(recordReviewFieldOrder, { reviewedOn: "reviewedOnDay" })} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <input type="hidden" name="requirementId" defaultValue={values.requirementId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <DateInput
        name="reviewedOn"
        legend="Date of the review hearing"
        hint="Today or earlier, on or after the date the order was made. For example, 27 3 2026"
        error={errorFor("reviewedOn")}
        values={{ day: values.reviewedOnDay, month: values.reviewedOnMonth, year: values.reviewedOnYear }}
        partProps={(part) => r(`reviewedOn${part}`)}
      />
      <Textarea
        id="outcome"
        label="Outcome"
        hint="What the court decided, for example: progress satisfactory, order continues, next review in a month. No clinical detail."
        defaultValue={values.outcome}
        error={errorFor("outcome")}
        {...r("outcome")}
      />
      <SubmitButton pending={pending}>Record review</SubmitButton>
    </FormShell>
  );
}
