/**
 * The rules of a health check that are not scoring: which answers apply, when a section is
 * complete, and which scores can be worked out from the answers so far. Pure functions: the
 * server runs them on the stored answers and writes the results to the score columns.
 */
import { healthCheckSections, type HealthCheckSection, type SmokingStatus } from "./health";
import { drugSubstances, neurodivergentConditions, type DrugSubstance } from "./questionnaires";
import {
  auditKeys,
  conditionKey,
  drugFrequencyKey,
  gad7Keys,
  phq9Keys,
  sectionAnswerSchemas,
  type DentistAnswer,
  type HealthCheckAnswers,
  type ConditionAnswer,
} from "./schemas/health-check";
import {
  bodyMassIndex,
  scoreAudit,
  scoreAuditC,
  scoreGad7,
  scoreHsi,
  scorePhq9,
  type AuditBand,
  type AuditCResult,
  type Gad7Band,
  type HsiBand,
  type Phq9Band,
} from "./scoring";

export type SectionStatus = "not_started" | "in_progress" | "completed";
export const sectionStatusLabels: Record<SectionStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
};

export const smokingStatusLabels: Record<SmokingStatus, string> = {
  never: "Never smoked",
  ex: "Ex-smoker",
  current: "Smokes now",
};

export const conditionAnswerLabels: Record<ConditionAnswer, string> = {
  not_recorded: "Not recorded",
  self_declared: "Self-declared",
  confirmed: "Confirmed diagnosis",
};

export const dentistAnswerLabels: Record<DentistAnswer, string> = {
  yes: "Yes",
  no: "No",
  not_known: "Not known",
};

/** Sections in URLs are kebab-case: /health-checks/:id/self-harm. */
export function sectionSlug(section: HealthCheckSection): string {
  return section.replace(/_/g, "-");
}

export function sectionFromSlug(slug: unknown): HealthCheckSection | null {
  if (typeof slug !== "string") return null;
  return healthCheckSections.find((s) => sectionSlug(s) === slug || s === slug) ?? null;
}

function emptySection<S extends HealthCheckSection>(section: S): HealthCheckAnswers[S] {
  return sectionAnswerSchemas[section].parse({}) as HealthCheckAnswers[S];
}

export function emptyAnswers(): HealthCheckAnswers {
  return {
    smoking: emptySection("smoking"),
    alcohol: emptySection("alcohol"),
    drugs: emptySection("drugs"),
    mood: emptySection("mood"),
    self_harm: emptySection("self_harm"),
    neurodiversity: emptySection("neurodiversity"),
    physical: emptySection("physical"),
  };
}

/** One section of health_checks.answers, read as parseAnswers reads it (for callers that need only that one). */
export function parseAnswerSection<S extends HealthCheckSection>(raw: unknown, section: S): HealthCheckAnswers[S] {
  const source = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const parsed = sectionAnswerSchemas[section].safeParse(source[section] ?? {});
  return parsed.success ? (parsed.data as HealthCheckAnswers[S]) : emptySection(section);
}

/**
 * Reads health_checks.answers. A section that is missing (never saved), or that no longer parses,
 * reads as unanswered rather than failing the whole page.
 */
export function parseAnswers(raw: unknown): HealthCheckAnswers {
  const read = <S extends HealthCheckSection>(section: S) => parseAnswerSection(raw, section);
  return {
    smoking: read("smoking"),
    alcohol: read("alcohol"),
    drugs: read("drugs"),
    mood: read("mood"),
    self_harm: read("self_harm"),
    neurodiversity: read("neurodiversity"),
    physical: read("physical"),
  };
}

const all = <T>(values: readonly (T | null)[]): values is T[] => values.every((v) => v !== null);

function auditCItems(alcohol: HealthCheckAnswers["alcohol"]): (number | null)[] {
  return [alcohol.audit1, alcohol.audit2, alcohol.audit3];
}

/** AUDIT-C, once its three questions are answered. */
export function auditCResult(alcohol: HealthCheckAnswers["alcohol"]): AuditCResult | null {
  const items = auditCItems(alcohol);
  return all(items) ? scoreAuditC(items) : null;
}

