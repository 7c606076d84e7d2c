/**
 * Health check answers, one schema per section. The same schema reads a form post (strings, ""
 * when blank) and the answers stored in health_checks.answers (typed, null when unanswered), so a
 * draft may be partial but every answer given is one the instrument allows. Only the fields named
 * here survive parsing: a score or band sent by the browser is dropped, never stored.
 */
import { z } from "zod";
import { alertActions, smokingStatuses, type HealthCheckSection } from "../health";
import { healthCheckMessages as m } from "../messages";
import {
  auditItems,
  conditionBases,
  drugFrequencies,
  drugSubstanceLabels,
  drugSubstances,
  hsiCigarettesPerDay,
  hsiTimeToFirst,
  neurodivergentConditionLabels,
  neurodivergentConditions,
  reasonableAdjustments,
  selfHarmActions,
  type DrugSubstance,
  type HsiCigarettesPerDay,
  type HsiTimeToFirst,
  type NeurodivergentCondition,
} from "../questionnaires";
import { idempotencyKeyField, optionalText, versionField } from "./fields";

const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v);
const toNumber = (v: unknown) => {
  const b = blankToNull(v);
  return typeof b === "string" ? Number(b.trim()) : b;
};

function optionalChoice<const T extends readonly [string, ...string[]]>(values: T, error: string) {
  return z.preprocess(blankToNull, z.enum(values, { error }).nullable());
}

/** A yes/no radio: "yes"/"no" from a form, true/false once stored. */
function yesNo(error: string) {
  return z.preprocess((v) => {
    const b = blankToNull(v);
    return b === "yes" ? true : b === "no" ? false : b;
  }, z.boolean({ error }).nullable());
}

/** A questionnaire item whose answer value is its score. */
function scoredItem(allowed: readonly number[], error: string) {
  return z.preprocess(toNumber, z.number({ error }).refine((n) => allowed.includes(n), { error }).nullable());
}

function measurement(what: string, min: number, max: number, unit: string, wholeNumber = false) {
  const base = z.number({ error: m.number(what) });
  // A refinement rather than .int(), which would stop the checks after it (blood pressure) from running.
  const checked = (wholeNumber ? base.refine(Number.isInteger, m.wholeNumber(what)) : base).min(min, m.between(what, min, max, unit)).max(max, m.between(what, min, max, unit));
  return z.preprocess(toNumber, checked.nullable());
}

/**
 * Checkboxes sharing one name, with an exclusive "none": nothing ticked is unanswered (null);
 * ["none"] is the answer "none". A form sends one string or several; react-hook-form an array.
 */
function tickList<const T extends readonly [string, ...string[]]>(values: T, noneError: string) {
  return z.preprocess(
    (v) => {
      const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
      return list.length ? [...new Set(list)] : null;
    },
    z
      .array(z.enum([...values, "none"] as const))
      .refine((list) => !(list.includes("none") && list.length > 1), noneError)
      .nullable(),
  );
}

/** Builds one field per key: `audit1`..`audit10`, `frequency_cannabis`, and so on. */
function shapeOf<const K extends string, S extends z.ZodType>(keys: readonly K[], field: (key: K, index: number) => S): Record<K, S> {
  const shape = {} as Record<K, S>;
  keys.forEach((key, i) => {
    shape[key] = field(key, i);
  });
  return shape;
}

// ---- Smoking -------------------------------------------------------------------------------

const hsiTimeValues = hsiTimeToFirst.map((o) => o.value) as [HsiTimeToFirst, ...HsiTimeToFirst[]];
const hsiCigaretteValues = hsiCigarettesPerDay.map((o) => o.value) as [HsiCigarettesPerDay, ...HsiCigarettesPerDay[]];

const smokingShape = {
  status: optionalChoice(smokingStatuses, m.smokingStatus),
  vapes: yesNo(m.vapes),
  hsiTimeToFirst: optionalChoice(hsiTimeValues, m.hsiTimeToFirst),
  hsiCigarettesPerDay: optionalChoice(hsiCigaretteValues, m.hsiCigarettesPerDay),
  briefAdvice: yesNo(m.briefAdvice),
  referralOffered: yesNo(m.referralOffered),
  referralAccepted: yesNo(m.referralAccepted),
};

// ---- Alcohol: AUDIT-C is audit1..audit3, the full AUDIT audit1..audit10 ---------------------

