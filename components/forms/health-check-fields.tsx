"use client";
/**
 * The questions of each health check section. Follow-up questions (the Heaviness of Smoking Index
 * for smokers, how often for each drug ticked, ...) are all on the page without JavaScript, each
 * labelled with when it applies; with JavaScript they appear only when they apply. The server
 * drops answers that do not apply either way.
 */
import { useSyncExternalStore, type InputHTMLAttributes, type ReactNode } from "react";
import { useWatch, type Control, type FieldValues, type UseFormRegister } from "react-hook-form";
import { Checkbox, Radios } from "@/components/ui/choices";
import { FieldsetShell, TextInput, Textarea } from "@/components/ui/field";
import { smokingStatuses } from "@/domain/health";
import { conditionAnswerLabels, dentistAnswerLabels, smokingStatusLabels } from "@/domain/health-check";
import {
  auditItems,
  drugFrequencies,
  drugFrequencyLabels,
  drugSubstanceLabels,
  drugSubstances,
  frequencyChoices,
  gad7Items,
  hsiCigarettesPerDay,
  hsiTimeToFirst,
  neurodivergentConditionLabels,
  neurodivergentConditions,
  phq9Items,
  phqGadStem,
  reasonableAdjustmentLabels,
  reasonableAdjustments,
  selfHarmActionLabels,
  selfHarmActions,
} from "@/domain/questionnaires";
import { auditKeys, conditionAnswers, conditionKey, dentistAnswers, drugFrequencyKey, gad7Keys, phq9Keys } from "@/domain/schemas/health-check";

export type SectionFieldsProps = {
  r: UseFormRegister<FieldValues>;
  control: Control<FieldValues>;
  values: Record<string, string>;
  errorFor: (name: string) => string | undefined;
  /** Ticked boxes of a checkbox group, as the page or the server's answer last had them. */
  ticked: (name: string) => string[];
  /** False until JavaScript runs: until then every follow-up question is shown. */
  hydrated: boolean;
};

const noop = () => () => {};
/** True once the page is interactive; false when rendered on the server and without JavaScript. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string" && v !== "");
}

/** A group's ticked values: what react-hook-form holds once it has them, else what the page started with. */
function useTicked(props: SectionFieldsProps, name: string): string[] {
  const watched: unknown = useWatch({ control: props.control, name });
  return watched === undefined ? props.ticked(name) : listOf(watched);
}

function Reveal({ when, children }: { when: boolean; children: ReactNode }) {
  return <div className={when ? "" : "hidden"}>{children}</div>;
}

function FollowUp({ children }: { children: ReactNode }) {
  return <div className="mb-6 border-l-4 border-line pl-4">{children}</div>;
}

const yesNoOptions = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

function YesNo({ name, legend, hint, props }: { name: string; legend: ReactNode; hint?: ReactNode; props: SectionFieldsProps }) {
  return <Radios legend={legend} hint={hint} options={yesNoOptions} defaultValue={props.values[name]} error={props.errorFor(name)} inline {...props.r(name)} />;
}

type Registered = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue" | "defaultChecked" | "checked"> & { name: string };

/** Checkboxes sharing one name, with an exclusive "none" option after an "or" (GOV.UK pattern). */
function CheckboxGroup({
  legend,
  hint,
  error,
  options,
  noneLabel,
  ticked,
  ...registered
}: Registered & { legend: ReactNode; hint: string; error?: string; options: { value: string; label: string }[]; noneLabel: string; ticked: string[] }) {
  const { name } = registered;
  const describedBy = [`${name}-hint`, error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-1 font-semibold">{legend}</legend>
        <div id={`${name}-hint`} className="mb-2 text-muted">
          {hint}
        </div>
        {error && (
          <p id={`${name}-error`} className="mb-2 font-semibold text-danger">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        )}
        {options.map((o, i) => (
          <Checkbox key={o.value} id={i === 0 ? name : `${name}-${o.value}`} label={o.label} value={o.value} defaultChecked={ticked.includes(o.value)} {...registered} />
        ))}
        <p className="mb-4 ml-1">or</p>
        <Checkbox id={`${name}-none`} label={noneLabel} value="none" defaultChecked={ticked.includes("none")} {...registered} />
      </fieldset>
    </div>
  );
}