export function selectedSubstances(drugs: HealthCheckAnswers["drugs"]): DrugSubstance[] {
  return (drugs.substances ?? []).filter((s): s is DrugSubstance => s !== "none");
}

const conditionMarked = (v: ConditionAnswer | null) => v === "self_declared" || v === "confirmed";

/**
 * Drops answers that no longer apply, so a changed answer cannot leave stale follow-ups behind:
 * the Heaviness of Smoking Index only for people who smoke now, AUDIT questions 4 to 10 only after
 * a positive AUDIT-C, a frequency only for a drug ticked, and so on.
 */
export function applicableAnswers(answers: HealthCheckAnswers): HealthCheckAnswers {
  const smoking = { ...answers.smoking };
  if (smoking.status !== "current") {
    Object.assign(smoking, { hsiTimeToFirst: null, hsiCigarettesPerDay: null, briefAdvice: null, referralOffered: null, referralAccepted: null });
  }
  if (smoking.referralOffered !== true) smoking.referralAccepted = null;

  const alcohol = { ...answers.alcohol };
  if (!auditCResult(alcohol)?.positive) for (const key of auditKeys.slice(3)) alcohol[key] = null;

  const drugs = { ...answers.drugs };
  const used = selectedSubstances(drugs);
  for (const s of drugSubstances) if (!used.includes(s)) drugs[drugFrequencyKey(s)] = null;
  if (!used.includes("other")) drugs.otherSubstance = null;
  if (drugs.everInjected !== true) drugs.injectingNow = null;

  const neurodiversity = { ...answers.neurodiversity };
  if (!conditionMarked(neurodiversity.condition_other)) neurodiversity.conditionOther = null;
  if (!neurodiversity.adjustments?.includes("other")) neurodiversity.adjustmentsOther = null;

  return { ...answers, smoking, alcohol, drugs, neurodiversity };
}

/** A section is complete when every question that applies to this person has an answer. */
export function isSectionComplete(section: HealthCheckSection, answers: HealthCheckAnswers): boolean {
  switch (section) {
    case "smoking": {
      const s = answers.smoking;
      if (s.status === null || s.vapes === null) return false;
      if (s.status !== "current") return true;
      return all([s.hsiTimeToFirst, s.hsiCigarettesPerDay, s.briefAdvice, s.referralOffered]) && (s.referralOffered !== true || s.referralAccepted !== null);
    }
    case "alcohol": {
      const a = answers.alcohol;
      const auditC = auditCResult(a);
      if (!auditC) return false;
      return !auditC.positive || all(auditKeys.map((k) => a[k]));
    }
    case "drugs": {
      const d = answers.drugs;
      if (d.substances === null) return false;
      const used = selectedSubstances(d);
      if (!used.every((s) => d[drugFrequencyKey(s)] !== null)) return false;
      if (used.includes("other") && !d.otherSubstance) return false;
      if (d.everInjected === null || (d.everInjected && d.injectingNow === null)) return false;
      return d.inTreatment !== null && d.onOst !== null;
    }
    case "mood": {
      const mood = answers.mood;
      return all(phq9Keys.map((k) => mood[k])) && all(gad7Keys.map((k) => mood[k]));
    }
    case "self_harm": {
      const h = answers.self_harm;
      return all([h.currentThoughts, h.recentSelfHarm, h.action]);
    }
    case "neurodiversity": {
      const n = answers.neurodiversity;
      if (!all(neurodivergentConditions.map((c) => n[conditionKey(c)]))) return false;
      if (conditionMarked(n.condition_other) && !n.conditionOther) return false;
      if (n.adjustments === null) return false;
      return !n.adjustments.includes("other") || Boolean(n.adjustmentsOther);
    }
    case "physical": {
      const p = answers.physical;
      return all([p.heightCm, p.weightKg, p.systolic, p.diastolic, p.aeAttendances, p.dentist]);
    }
  }
}

