"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { startHealthCheckFieldOrder, startHealthCheckSchema } from "@/domain/schemas/health-check";

export function HealthCheckStartForm({
  action,
  options,
  initialValues,
}: {
  action: ServerFormAction;
  /** The person's recent appointments, newest first, then "not linked". */
  options: { value: string; label: string; hint?: string }[];
  initialValues: Record<string, string>;
}) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(startHealthCheckSchema, action, initialValues);
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(startHealthCheckFieldOrder)} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <Radios
        legend="Which appointment is this health check part of?"
        hint="Appointments from the last 14 days and today, newest first"
        options={options}
        defaultValue={values.appointmentId}
        error={errorFor("appointmentId")}
        {...form.register("appointmentId")}
      />
      <SubmitButton pending={pending}>Start health check</SubmitButton>
    </FormShell>
  );
}