export function SmokingFields(props: SectionFieldsProps) {
  const { r, values, errorFor, control, hydrated } = props;
  const status: unknown = useWatch({ control, name: "status" });
  const offered: unknown = useWatch({ control, name: "referralOffered" });
  return (
    <>
      <Radios
        legend="Do they smoke?"
        options={smokingStatuses.map((s) => ({ value: s, label: smokingStatusLabels[s] }))}
        defaultValue={values.status}
        error={errorFor("status")}
        {...r("status")}
      />
      <YesNo name="vapes" legend="Do they vape?" props={props} />
      <Reveal when={!hydrated || status === "current"}>
        <h2 className="h3">{hydrated ? "Heaviness of Smoking Index" : "If they smoke now: Heaviness of Smoking Index"}</h2>
        <Radios
          legend="How soon after waking do they smoke their first cigarette?"
          options={hsiTimeToFirst.map((o) => ({ value: o.value, label: o.label }))}
          defaultValue={values.hsiTimeToFirst}
          error={errorFor("hsiTimeToFirst")}
          {...r("hsiTimeToFirst")}
        />
        <Radios
          legend="How many cigarettes do they smoke a day?"
          options={hsiCigarettesPerDay.map((o) => ({ value: o.value, label: o.label }))}
          defaultValue={values.hsiCigarettesPerDay}
          error={errorFor("hsiCigarettesPerDay")}
          {...r("hsiCigarettesPerDay")}
        />
        <h2 className="h3">Very brief advice</h2>
        <YesNo name="briefAdvice" legend="Was very brief advice given?" hint="Ask about smoking, advise that stopping with support works best, act on their answer" props={props} />
        <YesNo name="referralOffered" legend="Was a referral to the local stop smoking service offered?" props={props} />
        <Reveal when={!hydrated || offered === "yes"}>
          <YesNo name="referralAccepted" legend={hydrated ? "Did they accept the referral?" : "If offered: did they accept the referral?"} props={props} />
        </Reveal>
      </Reveal>
    </>
  );
}

export function AlcoholFields(props: SectionFieldsProps & { auditCPositive: boolean }) {
  const { r, values, errorFor, control, auditCPositive } = props;
  const firstThree: unknown[] = useWatch({ control, name: ["audit1", "audit2", "audit3"] });
  const typed = firstThree.map((v) => (typeof v === "string" && v !== "" ? Number(v) : null));
  const typedTotal = typed.every((v) => v !== null) ? typed.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  // The server decides from the saved AUDIT-C; with JavaScript the rest appears as soon as the answers add up.
  const showFullAudit = typedTotal === null ? auditCPositive : typedTotal >= 5;
  const question = (i: number) => {
    const key = auditKeys[i];
    const item = auditItems[i];
    if (!key || !item) return null;
    return (
      <Radios
        key={key}
        legend={`${i + 1}. ${item.question}`}
        options={item.choices.map((c) => ({ value: String(c.value), label: c.label }))}
        defaultValue={values[key]}
        error={errorFor(key)}
        {...r(key)}
      />
    );
  };
  return (
    <>
      <h2 className="h3">AUDIT-C</h2>
      <p className="mb-4 text-muted">In UK units. If the answers to these 3 questions add up to 5 or more, questions 4 to 10 of the full AUDIT follow.</p>
      {[0, 1, 2].map(question)}
      <Reveal when={showFullAudit}>
        <h2 className="h3">AUDIT questions 4 to 10</h2>
        <p className="mb-4">The AUDIT-C adds up to 5 or more (positive): ask the rest of the AUDIT.</p>
        {[3, 4, 5, 6, 7, 8, 9].map(question)}
      </Reveal>
    </>
  );
}

