"use client";
import { useWatch } from "react-hook-form";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { TextInput, Textarea } from "@/components/ui/field";
import { appointmentOutcomes, outcomeLabels } from "@/domain/appointments";
import { recordOutcomeFieldOrder, recordOutcomeSchema } from "@/domain/schemas/appointment";

const hints: Partial<Record<(typeof appointmentOutcomes)[number], string>> = {
  dna_acceptable: "For example, a documented illness or a clash with a court date",
  rescheduled: "The old appointment is kept and linked to the new one",
};

export function RecordOutcomeForm({ action, initialValues, started }: { action: ServerFormAction; initialValues: Record<string, string>; started: boolean }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(recordOutcomeSchema, action, initialValues);
  const outcome = useWatch({ control: form.control, name: "outcome" }) as string | undefined;
  const r = form.register;
  const options = appointmentOutcomes
    .filter((o) => started || o === "cancelled" || o === "rescheduled")
    .map((o) => ({ value: o, label: outcomeLabels[o], hint: hints[o] }));

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(recordOutcomeFieldOrder, { newDate: "newDateDay" })} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="appointmentId" defaultValue={values.appointmentId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <Radios legend="What happened?" options={options} defaultValue={values.outcome} error={errorFor("outcome")} {...r("outcome")} />
      {/* Shown always without JavaScript; with it, only when rescheduling. */}
      <div className={outcome && outcome !== "rescheduled" ? "hidden" : ""}>
        <h2 className="h3">If rescheduled: the new appointment</h2>
        <DateInput
          name="newDate"
          legend="New date"
          hint="For example, 14 12 2026"
          error={errorFor("newDate")}
          values={{ day: values.newDateDay, month: values.newDateMonth, year: values.newDateYear }}
          partProps={(part) => r(`newDate${part}`)}
        />
        <TextInput id="newTime" label="New start time" hint="UK time, 24-hour clock, for example 14:30" width="w-28" defaultValue={values.newTime} error={errorFor("newTime")} {...r("newTime")} />
      </div>
      <Textarea id="note" label="Note (optional)" hint="Attendance only: do not record health details here" defaultValue={values.note} error={errorFor("note")} {...r("note")} />
      <SubmitButton pending={pending}>Save outcome</SubmitButton>
    </FormShell>
  );
}
