"use client";
import { useWatch } from "react-hook-form";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Checkbox, Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { Select, TextInput } from "@/components/ui/field";
import { appointmentKindLabels, appointmentTypeLabels, appointmentTypes, type AppointmentKind } from "@/domain/appointments";
import { bookAppointmentFieldOrder, bookAppointmentSchema } from "@/domain/schemas/appointment";

export function BookAppointmentForm({
  action,
  sites,
  kinds,
  initialValues,
}: {
  action: ServerFormAction;
  sites: { id: string; name: string }[];
  /** The kinds this user may book (officers: probation; clinicians: health hub). */
  kinds: readonly AppointmentKind[];
  initialValues: Record<string, string>;
}) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(bookAppointmentSchema, action, initialValues);
  const kind = useWatch({ control: form.control, name: "kind" }) as AppointmentKind | undefined;
  const r = form.register;
  // Without JavaScript every type is offered; the server refuses a type that does not fit the kind.
  // A referral's first appointment is booked from the referral, which it is linked to, never by hand.
  const types = (kind && kinds.includes(kind) ? appointmentTypes[kind] : kinds.flatMap((k) => appointmentTypes[k])).filter(
    (t) => t !== "referral_first_appointment",
  );

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(bookAppointmentFieldOrder, { date: "dateDay" })} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <Radios legend="Kind of appointment" options={kinds.map((k) => ({ value: k, label: appointmentKindLabels[k] }))} defaultValue={values.kind} error={errorFor("kind")} {...r("kind")} />
      <Select id="type" label="Type" placeholder="Select a type" options={types.map((t) => ({ value: t, label: appointmentTypeLabels[t] }))} defaultValue={values.type} error={errorFor("type")} {...r("type")} />
      <Select id="siteId" label="Site" options={sites.map((s) => ({ value: s.id, label: s.name }))} defaultValue={values.siteId} error={errorFor("siteId")} {...r("siteId")} />
      <DateInput
        name="date"
        legend="Date"
        hint="For example, 14 12 2026"
        error={errorFor("date")}
        values={{ day: values.dateDay, month: values.dateMonth, year: values.dateYear }}
        partProps={(part) => r(`date${part}`)}
      />
      <TextInput id="time" label="Start time" hint="UK time, 24-hour clock, for example 14:30" width="w-28" inputMode="numeric" defaultValue={values.time} error={errorFor("time")} {...r("time")} />
      <TextInput id="durationMinutes" label="Length in minutes" width="w-24" inputMode="numeric" defaultValue={values.durationMinutes} error={errorFor("durationMinutes")} {...r("durationMinutes")} />
      <Checkbox id="clinicianAttends" label="A hub clinician will attend" hint="For a probation meeting the hub nurse sits in on" defaultChecked={values.clinicianAttends === "on"} {...r("clinicianAttends")} />
      <SubmitButton pending={pending}>Book appointment</SubmitButton>
    </FormShell>
  );
}