export const auditKeys = ["audit1", "audit2", "audit3", "audit4", "audit5", "audit6", "audit7", "audit8", "audit9", "audit10"] as const;
export type AuditKey = (typeof auditKeys)[number];
const alcoholShape = shapeOf(auditKeys, (_key, i) =>
  scoredItem(
    (auditItems[i]?.choices ?? []).map((c) => c.value),
    m.chooseAnswer(`question ${i + 1}`),
  ),
);

// ---- Drugs ---------------------------------------------------------------------------------

export const drugFrequencyKey = (s: DrugSubstance) => `frequency_${s}` as const;
export type DrugFrequencyKey = ReturnType<typeof drugFrequencyKey>;
export const drugFrequencyKeys = drugSubstances.map(drugFrequencyKey);

const drugsShape = {
  substances: tickList(drugSubstances, m.noneAndOthers),
  ...shapeOf(drugFrequencyKeys, (_key, i) => optionalChoice(drugFrequencies, m.drugFrequency(drugSubstanceLabels[drugSubstances[i] ?? "other"]))),
  otherSubstance: optionalText(100),
  everInjected: yesNo(m.everInjected),
  injectingNow: yesNo(m.injectingNow),
  inTreatment: yesNo(m.inTreatment),
  onOst: yesNo(m.onOst),
};

// ---- Mood: PHQ-9 and GAD-7 ---------------------------------------------------------------

export const phq9Keys = ["phq1", "phq2", "phq3", "phq4", "phq5", "phq6", "phq7", "phq8", "phq9"] as const;
export const gad7Keys = ["gad1", "gad2", "gad3", "gad4", "gad5", "gad6", "gad7"] as const;
const frequencyValues = [0, 1, 2, 3];
const moodShape = {
  ...shapeOf(phq9Keys, (_key, i) => scoredItem(frequencyValues, m.chooseAnswer(`PHQ-9 question ${i + 1}`))),
  ...shapeOf(gad7Keys, (_key, i) => scoredItem(frequencyValues, m.chooseAnswer(`GAD-7 question ${i + 1}`))),
};

// ---- Self-harm and suicide: recorded, never scored (NICE NG225) ---------------------------

const selfHarmShape = {
  currentThoughts: yesNo(m.currentThoughts),
  recentSelfHarm: yesNo(m.recentSelfHarm),
  action: optionalChoice(selfHarmActions, m.selfHarmAction),
  note: optionalText(1000),
};

// ---- Neurodivergence, disability and adjustments ---------------------------------------------

export const conditionAnswers = ["not_recorded", ...conditionBases] as const;
export type ConditionAnswer = (typeof conditionAnswers)[number];
export const conditionKey = (c: NeurodivergentCondition) => `condition_${c}` as const;
export type ConditionKey = ReturnType<typeof conditionKey>;
export const conditionKeys = neurodivergentConditions.map(conditionKey);

const neurodiversityShape = {
  ...shapeOf(conditionKeys, (_key, i) => optionalChoice(conditionAnswers, m.conditionBasis(neurodivergentConditionLabels[neurodivergentConditions[i] ?? "other"]))),
  conditionOther: optionalText(200),
  adjustments: tickList(reasonableAdjustments, m.noneAndOthers),
  adjustmentsOther: optionalText(200),
};

// ---- Physical health -------------------------------------------------------------------------

export const dentistAnswers = ["yes", "no", "not_known"] as const;
export type DentistAnswer = (typeof dentistAnswers)[number];

const physicalShape = {
  heightCm: measurement("height", 100, 250, "cm"),
  weightKg: measurement("weight", 25, 350, "kg"),
  systolic: measurement("the systolic (top) number", 70, 250, "", true),
  diastolic: measurement("the diastolic (bottom) number", 40, 150, "", true),
  longTermConditions: optionalText(1000),
  aeAttendances: measurement("the number of A&E attendances", 0, 50, "", true),
  dentist: optionalChoice(dentistAnswers, m.dentist),
};

function checkBloodPressure(v: { systolic: number | null; diastolic: number | null }, ctx: z.RefinementCtx) {
  if (typeof v.systolic === "number" && typeof v.diastolic === "number" && v.systolic <= v.diastolic) {
    ctx.addIssue({ code: "custom", path: ["systolic"], message: m.systolicAboveDiastolic });
  }
}
// Runs even when another field on the page is wrong, so every error shows at once.
const bloodPressureCheck = {
  when: (payload: { issues: { path?: PropertyKey[] }[] }) => !payload.issues.some((i) => i.path?.[0] === "systolic" || i.path?.[0] === "diastolic"),
};

