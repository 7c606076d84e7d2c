import { describe, expect, it } from "vitest";
import {
  applicableAnswers,
  computeScores,
  emptyAnswers,
  fullAuditOutstanding,
  incompleteSections,
  isSectionComplete,
  needsSameDayReview,
  parseAnswers,
  sectionFormValues,
  sectionFromSlug,
  sectionSlug,
  sectionStatus,
} from "./health-check";
import { healthCheckSections } from "./health";
import type { HealthCheckAnswers } from "./schemas/health-check";

type Patch = { [S in keyof HealthCheckAnswers]?: Partial<HealthCheckAnswers[S]> };

function answersWith(patch: Patch): HealthCheckAnswers {
  const base = emptyAnswers();
  return {
    smoking: { ...base.smoking, ...patch.smoking },
    alcohol: { ...base.alcohol, ...patch.alcohol },
    drugs: { ...base.drugs, ...patch.drugs },
    mood: { ...base.mood, ...patch.mood },
    self_harm: { ...base.self_harm, ...patch.self_harm },
    neurodiversity: { ...base.neurodiversity, ...patch.neurodiversity },
    physical: { ...base.physical, ...patch.physical },
  };
}

const allMood = (v: number) => ({
  phq1: v, phq2: v, phq3: v, phq4: v, phq5: v, phq6: v, phq7: v, phq8: v, phq9: v,
  gad1: v, gad2: v, gad3: v, gad4: v, gad5: v, gad6: v, gad7: v,
});
const noConditions = {
  condition_adhd: "not_recorded", condition_autism: "not_recorded", condition_learning_disability: "not_recorded",
  condition_acquired_brain_injury: "not_recorded", condition_dyslexia: "not_recorded", condition_other: "not_recorded",
} as const;

/** Every section answered, with no follow-ups needed. */
const completeAnswers = (): HealthCheckAnswers =>
  answersWith({
    smoking: { status: "never", vapes: false },
    alcohol: { audit1: 1, audit2: 0, audit3: 0 },
    drugs: { substances: ["none"], everInjected: false, inTreatment: false, onOst: false },
    mood: allMood(0),
    self_harm: { currentThoughts: false, recentSelfHarm: false, action: "none_needed" },
    neurodiversity: { ...noConditions, adjustments: ["none"] },
    physical: { heightCm: 175, weightKg: 70, systolic: 120, diastolic: 80, aeAttendances: 0, dentist: "yes" },
  });

