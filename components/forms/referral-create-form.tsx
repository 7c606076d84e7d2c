"use client";
import type { FormEvent, MouseEvent } from "react";
import { FormShell } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import { Radios } from "@/components/ui/choices";
import { describedBy, FieldShell, Textarea } from "@/components/ui/field";
import { Tag } from "@/components/ui/tag";
import type { ReferralSuggestion } from "@/domain/referral-suggestions";
import { referralUrgencies, referralUrgencyLabels, serviceCategories, serviceCategoryLabels, type ServiceCategory } from "@/domain/referrals";
import { createReferralFieldOrder, createReferralSchema } from "@/domain/schemas/referral";

type ServiceOption = { id: string; name: string; category: ServiceCategory };

/**
 * A new referral: the service (grouped by kind of service), the reason, how urgent, and whether
 * the person agreed; then "Send referral" or "Save as draft". Suggestions from the latest health
 * check can fill in the reason: as links without JavaScript (the page comes back filled in), and
 * in place with it.
 */
export function ReferralCreateForm({
  action,
  services,
  suggestions,
  healthCheckId,
  suggestionHref,
  initialValues,
}: {
  action: ServerFormAction;
  services: ServiceOption[];
  suggestions: ReferralSuggestion[];
  /** The health check the suggestions come from. */
  healthCheckId: string | null;
  /** Where "Use this suggestion" goes without JavaScript. */
  suggestionHref: Record<string, string>;
  initialValues: Record<string, string>;
}) {
  const { state, formAction, pending, form, formRef, submitData, errorFor, errorLinks, values } = useServerForm(createReferralSchema, action, initialValues);
  const r = form.register;
  const groups = serviceCategories.map((c) => ({ category: c, services: services.filter((s) => s.category === c) })).filter((g) => g.services.length > 0);

  // The two buttons say whether to send; the browser leaves the button out of FormData(form), so it is added here.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    form.setValue("send", submitter instanceof HTMLButtonElement ? submitter.value : "no");
    void form.handleSubmit(() => {
      submitData(new FormData(element, submitter));
    })(event);
  };

  const applySuggestion = (event: MouseEvent<HTMLAnchorElement>, s: ReferralSuggestion) => {
    event.preventDefault();
    form.setValue("reason", s.reason);
    form.setValue("urgency", s.urgency);
    if (healthCheckId) form.setValue("healthCheckId", healthCheckId);
    const inCategory = services.filter((x) => x.category === s.category);
    const only = inCategory[0];
    if (inCategory.length === 1 && only) form.setValue("serviceId", only.id);
    document.getElementById(inCategory.length === 1 ? "reason" : "serviceId")?.focus();
  };

  return (
    <>
      {suggestions.length > 0 && (
        <section aria-labelledby="suggestions-heading" className="card">
          <h2 id="suggestions-heading" className="h3">
            Suggested from the latest health check
          </h2>
          <p className="mb-4 text-muted">A prompt, not a decision: agree any referral with the person first.</p>
          <ul className="list-none space-y-4">
            {suggestions.map((s) => (
              <li key={s.category} className="border-l-4 border-line pl-4">
                <p className="font-semibold">
                  {serviceCategoryLabels[s.category]} <Tag tone={s.strength === "recommended" ? "blue" : "grey"}>{s.strength === "recommended" ? "Suggested" : "Consider"}</Tag>{" "}
                  {s.urgency !== "routine" && <Tag tone={s.urgency === "urgent" ? "red" : "yellow"}>{referralUrgencyLabels[s.urgency]}</Tag>}
                </p>
                <p className="mb-2">{s.reason}</p>
                <a href={suggestionHref[s.category]} onClick={(e) => applySuggestion(e, s)}>
                  Use this suggestion<span className="sr-only">: {serviceCategoryLabels[s.category]}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(createReferralFieldOrder)} idempotencyKey={values.idempotencyKey} formError={state.formError ?? state.fieldErrors.healthCheckId}>
        <input type="hidden" name="personId" defaultValue={values.personId} />
        <input type="hidden" defaultValue={values.healthCheckId ?? ""} {...r("healthCheckId")} />
        <FieldShell id="serviceId" label="Service" hint="Active services at this person's site, by kind of service" error={errorFor("serviceId")}>
          <select
            id="serviceId"
            defaultValue={values.serviceId ?? ""}
            aria-invalid={errorFor("serviceId") ? true : undefined}
            aria-describedby={describedBy("serviceId", true, errorFor("serviceId"))}
            className={`input ${errorFor("serviceId") ? "input-error" : ""}`}
            {...r("serviceId")}
          >
            <option value="">Select a service</option>
            {groups.map((g) => (
              <optgroup key={g.category} label={serviceCategoryLabels[g.category]}>
                {g.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </FieldShell>
        <Textarea
          id="reason"
          label="Reason for the referral"
          hint="What the service needs to know. The person should know what is being shared."
          rows={6}
          defaultValue={values.reason}
          error={errorFor("reason")}
          {...r("reason")}
        />
        <Radios legend="How urgent is it?" options={referralUrgencies.map((u) => ({ value: u, label: referralUrgencyLabels[u] }))} defaultValue={values.urgency} error={errorFor("urgency")} {...r("urgency")} />
        <Radios
          legend="Has the person agreed to this referral?"
          hint="A referral can only be sent once they have. You can save it as a draft until then."
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No, not yet" },
          ]}
          defaultValue={values.personAgreed}
          error={errorFor("personAgreed")}
          inline
          {...r("personAgreed")}
        />
        <div className="flex flex-wrap gap-4">
          <button type="submit" name="send" value="yes" className="btn" disabled={pending} aria-disabled={pending}>
            Send referral
          </button>
          <button type="submit" name="send" value="no" className="btn-secondary" disabled={pending} aria-disabled={pending}>
            Save as draft
          </button>
        </div>
      </FormShell>
    </>
  );
}