export function sectionStatus(section: HealthCheckSection, answers: HealthCheckAnswers): SectionStatus {
  if (isSectionComplete(section, answers)) return "completed";
  const given = Object.values(answers[section]).some((v) => v !== null);
  return given ? "in_progress" : "not_started";
}

export function sectionStatuses(answers: HealthCheckAnswers): Record<HealthCheckSection, SectionStatus> {
  const out = {} as Record<HealthCheckSection, SectionStatus>;
  for (const s of healthCheckSections) out[s] = sectionStatus(s, answers);
  return out;
}

export function incompleteSections(answers: HealthCheckAnswers): HealthCheckSection[] {
  return healthCheckSections.filter((s) => !isSectionComplete(s, answers));
}

/** The score columns of health_checks. Each stays null until its questionnaire is fully answered. */
export type HealthCheckScores = {
  smokingStatus: SmokingStatus | null;
  vapes: boolean | null;
  hsiScore: number | null;
  hsiBand: HsiBand | null;
  auditCScore: number | null;
  auditCPositive: boolean | null;
  auditScore: number | null;
  auditBand: AuditBand | null;
  phq9Score: number | null;
  phq9Band: Phq9Band | null;
  phq9Item9: number | null;
  gad7Score: number | null;
  gad7Band: Gad7Band | null;
  bmi: number | null;
};

export function computeScores(answers: HealthCheckAnswers): HealthCheckScores {
  const { smoking, alcohol, mood, physical } = answers;
  const statusKnown = smoking.status !== null && smoking.vapes !== null;
  const hsi =
    smoking.status === "current" && smoking.hsiTimeToFirst && smoking.hsiCigarettesPerDay
      ? scoreHsi({ timeToFirst: smoking.hsiTimeToFirst, cigarettesPerDay: smoking.hsiCigarettesPerDay })
      : null;
  const auditC = auditCResult(alcohol);
  const auditAll = auditKeys.map((k) => alcohol[k]);
  const audit = auditC?.positive && all(auditAll) ? scoreAudit(auditAll) : null;
  const phqItems = phq9Keys.map((k) => mood[k]);
  const phq9 = all(phqItems) ? scorePhq9(phqItems) : null;
  const gadItems = gad7Keys.map((k) => mood[k]);
  const gad7 = all(gadItems) ? scoreGad7(gadItems) : null;
  const bmi = physical.heightCm !== null && physical.weightKg !== null ? bodyMassIndex(physical.heightCm, physical.weightKg) : null;
  return {
    smokingStatus: statusKnown ? smoking.status : null,
    vapes: statusKnown ? smoking.vapes : null,
    hsiScore: hsi?.score ?? null,
    hsiBand: hsi?.band ?? null,
    auditCScore: auditC?.score ?? null,
    auditCPositive: auditC?.positive ?? null,
    auditScore: audit?.score ?? null,
    auditBand: audit?.band ?? null,
    phq9Score: phq9?.score ?? null,
    phq9Band: phq9?.band ?? null,
    phq9Item9: phq9?.item9 ?? null,
    gad7Score: gad7?.score ?? null,
    gad7Band: gad7?.band ?? null,
    bmi,
  };
}

/**
 * PHQ-9 question 9 above 0 needs same-day clinical review whatever the total (DOMAIN.md), so it
 * counts as soon as that one question is answered, before the rest of the PHQ-9 is.
 */
export function needsSameDayReview(answers: HealthCheckAnswers): boolean {
  return (answers.mood.phq9 ?? 0) > 0;
}

/** Whether AUDIT questions 4 to 10 are still to be answered after a positive AUDIT-C. */
export function fullAuditOutstanding(answers: HealthCheckAnswers): boolean {
  return Boolean(auditCResult(answers.alcohol)?.positive) && !isSectionComplete("alcohol", answers);
}

/** Stored answers as form values (strings), to fill a section's form. Lists are comma-joined. */
export function sectionFormValues(section: HealthCheckSection, answers: HealthCheckAnswers): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers[section])) {
    if (value === null || value === undefined) continue;
    values[key] = typeof value === "boolean" ? (value ? "yes" : "no") : Array.isArray(value) ? value.join(",") : String(value);
  }
  return values;
}