describe("section status", () => {
  it("is not started with no answers, in progress part-way, completed when every question that applies is answered", () => {
    expect(sectionStatus("mood", emptyAnswers())).toBe("not_started");
    expect(sectionStatus("mood", answersWith({ mood: { phq1: 2 } }))).toBe("in_progress");
    expect(sectionStatus("mood", answersWith({ mood: allMood(1) }))).toBe("completed");
  });

  it("counts every section of a fully answered check as complete", () => {
    const answers = completeAnswers();
    for (const s of healthCheckSections) expect(isSectionComplete(s, answers)).toBe(true);
    expect(incompleteSections(answers)).toEqual([]);
    expect(incompleteSections(emptyAnswers())).toEqual([...healthCheckSections]);
  });

  it("mood needs both PHQ-9 and GAD-7", () => {
    expect(isSectionComplete("mood", answersWith({ mood: { ...allMood(0), gad7: null } }))).toBe(false);
  });

  it("smoking: the Heaviness of Smoking Index, advice and referral only for people who smoke now", () => {
    expect(isSectionComplete("smoking", answersWith({ smoking: { status: "ex", vapes: true } }))).toBe(true);
    expect(isSectionComplete("smoking", answersWith({ smoking: { status: "current", vapes: false } }))).toBe(false);
    const smoker = { status: "current", vapes: false, hsiTimeToFirst: "within_5", hsiCigarettesPerDay: "11_20", briefAdvice: true } as const;
    expect(isSectionComplete("smoking", answersWith({ smoking: { ...smoker, referralOffered: false } }))).toBe(true);
    expect(isSectionComplete("smoking", answersWith({ smoking: { ...smoker, referralOffered: true } }))).toBe(false);
    expect(isSectionComplete("smoking", answersWith({ smoking: { ...smoker, referralOffered: true, referralAccepted: true } }))).toBe(true);
  });

  it("alcohol: AUDIT-C under 5 is enough; 5 or more needs AUDIT questions 4 to 10", () => {
    expect(isSectionComplete("alcohol", answersWith({ alcohol: { audit1: 2, audit2: 1, audit3: 1 } }))).toBe(true);
    const positive = answersWith({ alcohol: { audit1: 2, audit2: 2, audit3: 1 } });
    expect(isSectionComplete("alcohol", positive)).toBe(false);
    expect(fullAuditOutstanding(positive)).toBe(true);
    const full = answersWith({ alcohol: { audit1: 2, audit2: 2, audit3: 1, audit4: 0, audit5: 0, audit6: 0, audit7: 1, audit8: 0, audit9: 0, audit10: 2 } });
    expect(isSectionComplete("alcohol", full)).toBe(true);
    expect(fullAuditOutstanding(full)).toBe(false);
  });

  it("drugs: each drug ticked needs how often; injecting now only asks people who have injected", () => {
    const base = { everInjected: false, inTreatment: true, onOst: true } as const;
    expect(isSectionComplete("drugs", answersWith({ drugs: { ...base, substances: ["cannabis"] } }))).toBe(false);
    expect(isSectionComplete("drugs", answersWith({ drugs: { ...base, substances: ["cannabis"], frequency_cannabis: "weekly" } }))).toBe(true);
    expect(isSectionComplete("drugs", answersWith({ drugs: { ...base, substances: ["other"], frequency_other: "daily" } }))).toBe(false);
    expect(isSectionComplete("drugs", answersWith({ drugs: { ...base, substances: ["none"], everInjected: true } }))).toBe(false);
    expect(isSectionComplete("drugs", answersWith({ drugs: { ...base, substances: ["none"], everInjected: true, injectingNow: false } }))).toBe(true);
  });

  it("self-harm needs thoughts, recent self-harm and the action; the note is optional", () => {
    expect(isSectionComplete("self_harm", answersWith({ self_harm: { currentThoughts: true, recentSelfHarm: false } }))).toBe(false);
    expect(isSectionComplete("self_harm", answersWith({ self_harm: { currentThoughts: true, recentSelfHarm: false, action: "safety_plan" } }))).toBe(true);
  });

  it("neurodivergence: every condition marked, adjustments answered, and 'other' described", () => {
    expect(isSectionComplete("neurodiversity", answersWith({ neurodiversity: { ...noConditions } }))).toBe(false);
    expect(isSectionComplete("neurodiversity", answersWith({ neurodiversity: { ...noConditions, adjustments: ["other"] } }))).toBe(false);
    expect(isSectionComplete("neurodiversity", answersWith({ neurodiversity: { ...noConditions, adjustments: ["other"], adjustmentsOther: "Large print" } }))).toBe(true);
    expect(isSectionComplete("neurodiversity", answersWith({ neurodiversity: { ...noConditions, condition_other: "confirmed", adjustments: ["none"] } }))).toBe(false);
  });

  it("physical: long-term conditions may be left blank", () => {
    const p = { heightCm: 180, weightKg: 90, systolic: 130, diastolic: 85, aeAttendances: 2, dentist: "not_known" } as const;
    expect(isSectionComplete("physical", answersWith({ physical: p }))).toBe(true);
    expect(isSectionComplete("physical", answersWith({ physical: { ...p, dentist: null } }))).toBe(false);
  });
});

