"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { TextInput } from "@/components/ui/field";
import { consentKindLabels, consentKinds, consentMethodLabels, consentMethods, type ConsentMethod } from "@/domain/health";
import { recordConsentFieldOrder, recordConsentSchema } from "@/domain/schemas/consent";

const methodHints: Record<ConsentMethod, string> = {
  own_consent: "The person understood the information and decided for themselves",
  best_interests: "Only where an assessment found the person lacks capacity to make this decision",
};

/** A consent conversation: what it was about, the decision, when, on what information, and how it was made. */
export function ConsentForm({ action, initialValues }: { action: ServerFormAction; initialValues: Record<string, string> }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(recordConsentSchema, action, initialValues);
  const r = form.register;

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(recordConsentFieldOrder, { decidedOn: "decidedOnDay" })} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <Radios
        legend="What was the consent about?"
        options={consentKinds.map((k) => ({ value: k, label: consentKindLabels[k] }))}
        defaultValue={values.kind}
        error={errorFor("kind")}
        {...r("kind")}
      />
      <Radios
        legend="What did the person decide?"
        options={[
          { value: "given", label: "Gave consent" },
          { value: "refused", label: "Refused consent" },
        ]}
        defaultValue={values.decision}
        error={errorFor("decision")}
        inline
        {...r("decision")}
      />
      <DateInput
        name="decidedOn"
        legend="Date of the conversation"
        hint="For example, 27 3 2026"
        error={errorFor("decidedOn")}
        values={{ day: values.decidedOnDay, month: values.decidedOnMonth, year: values.decidedOnYear }}
        partProps={(part) => r(`decidedOn${part}`)}
      />
      <TextInput
        id="informationVersion"
        label="Version of the information given"
        hint="The leaflet or sheet the person was given, for example Hub leaflet v1.2"
        autoComplete="off"
        defaultValue={values.informationVersion}
        error={errorFor("informationVersion")}
        {...r("informationVersion")}
      />
      <Radios
        legend="How was the decision made?"
        options={consentMethods.map((m) => ({ value: m, label: consentMethodLabels[m], hint: methodHints[m] }))}
        defaultValue={values.method}
        error={errorFor("method")}
        {...r("method")}
      />
      <SubmitButton pending={pending}>Save consent decision</SubmitButton>
    </FormShell>
  );
}
