"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { handleSeeRequestFieldOrder, handleSeeRequestSchema, seeRequestOutcomeLabels, seeRequestOutcomes } from "@/domain/schemas/see-request";

/** The hub answers a "please see" request: seen, or closed without seeing them. */
export function SeeRequestHandleForm({ action, initialValues }: { action: ServerFormAction; initialValues: { seeRequestId: string; version: string } }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(handleSeeRequestSchema, action, initialValues);
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(handleSeeRequestFieldOrder)} formError={state.formError}>
      <input type="hidden" name="seeRequestId" defaultValue={values.seeRequestId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <Radios
        legend="What has the hub done?"
        hint="Probation sees only that the request was dealt with, not what happened in the appointment."
        options={seeRequestOutcomes.map((o) => ({ value: o, label: seeRequestOutcomeLabels[o] }))}
        defaultValue={values.status}
        error={errorFor("status")}
        {...form.register("status")}
      />
      <SubmitButton pending={pending}>Save</SubmitButton>
    </FormShell>
  );
}