describe("applicableAnswers", () => {
  it("drops follow-ups that no longer apply", () => {
    const before = answersWith({
      smoking: { status: "ex", vapes: false, hsiTimeToFirst: "within_5", hsiCigarettesPerDay: "31_or_more", briefAdvice: true },
      alcohol: { audit1: 1, audit2: 0, audit3: 0, audit4: 4, audit9: 4 },
      drugs: { substances: ["cannabis"], frequency_cannabis: "daily", frequency_cocaine_or_crack: "weekly", otherSubstance: "Ketamine", everInjected: false, injectingNow: true },
    });
    const after = applicableAnswers(before);
    expect(after.smoking).toMatchObject({ status: "ex", hsiTimeToFirst: null, hsiCigarettesPerDay: null, briefAdvice: null });
    expect(after.alcohol).toMatchObject({ audit1: 1, audit4: null, audit9: null });
    expect(after.drugs).toMatchObject({ frequency_cannabis: "daily", frequency_cocaine_or_crack: null, otherSubstance: null, injectingNow: null });
    expect(before.smoking.hsiTimeToFirst).toBe("within_5");
  });
});

describe("computeScores", () => {
  it("leaves every score null for an empty or partial check", () => {
    const scores = computeScores(answersWith({ mood: { phq1: 3, phq2: 3 }, alcohol: { audit1: 4 }, physical: { heightCm: 170 } }));
    expect(Object.values(scores).every((v) => v === null)).toBe(true);
  });

  it("scores each questionnaire once it is complete, independently of the others", () => {
    const scores = computeScores(
      answersWith({
        smoking: { status: "current", vapes: true, hsiTimeToFirst: "6_30", hsiCigarettesPerDay: "21_30" },
        alcohol: { audit1: 4, audit2: 4, audit3: 4, audit4: 4, audit5: 4, audit6: 4, audit7: 4, audit8: 4, audit9: 4, audit10: 4 },
        mood: { ...allMood(2), gad7: null },
        physical: { heightCm: 180, weightKg: 81 },
      }),
    );
    expect(scores).toEqual({
      smokingStatus: "current",
      vapes: true,
      hsiScore: 4,
      hsiBand: "moderate",
      auditCScore: 12,
      auditCPositive: true,
      auditScore: 40,
      auditBand: "possible_dependence",
      phq9Score: 18,
      phq9Band: "moderately_severe",
      phq9Item9: 2,
      gad7Score: null,
      gad7Band: null,
      bmi: 25,
    });
  });

  it("does not score the full AUDIT after a negative AUDIT-C", () => {
    const scores = computeScores(answersWith({ alcohol: { audit1: 1, audit2: 1, audit3: 1 } }));
    expect(scores).toMatchObject({ auditCScore: 3, auditCPositive: false, auditScore: null, auditBand: null });
  });
});

describe("needsSameDayReview", () => {
  it("is raised by PHQ-9 question 9 above 0 even when the rest is unanswered", () => {
    expect(needsSameDayReview(answersWith({ mood: { phq9: 1 } }))).toBe(true);
    expect(needsSameDayReview(answersWith({ mood: { phq9: 0 } }))).toBe(false);
    expect(needsSameDayReview(emptyAnswers())).toBe(false);
  });
});

describe("parseAnswers", () => {
  it("reads missing or unreadable sections as unanswered", () => {
    const parsed = parseAnswers({ mood: { phq1: 2 }, smoking: { status: "sometimes" }, junk: 1 });
    expect(parsed.mood.phq1).toBe(2);
    expect(parsed.smoking.status).toBeNull();
    expect(parsed.alcohol.audit1).toBeNull();
    expect(parseAnswers(null)).toEqual(emptyAnswers());
  });

  it("round-trips through form values", () => {
    const answers = completeAnswers();
    const values = sectionFormValues("neurodiversity", answers);
    expect(values).toMatchObject({ condition_adhd: "not_recorded", adjustments: "none" });
    expect(sectionFormValues("smoking", answers)).toEqual({ status: "never", vapes: "no" });
  });
});

describe("section slugs", () => {
  it("maps sections to kebab-case URLs and back", () => {
    expect(sectionSlug("self_harm")).toBe("self-harm");
    expect(sectionFromSlug("self-harm")).toBe("self_harm");
    expect(sectionFromSlug("mood")).toBe("mood");
    expect(sectionFromSlug("result")).toBeNull();
    expect(sectionFromSlug(undefined)).toBeNull();
  });
});
