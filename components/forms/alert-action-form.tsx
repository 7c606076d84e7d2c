"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { Textarea } from "@/components/ui/field";
import { alertActionLabels, alertActions } from "@/domain/health";
import { actionAlertFieldOrder, actionAlertSchema } from "@/domain/schemas/health-check";

export function AlertActionForm({ action, initialValues }: { action: ServerFormAction; initialValues: { alertId: string; version: string } }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(actionAlertSchema, action, initialValues);
  const r = form.register;
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(actionAlertFieldOrder)} formError={state.formError}>
      <input type="hidden" name="alertId" defaultValue={values.alertId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <Radios legend="What action was taken today?" options={alertActions.map((a) => ({ value: a, label: alertActionLabels[a] }))} defaultValue={values.action} error={errorFor("action")} {...r("action")} />
      <Textarea id="note" label="Note" hint="Required if you chose Other action" defaultValue={values.note} error={errorFor("note")} {...r("note")} />
      <SubmitButton pending={pending}>Record action</SubmitButton>
    </FormShell>
  );
}
