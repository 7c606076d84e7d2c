"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Checkbox, Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { TextInput, Textarea } from "@/components/ui/field";
import type { FormState } from "@/domain/form-state";
import { gpBarrierLabels, gpBarriers, gpRegistrationTypes, gpStatusLabels, gpStatuses } from "@/domain/health";
import { gpRegistrationTypeLabels, recordGpRegistrationFieldOrder, recordGpRegistrationSchema } from "@/domain/schemas/gp-registration";

/**
 * The barriers to show ticked: what the server echoed once it has answered (repeated keys come
 * back comma-joined), otherwise the starting values. react-hook-form reads the ticked boxes from
 * the page, so `barriers` is left out of its starting values.
 */
function tickedBarriers(state: FormState, initial: string | undefined): string[] {
  const answered = Boolean(state.formError) || Object.keys(state.fieldErrors).length > 0;
  const list = answered ? state.values.barriers : initial;
  return list ? list.split(",").filter(Boolean) : [];
}

/** A change to the person's GP registration; `initialValues` is the latest record, barriers comma-joined. */
export function GpRegistrationForm({ action, initialValues }: { action: ServerFormAction; initialValues: Record<string, string> }) {
  const { barriers: initialBarriers, ...rest } = initialValues;
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(recordGpRegistrationSchema, action, rest);
  const r = form.register;
  const ticked = tickedBarriers(state, initialBarriers);
  const barriersError = errorFor("barriers");

  return (
    <FormShell
      action={formAction}
      onSubmit={onSubmit}
      formRef={formRef}
      errors={errorLinks(recordGpRegistrationFieldOrder, { supportStartedOn: "supportStartedOnDay", registeredOn: "registeredOnDay" })}
      idempotencyKey={values.idempotencyKey}
      formError={state.formError}
    >
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <Radios
        legend="Is the person registered with a GP practice?"
        hint="Anyone can register with a GP practice: no proof of address, ID, immigration status or NHS number is needed."
        options={gpStatuses.map((s) => ({ value: s, label: gpStatusLabels[s] }))}
        defaultValue={values.status}
        error={errorFor("status")}
        {...r("status")}
      />
      <TextInput id="practiceName" label="GP practice name" hint="Needed if registered" autoComplete="off" defaultValue={values.practiceName} error={errorFor("practiceName")} {...r("practiceName")} />
      <TextInput
        id="odsCode"
        label="Practice ODS code"
        hint="Needed if registered. One letter then five digits, for example A81001"
        width="w-32"
        spellCheck={false}
        autoComplete="off"
        defaultValue={values.odsCode}
        error={errorFor("odsCode")}
        {...r("odsCode")}
      />
      <Radios
        legend="Type of registration (if registered)"
        hint="Temporary resident registration is for someone in the area for more than 24 hours and less than 3 months."
        options={gpRegistrationTypes.map((t) => ({ value: t, label: gpRegistrationTypeLabels[t] }))}
        defaultValue={values.registrationType}
        error={errorFor("registrationType")}
        inline
        {...r("registrationType")}
      />
      <DateInput
        name="supportStartedOn"
        legend="Date the hub started helping them register (optional)"
        hint="For example, 27 3 2026"
        error={errorFor("supportStartedOn")}
        values={{ day: values.supportStartedOnDay, month: values.supportStartedOnMonth, year: values.supportStartedOnYear }}
        partProps={(part) => r(`supportStartedOn${part}`)}
      />
      <DateInput
        name="registeredOn"
        legend="Date registered"
        hint="Needed if registered. Not before support started. For example, 27 3 2026"
        error={errorFor("registeredOn")}
        values={{ day: values.registeredOnDay, month: values.registeredOnMonth, year: values.registeredOnYear }}
        partProps={(part) => r(`registeredOn${part}`)}
      />
      <div className={`mb-6 ${barriersError ? "border-l-4 border-danger pl-4" : ""}`}>
        <fieldset aria-describedby={["barriers-hint", barriersError ? "barriers-error" : ""].filter(Boolean).join(" ")}>
          <legend className="mb-1 font-semibold">Barriers met (optional)</legend>
          <div id="barriers-hint" className="mb-2 text-muted">
            Select all that apply. A practice that refuses registration must say why in writing.
          </div>
          {barriersError && (
            <p id="barriers-error" className="mb-2 font-semibold text-danger">
              <span className="sr-only">Error: </span>
              {barriersError}
            </p>
          )}
          {gpBarriers.map((b, i) => (
            <Checkbox key={b} id={i === 0 ? "barriers" : `barriers-${b}`} label={gpBarrierLabels[b]} value={b} defaultChecked={ticked.includes(b)} {...r("barriers")} />
          ))}
        </fieldset>
      </div>
      <Textarea id="note" label="Note (optional)" hint="What changed, or what the hub did to help" defaultValue={values.note} error={errorFor("note")} {...r("note")} />
      <SubmitButton pending={pending}>Save GP registration</SubmitButton>
    </FormShell>
  );
}
