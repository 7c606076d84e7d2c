"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { DateInput } from "@/components/ui/date-input";
import { withdrawConsentFieldOrder, withdrawConsentSchema } from "@/domain/schemas/consent";

/** Withdraws one consent; `initialValues` carries personId, consentId and the version the page showed. */
export function ConsentWithdrawForm({ action, initialValues }: { action: ServerFormAction; initialValues: Record<string, string> }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(withdrawConsentSchema, action, initialValues);
  const r = form.register;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(withdrawConsentFieldOrder, { withdrawnOn: "withdrawnOnDay" })} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <input type="hidden" name="consentId" defaultValue={values.consentId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <DateInput
        name="withdrawnOn"
        legend="Date the person withdrew consent"
        hint="Today or earlier, and not before consent was given. For example, 27 3 2026"
        error={errorFor("withdrawnOn")}
        values={{ day: values.withdrawnOnDay, month: values.withdrawnOnMonth, year: values.withdrawnOnYear }}
        partProps={(part) => r(`withdrawnOn${part}`)}
      />
      <SubmitButton pending={pending} className="btn-warning">
        Withdraw consent
      </SubmitButton>
    </FormShell>
  );
}