export function DrugsFields(props: SectionFieldsProps) {
  const { r, values, errorFor, control, hydrated } = props;
  const used = useTicked(props, "substances");
  const everInjected: unknown = useWatch({ control, name: "everInjected" });
  return (
    <>
      <CheckboxGroup
        legend="Which drugs have they used in the last 3 months?"
        hint="Select all that apply"
        options={drugSubstances.map((s) => ({ value: s, label: drugSubstanceLabels[s] }))}
        noneLabel="None in the last 3 months"
        ticked={props.ticked("substances")}
        error={errorFor("substances")}
        {...r("substances")}
      />
      {drugSubstances.map((s) => {
        const key = drugFrequencyKey(s);
        const label = drugSubstanceLabels[s];
        return (
          <Reveal key={s} when={!hydrated || used.includes(s)}>
            <FollowUp>
              <Radios
                legend={hydrated ? `${label}: how often in the last 3 months?` : `If they used ${label.toLowerCase()}: how often in the last 3 months?`}
                options={drugFrequencies.map((f) => ({ value: f, label: drugFrequencyLabels[f] }))}
                defaultValue={values[key]}
                error={errorFor(key)}
                inline
                {...r(key)}
              />
              {s === "other" && (
                <TextInput id="otherSubstance" label="Which other drug?" defaultValue={values.otherSubstance} error={errorFor("otherSubstance")} {...r("otherSubstance")} />
              )}
            </FollowUp>
          </Reveal>
        );
      })}
      <YesNo name="everInjected" legend="Have they ever injected drugs?" props={props} />
      <Reveal when={!hydrated || everInjected === "yes"}>
        <FollowUp>
          <YesNo name="injectingNow" legend={hydrated ? "Do they inject now?" : "If they have ever injected: do they inject now?"} props={props} />
        </FollowUp>
      </Reveal>
      <YesNo name="inTreatment" legend="Are they in drug treatment now?" props={props} />
      <YesNo name="onOst" legend="Are they on opioid substitution therapy?" hint="For example, methadone or buprenorphine" props={props} />
    </>
  );
}

const frequencyOptions = frequencyChoices.map((c) => ({ value: String(c.value), label: c.label }));

export function MoodFields({ r, values, errorFor }: SectionFieldsProps) {
  return (
    <>
      <h2 className="h3">PHQ-9 (depression)</h2>
      <p className="mb-4 font-semibold">{phqGadStem}</p>
      {phq9Items.map((item, i) => {
        const key = phq9Keys[i] ?? "phq1";
        return (
          <Radios
            key={key}
            legend={`${i + 1}. ${item}`}
            hint={i === 8 ? "Any answer other than Not at all raises an alert for same-day clinical review" : undefined}
            options={frequencyOptions}
            defaultValue={values[key]}
            error={errorFor(key)}
            inline
            {...r(key)}
          />
        );
      })}
      <h2 className="h3 mt-8">GAD-7 (anxiety)</h2>
      <p className="mb-4 font-semibold">{phqGadStem}</p>
      {gad7Items.map((item, i) => {
        const key = gad7Keys[i] ?? "gad1";
        return <Radios key={key} legend={`${i + 1}. ${item}`} options={frequencyOptions} defaultValue={values[key]} error={errorFor(key)} inline {...r(key)} />;
      })}
    </>
  );
}

export function SelfHarmFields(props: SectionFieldsProps) {
  const { r, values, errorFor } = props;
  return (
    <>
      <p className="mb-6">
        Record what they tell you and what you did. No risk score is worked out: NICE guideline NG225 advises against using risk scales to predict suicide.
      </p>
      <YesNo name="currentThoughts" legend="Do they have thoughts of suicide or self-harm now?" props={props} />
      <YesNo name="recentSelfHarm" legend="Have they self-harmed in the last 3 months?" props={props} />
      <Radios
        legend="What action was taken?"
        options={selfHarmActions.map((a) => ({ value: a, label: selfHarmActionLabels[a] }))}
        defaultValue={values.action}
        error={errorFor("action")}
        {...r("action")}
      />
      <Textarea id="note" label="Note (optional)" defaultValue={values.note} error={errorFor("note")} {...r("note")} />
    </>
  );
}

