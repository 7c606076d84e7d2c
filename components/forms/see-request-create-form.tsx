"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { Textarea } from "@/components/ui/field";
import { seeRequestReasonLabels, seeRequestReasons } from "@/domain/referrals";
import { createSeeRequestFieldOrder, createSeeRequestSchema } from "@/domain/schemas/see-request";

/** A probation officer asks the hub to see someone. The reason is chosen from probation's own list. */
export function SeeRequestCreateForm({ action, initialValues }: { action: ServerFormAction; initialValues: { personId: string; idempotencyKey?: string } }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(createSeeRequestSchema, action, initialValues);
  const r = form.register;
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(createSeeRequestFieldOrder)} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <Radios legend="Why should the hub see this person?" options={seeRequestReasons.map((s) => ({ value: s, label: seeRequestReasonLabels[s] }))} defaultValue={values.reason} error={errorFor("reason")} {...r("reason")} />
      <Textarea
        id="note"
        label="Anything the hub should know (optional)"
        hint="For example, when they report or how best to reach them. Do not write health details, diagnoses or treatment here: the hub will ask the person."
        rows={3}
        defaultValue={values.note}
        error={errorFor("note")}
        {...r("note")}
      />
      <SubmitButton pending={pending}>Send request to the hub</SubmitButton>
    </FormShell>
  );
}
