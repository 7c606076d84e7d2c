/**
 * Scores and bands for the health check instruments (DOMAIN.md). Pure functions: the server calls
 * them on the answers it received and stores answers and results together; nothing the browser
 * sends as a score is ever used.
 */
import { hsiCigarettesPerDay, hsiTimeToFirst, type HsiCigarettesPerDay, type HsiTimeToFirst } from "./questionnaires";

export class ScoringError extends Error {}

function total(items: readonly number[], count: number, allowed: readonly number[]): number {
  if (items.length !== count) throw new ScoringError(`expected ${count} answers, got ${items.length}`);
  for (const v of items) if (!allowed.includes(v)) throw new ScoringError(`answer ${v} is not allowed`);
  return items.reduce((a, b) => a + b, 0);
}

export type Phq9Band = "minimal" | "mild" | "moderate" | "moderately_severe" | "severe";
export type Phq9Result = { score: number; band: Phq9Band; item9: number; needsSameDayReview: boolean };

export function scorePhq9(items: readonly number[]): Phq9Result {
  const score = total(items, 9, [0, 1, 2, 3]);
  const band: Phq9Band = score <= 4 ? "minimal" : score <= 9 ? "mild" : score <= 14 ? "moderate" : score <= 19 ? "moderately_severe" : "severe";
  const item9 = items[8] ?? 0;
  return { score, band, item9, needsSameDayReview: item9 > 0 };
}

export type Gad7Band = "minimal" | "mild" | "moderate" | "severe";
export type Gad7Result = { score: number; band: Gad7Band; furtherAssessment: boolean };

export function scoreGad7(items: readonly number[]): Gad7Result {
  const score = total(items, 7, [0, 1, 2, 3]);
  const band: Gad7Band = score <= 4 ? "minimal" : score <= 9 ? "mild" : score <= 14 ? "moderate" : "severe";
  return { score, band, furtherAssessment: score >= 10 };
}

export type AuditCResult = { score: number; positive: boolean };

/** AUDIT-C: the first three AUDIT items, 0-12; 5 or more is positive (go on to the full AUDIT). */
export function scoreAuditC(items: readonly number[]): AuditCResult {
  const score = total(items, 3, [0, 1, 2, 3, 4]);
  return { score, positive: score >= 5 };
}

export type AuditBand = "lower_risk" | "increasing_risk" | "higher_risk" | "possible_dependence";
export type AuditResult = { score: number; band: AuditBand };

export function scoreAudit(items: readonly number[]): AuditResult {
  if (items.length !== 10) throw new ScoringError(`expected 10 answers, got ${items.length}`);
  total(items.slice(0, 8), 8, [0, 1, 2, 3, 4]);
  total(items.slice(8), 2, [0, 2, 4]);
  const score = items.reduce((a, b) => a + b, 0);
  const band: AuditBand = score <= 7 ? "lower_risk" : score <= 15 ? "increasing_risk" : score <= 19 ? "higher_risk" : "possible_dependence";
  return { score, band };
}

export type HsiBand = "low" | "moderate" | "high";
export type HsiResult = { score: number; band: HsiBand };

export function scoreHsi(answers: { timeToFirst: HsiTimeToFirst; cigarettesPerDay: HsiCigarettesPerDay }): HsiResult {
  const a = hsiTimeToFirst.find((o) => o.value === answers.timeToFirst);
  const b = hsiCigarettesPerDay.find((o) => o.value === answers.cigarettesPerDay);
  if (!a || !b) throw new ScoringError("unknown Heaviness of Smoking Index answer");
  const score = a.score + b.score;
  return { score, band: score <= 1 ? "low" : score <= 4 ? "moderate" : "high" };
}

/** Body mass index to one decimal place, or null when height or weight is out of a human range. */
export function bodyMassIndex(heightCm: number, weightKg: number): number | null {
  if (!(heightCm >= 100 && heightCm <= 250 && weightKg >= 25 && weightKg <= 350)) return null;
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}

export type BmiBand = "underweight" | "healthy" | "overweight" | "obese";
export function bmiBand(bmi: number): BmiBand {
  return bmi < 18.5 ? "underweight" : bmi < 25 ? "healthy" : bmi < 30 ? "overweight" : "obese";
}

/** What each band means for the clinician, as shown on the result page. */
export const bandMeaning = {
  phq9: {
    minimal: "PHQ-9 0-4: minimal depression",
    mild: "PHQ-9 5-9: mild depression: watchful waiting, repeat at follow-up",
    moderate: "PHQ-9 10-14: moderate depression: consider a referral to NHS Talking Therapies",
    moderately_severe: "PHQ-9 15-19: moderately severe depression: active treatment, refer",
    severe: "PHQ-9 20-27: severe depression: prompt referral to mental health services",
  } satisfies Record<Phq9Band, string>,
  gad7: {
    minimal: "GAD-7 0-4: minimal anxiety",
    mild: "GAD-7 5-9: mild anxiety: monitor",
    moderate: "GAD-7 10-14: moderate anxiety: further assessment",
    severe: "GAD-7 15-21: severe anxiety: further assessment and treatment",
  } satisfies Record<Gad7Band, string>,
  audit: {
    lower_risk: "AUDIT 0-7: lower risk",
    increasing_risk: "AUDIT 8-15: increasing risk: brief advice",
    higher_risk: "AUDIT 16-19: higher risk: brief advice and follow-up",
    possible_dependence: "AUDIT 20+: possible dependence: consider a specialist referral",
  } satisfies Record<AuditBand, string>,
  hsi: {
    low: "Heaviness of Smoking Index 0-1: low dependence",
    moderate: "Heaviness of Smoking Index 2-4: moderate dependence",
    high: "Heaviness of Smoking Index 5-6: high dependence",
  } satisfies Record<HsiBand, string>,
  bmi: {
    underweight: "BMI under 18.5: underweight",
    healthy: "BMI 18.5 to 24.9: healthy weight",
    overweight: "BMI 25 to 29.9: overweight",
    obese: "BMI 30 or more: obese",
  } satisfies Record<BmiBand, string>,
} as const;

export const auditCMeaning = (positive: boolean) =>
  positive ? "AUDIT-C 5 or more: positive: complete the full AUDIT" : "AUDIT-C under 5: lower risk";