/** The answers of each section, as stored and as posted. */
export const sectionAnswerSchemas = {
  smoking: z.object(smokingShape),
  alcohol: z.object(alcoholShape),
  drugs: z.object(drugsShape),
  mood: z.object(moodShape),
  self_harm: z.object(selfHarmShape),
  neurodiversity: z.object(neurodiversityShape),
  physical: z.object(physicalShape).superRefine(checkBloodPressure, bloodPressureCheck),
} satisfies Record<HealthCheckSection, z.ZodType>;

export type SectionAnswers = { [S in HealthCheckSection]: z.output<(typeof sectionAnswerSchemas)[S]> };
export type HealthCheckAnswers = SectionAnswers;

/** Field names in page order, for the error summary. */
export const sectionFieldOrder: Record<HealthCheckSection, string[]> = {
  smoking: Object.keys(smokingShape),
  alcohol: [...auditKeys],
  drugs: ["substances", ...drugFrequencyKeys, "otherSubstance", "everInjected", "injectingNow", "inTreatment", "onOst"],
  mood: [...phq9Keys, ...gad7Keys],
  self_harm: Object.keys(selfHarmShape),
  neurodiversity: [...conditionKeys, "conditionOther", "adjustments", "adjustmentsOther"],
  physical: Object.keys(physicalShape),
};

// ---- What each form posts ------------------------------------------------------------------

const envelope = { healthCheckId: z.uuid(), version: versionField };

function toSaveInput<T extends { healthCheckId: string; version: number; section: HealthCheckSection }>({ healthCheckId, version, section, ...answers }: T) {
  return { healthCheckId, version, section, answers };
}

/** One schema per section page, shared by the form (react-hook-form) and its server action. */
export const saveSectionSchemas = {
  smoking: z.object({ ...envelope, section: z.literal("smoking"), ...smokingShape }).transform(toSaveInput),
  alcohol: z.object({ ...envelope, section: z.literal("alcohol"), ...alcoholShape }).transform(toSaveInput),
  drugs: z.object({ ...envelope, section: z.literal("drugs"), ...drugsShape }).transform(toSaveInput),
  mood: z.object({ ...envelope, section: z.literal("mood"), ...moodShape }).transform(toSaveInput),
  self_harm: z.object({ ...envelope, section: z.literal("self_harm"), ...selfHarmShape }).transform(toSaveInput),
  neurodiversity: z.object({ ...envelope, section: z.literal("neurodiversity"), ...neurodiversityShape }).transform(toSaveInput),
  physical: z.object({ ...envelope, section: z.literal("physical"), ...physicalShape }).superRefine(checkBloodPressure, bloodPressureCheck).transform(toSaveInput),
} satisfies Record<HealthCheckSection, z.ZodType>;

export type SaveSectionInput = z.output<(typeof saveSectionSchemas)[HealthCheckSection]>;

// ---- Starting, completing, and alerts ------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NOT_LINKED = "none";

export const startHealthCheckSchema = z.object({
  idempotencyKey: idempotencyKeyField,
  personId: z.uuid(),
  appointmentId: z
    .preprocess((v) => (typeof v === "string" ? v : ""), z.string().refine((v) => v === NOT_LINKED || UUID.test(v), m.chooseAppointment))
    .transform((v) => (v === NOT_LINKED ? null : v)),
});
export type StartHealthCheckInput = z.output<typeof startHealthCheckSchema>;
export const startHealthCheckFieldOrder = ["appointmentId"];

export const completeHealthCheckSchema = z.object(envelope);
export type CompleteHealthCheckInput = z.output<typeof completeHealthCheckSchema>;

export const actionAlertSchema = z
  .object({
    alertId: z.uuid(),
    version: versionField,
    action: z.preprocess((v) => (typeof v === "string" ? v : ""), z.enum(alertActions, { error: m.alertAction })),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.action === "other" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: m.alertNoteForOther });
  });
export type ActionAlertInput = z.output<typeof actionAlertSchema>;
export const actionAlertFieldOrder = ["action", "note"];
