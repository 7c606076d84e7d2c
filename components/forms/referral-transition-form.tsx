"use client";
import { useWatch } from "react-hook-form";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { DateInput } from "@/components/ui/date-input";
import { TextInput, Textarea } from "@/components/ui/field";
import { referralEventLabels, type ReferralEvent } from "@/domain/referral-lifecycle";
import { closureReasonLabels, closureReasons } from "@/domain/referrals";
import { transitionReferralFieldOrder, transitionReferralSchema } from "@/domain/schemas/referral";

/**
 * The next step for a referral. Only the steps the lifecycle allows from its status are offered
 * (the server checks again). Without JavaScript every step's extra fields show under their own
 * heading; with it, only the chosen step's.
 */
export function ReferralTransitionForm({
  action,
  events,
  needsAgreement,
  rebooking,
  initialValues,
}: {
  action: ServerFormAction;
  events: ReferralEvent[];
  /** A draft saved before the person agreed: sending asks again. */
  needsAgreement: boolean;
  /** The person missed their first appointment, so booking is rebooking. */
  rebooking: boolean;
  initialValues: { referralId: string; version: string };
}) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(transitionReferralSchema, action, initialValues);
  const r = form.register;
  const chosen = useWatch({ control: form.control, name: "event" }) as string | undefined;
  const shows = (event: ReferralEvent) => events.includes(event) && (!chosen || chosen === event);
  const label = (e: ReferralEvent) => (e === "book_first_appointment" && rebooking ? "A new first appointment has been booked" : referralEventLabels[e]);

  return (
    <FormShell
      action={formAction}
      onSubmit={onSubmit}
      formRef={formRef}
      errors={errorLinks(transitionReferralFieldOrder, { appointmentDate: "appointmentDateDay" })}
      formError={state.formError}
    >
      <input type="hidden" name="referralId" defaultValue={values.referralId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <Radios legend="What has happened?" options={events.map((e) => ({ value: e, label: label(e) }))} defaultValue={values.event} error={errorFor("event")} {...r("event")} />

      {needsAgreement && shows("send") && (
        <div>
          <h3 className="h3">If sending</h3>
          <Radios
            legend="Has the person now agreed to this referral?"
            hint="It was saved before they agreed. It can only be sent once they have."
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            defaultValue={values.personAgreed}
            error={errorFor("personAgreed")}
            inline
            {...r("personAgreed")}
          />
        </div>
      )}

      {shows("reject") && (
        <div>
          <h3 className="h3">If rejected</h3>
          <Textarea id="rejectionReason" label="Why did the service reject it?" rows={3} defaultValue={values.rejectionReason} error={errorFor("rejectionReason")} {...r("rejectionReason")} />
        </div>
      )}

      {shows("book_first_appointment") && (
        <div>
          <h3 className="h3">If the first appointment is booked</h3>
          <p className="mb-4">It goes on the person&apos;s appointments as a health appointment at the service.</p>
          <DateInput
            name="appointmentDate"
            legend="Date of the first appointment"
            hint="For example, 14 12 2026"
            error={errorFor("appointmentDate")}
            values={{ day: values.appointmentDateDay, month: values.appointmentDateMonth, year: values.appointmentDateYear }}
            partProps={(part) => r(`appointmentDate${part}`)}
          />
          <TextInput
            id="appointmentTime"
            label="Start time"
            hint="UK time, 24-hour clock, for example 14:30"
            width="w-28"
            inputMode="numeric"
            defaultValue={values.appointmentTime}
            error={errorFor("appointmentTime")}
            {...r("appointmentTime")}
          />
        </div>
      )}

      {shows("close") && (
        <div>
          <h3 className="h3">If closing the referral</h3>
          <Radios
            legend="Why is it being closed?"
            options={closureReasons.map((c) => ({ value: c, label: closureReasonLabels[c] }))}
            defaultValue={values.closureReason}
            error={errorFor("closureReason")}
            {...r("closureReason")}
          />
        </div>
      )}

      <Textarea id="note" label="Note (optional)" hint="Kept in the referral's history. Required if you close it for another reason." rows={3} defaultValue={values.note} error={errorFor("note")} {...r("note")} />
      <SubmitButton pending={pending}>Save</SubmitButton>
    </FormShell>
  );
}