export function NeurodiversityFields(props: SectionFieldsProps) {
  const { r, values, errorFor, control, hydrated } = props;
  const otherCondition: unknown = useWatch({ control, name: "condition_other" });
  const adjustments = useTicked(props, "adjustments");
  return (
    <>
      <h2 className="h3">Conditions</h2>
      <p className="mb-4 text-muted">For each, record whether the person told you (self-declared) or there is a confirmed diagnosis.</p>
      {neurodivergentConditions.map((c) => {
        const key = conditionKey(c);
        return (
          <Radios
            key={key}
            legend={neurodivergentConditionLabels[c]}
            options={conditionAnswers.map((a) => ({ value: a, label: conditionAnswerLabels[a] }))}
            defaultValue={values[key]}
            error={errorFor(key)}
            inline
            {...r(key)}
          />
        );
      })}
      <Reveal when={!hydrated || otherCondition === "self_declared" || otherCondition === "confirmed"}>
        <FollowUp>
          <TextInput id="conditionOther" label={hydrated ? "Which other condition?" : "If other: which condition?"} defaultValue={values.conditionOther} error={errorFor("conditionOther")} {...r("conditionOther")} />
        </FollowUp>
      </Reveal>
      <h2 className="h3 mt-8">Reasonable adjustments</h2>
      <CheckboxGroup
        legend="What reasonable adjustments do they need?"
        hint="Select all that apply"
        options={reasonableAdjustments.map((a) => ({ value: a, label: reasonableAdjustmentLabels[a] }))}
        noneLabel="None needed"
        ticked={props.ticked("adjustments")}
        error={errorFor("adjustments")}
        {...r("adjustments")}
      />
      <Reveal when={!hydrated || adjustments.includes("other")}>
        <FollowUp>
          <TextInput id="adjustmentsOther" label={hydrated ? "Which other adjustment?" : "If other: which adjustment?"} defaultValue={values.adjustmentsOther} error={errorFor("adjustmentsOther")} {...r("adjustmentsOther")} />
        </FollowUp>
      </Reveal>
    </>
  );
}

export function PhysicalFields({ r, values, errorFor }: SectionFieldsProps) {
  return (
    <>
      <TextInput id="heightCm" label="Height in centimetres" hint="For example, 172" width="w-28" inputMode="decimal" defaultValue={values.heightCm} error={errorFor("heightCm")} {...r("heightCm")} />
      <TextInput id="weightKg" label="Weight in kilograms" hint="For example, 78.5. The BMI is worked out from height and weight." width="w-28" inputMode="decimal" defaultValue={values.weightKg} error={errorFor("weightKg")} {...r("weightKg")} />
      <FieldsetShell name="bloodPressure" legend="Blood pressure (mmHg)" hint="For example, 120 over 80">
        <TextInput id="systolic" label="Systolic (top number)" width="w-24" inputMode="numeric" defaultValue={values.systolic} error={errorFor("systolic")} {...r("systolic")} />
        <TextInput id="diastolic" label="Diastolic (bottom number)" width="w-24" inputMode="numeric" defaultValue={values.diastolic} error={errorFor("diastolic")} {...r("diastolic")} />
      </FieldsetShell>
      <Textarea id="longTermConditions" label="Long-term conditions (optional)" hint="For example, asthma, diabetes, epilepsy. Leave blank if none." defaultValue={values.longTermConditions} error={errorFor("longTermConditions")} {...r("longTermConditions")} />
      <TextInput id="aeAttendances" label="A&E attendances in the last 12 months" hint="0 if none" width="w-20" inputMode="numeric" defaultValue={values.aeAttendances} error={errorFor("aeAttendances")} {...r("aeAttendances")} />
      <Radios
        legend="Are they registered with a dentist?"
        options={dentistAnswers.map((d) => ({ value: d, label: dentistAnswerLabels[d] }))}
        defaultValue={values.dentist}
        error={errorFor("dentist")}
        inline
        {...r("dentist")}
      />
    </>
  );
}
