"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { completeHealthCheckSchema } from "@/domain/schemas/health-check";

/** Finishes the health check. Offered only once every section is complete; the server checks again. */
export function HealthCheckCompleteForm({
  action,
  initialValues,
  ready,
  remaining,
}: {
  action: ServerFormAction;
  initialValues: { healthCheckId: string; version: string };
  ready: boolean;
  remaining: number;
}) {
  const { state, formAction, pending, formRef, onSubmit, values } = useServerForm(completeHealthCheckSchema, action, initialValues);
  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={[]} formError={state.formError}>
      <input type="hidden" name="healthCheckId" defaultValue={values.healthCheckId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      {ready ? (
        <p className="mb-4">All sections are complete. Completing the health check saves the scores to the person&apos;s record; the answers can then no longer be changed.</p>
      ) : (
        <p id="complete-hint" className="mb-4">
          Complete every section to finish the health check ({remaining} {remaining === 1 ? "section" : "sections"} still to do).
        </p>
      )}
      {ready ? (
        <SubmitButton pending={pending}>Complete health check</SubmitButton>
      ) : (
        <button type="submit" className="btn cursor-not-allowed opacity-50" disabled aria-describedby="complete-hint">
          Complete health check
        </button>
      )}
    </FormShell>
  );
}
