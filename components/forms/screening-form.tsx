"use client";
import { useWatch } from "react-hook-form";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { Textarea } from "@/components/ui/field";
import { recordedScreeningStatuses, screeningStatusLabels, type ScreeningProgramme } from "@/domain/health";
import { NO_SCREENING_ACTION, screeningStatusDates, updateScreeningFieldOrder, updateScreeningSchema } from "@/domain/schemas/screening";

const statusHints: Partial<Record<(typeof recordedScreeningStatuses)[number], string>> = {
  booked: "The date may be in the future",
  declined: "An informed choice not to take part this time",
};

/**
 * What the hub has done about one programme. `initialValues` carries personId, programme, version
 * and the saved values. Every stage keeps its own date: without JavaScript all of them show; with
 * it, the one for the status chosen and any already filled in.
 */
export function ScreeningForm({ action, programme, initialValues }: { action: ServerFormAction; programme: ScreeningProgramme; initialValues: Record<string, string> }) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(updateScreeningSchema, action, initialValues);
  const status = useWatch({ control: form.control, name: "status" }) as string | undefined;
  const r = form.register;
  const anchors = Object.fromEntries([...recordedScreeningStatuses.map((s) => screeningStatusDates[s].field), "lastTestOn"].map((f) => [f, `${f}Day`]));
  const lastTestHint =
    programme === "prostate"
      ? "The last PSA test or informed discussion, from the GP record or the person. A discussion recorded above counts."
      : "From the GP record or the person. If they attended through the hub, the date attended counts.";

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(updateScreeningFieldOrder, anchors)} idempotencyKey={values.idempotencyKey} formError={state.formError}>
      <input type="hidden" name="personId" defaultValue={values.personId} />
      <input type="hidden" name="programme" defaultValue={values.programme} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <Radios
        legend="What has the hub done?"
        options={[
          { value: NO_SCREENING_ACTION, label: "Nothing yet", hint: "Only updating the test history" },
          ...recordedScreeningStatuses.map((s) => ({ value: s, label: screeningStatusLabels[s], hint: statusHints[s] })),
        ]}
        defaultValue={values.status}
        error={errorFor("status")}
        {...r("status")}
      />
      {recordedScreeningStatuses.map((s) => {
        const { field, label } = screeningStatusDates[s];
        const shown = !status || status === s || Boolean(values[`${field}Year`]) || Boolean(errorFor(field));
        return (
          <div key={s} className={shown ? "" : "hidden"}>
            <DateInput
              name={field}
              legend={label}
              hint={status === s ? "For example, 27 3 2026" : "If known. For example, 27 3 2026"}
              error={errorFor(field)}
              values={{ day: values[`${field}Day`], month: values[`${field}Month`], year: values[`${field}Year`] }}
              partProps={(part) => r(`${field}${part}`)}
            />
          </div>
        );
      })}
      <DateInput
        name="lastTestOn"
        legend="Date of the last test (optional)"
        hint={lastTestHint}
        error={errorFor("lastTestOn")}
        values={{ day: values.lastTestOnDay, month: values.lastTestOnMonth, year: values.lastTestOnYear }}
        partProps={(part) => r(`lastTestOn${part}`)}
      />
      {programme === "cervical" && (
        <Radios
          legend="Was the last result HPV negative?"
          hint="From July 2025, people aged 25 to 49 with an HPV-negative result are next invited after 5 years rather than 3."
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
            { value: "unknown", label: "Not known" },
          ]}
          defaultValue={values.lastResultHpvNegative}
          error={errorFor("lastResultHpvNegative")}
          inline
          {...r("lastResultHpvNegative")}
        />
      )}
      <Textarea id="note" label="Note (optional)" defaultValue={values.note} error={errorFor("note")} {...r("note")} />
      <SubmitButton pending={pending}>Save screening</SubmitButton>
    </FormShell>
  );
}
