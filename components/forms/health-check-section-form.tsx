"use client";
import { FormShell, SubmitButton } from "./form-shell";
import { useServerForm, type ServerFormAction } from "./use-server-form";
import {
  AlcoholFields,
  DrugsFields,
  MoodFields,
  NeurodiversityFields,
  PhysicalFields,
  SelfHarmFields,
  SmokingFields,
  useHydrated,
  type SectionFieldsProps,
} from "./health-check-fields";
import type { FormState } from "@/domain/form-state";
import type { HealthCheckSection } from "@/domain/health";
import { saveSectionSchemas, sectionFieldOrder } from "@/domain/schemas/health-check";

/** Checkbox groups: their ticks come from the page (or the server's answer), not react-hook-form's defaults. */
const LIST_FIELDS = ["substances", "adjustments"];

function withoutLists(values: Record<string, string>): Record<string, string> {
  const rest = { ...values };
  for (const name of LIST_FIELDS) delete rest[name];
  return rest;
}

/** What to show ticked: what the server echoed once it has answered (comma-joined), otherwise the stored answers. */
function tickedValues(state: FormState, name: string, initial: string | undefined): string[] {
  const answered = Boolean(state.formError) || Object.keys(state.fieldErrors).length > 0;
  const list = answered ? state.values[name] : initial;
  return list ? list.split(",").filter(Boolean) : [];
}

/**
 * One section of a health check. Saving keeps a partial answer set as a draft; the server works
 * out any score once a questionnaire is complete.
 */
export function HealthCheckSectionForm({
  section,
  action,
  initialValues,
  auditCPositive,
}: {
  section: HealthCheckSection;
  action: ServerFormAction;
  /** healthCheckId, version, section, and the stored answers as form values. */
  initialValues: Record<string, string>;
  /** Whether the saved AUDIT-C is 5 or more (alcohol only). */
  auditCPositive: boolean;
}) {
  const { state, formAction, pending, form, formRef, onSubmit, errorFor, errorLinks, values } = useServerForm(saveSectionSchemas[section], action, withoutLists(initialValues));
  const hydrated = useHydrated();
  const props: SectionFieldsProps = {
    r: form.register,
    control: form.control,
    values,
    errorFor,
    ticked: (name) => tickedValues(state, name, initialValues[name]),
    hydrated,
  };

  return (
    <FormShell action={formAction} onSubmit={onSubmit} formRef={formRef} errors={errorLinks(sectionFieldOrder[section])} formError={state.formError}>
      <input type="hidden" name="healthCheckId" defaultValue={values.healthCheckId} />
      <input type="hidden" name="version" defaultValue={values.version} />
      <input type="hidden" name="section" defaultValue={values.section} />
      {section === "smoking" && <SmokingFields {...props} />}
      {section === "alcohol" && <AlcoholFields {...props} auditCPositive={auditCPositive} />}
      {section === "drugs" && <DrugsFields {...props} />}
      {section === "mood" && <MoodFields {...props} />}
      {section === "self_harm" && <SelfHarmFields {...props} />}
      {section === "neurodiversity" && <NeurodiversityFields {...props} />}
      {section === "physical" && <PhysicalFields {...props} />}
      <p className="mb-4 text-muted">You can save with questions unanswered and come back to them: the section stays in progress until every question is answered.</p>
      <SubmitButton pending={pending}>Save and continue</SubmitButton>
    </FormShell>
  );
}
