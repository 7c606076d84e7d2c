import { describe, expect, it } from "vitest";
import { healthCheckMessages } from "../messages";
import { actionAlertSchema, saveSectionSchemas, sectionAnswerSchemas, startHealthCheckSchema } from "./health-check";

const envelope = { healthCheckId: "6f1c2a4e-1b2c-4d3e-8f90-123456789abc", version: "3" };

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.map(String).join("."), i.message]));
}

describe("section answers", () => {
  it("accepts a partial draft, with blanks as unanswered", () => {
    const parsed = saveSectionSchemas.mood.parse({ ...envelope, section: "mood", phq1: "2", phq2: "", gad7: "3" });
    expect(parsed).toMatchObject({ healthCheckId: envelope.healthCheckId, version: 3, section: "mood" });
    expect(parsed.answers).toMatchObject({ phq1: 2, phq2: null, phq3: null, gad7: 3 });
  });

  it("refuses an answer the instrument does not allow", () => {
    const result = saveSectionSchemas.mood.safeParse({ ...envelope, section: "mood", phq1: "4" });
    expect(issues(result)).toEqual({ phq1: healthCheckMessages.chooseAnswer("PHQ-9 question 1") });
    const audit = saveSectionSchemas.alcohol.safeParse({ ...envelope, section: "alcohol", audit9: "1" });
    expect(Object.keys(issues(audit))).toEqual(["audit9"]);
    expect(saveSectionSchemas.alcohol.safeParse({ ...envelope, section: "alcohol", audit9: "2" }).success).toBe(true);
  });

  it("drops score and band fields sent with the answers", () => {
    const parsed = saveSectionSchemas.mood.parse({ ...envelope, section: "mood", phq1: "1", phq9Score: "0", phq9Band: "minimal", answers: "x" });
    expect(Object.keys(parsed.answers)).not.toContain("phq9Score");
    expect(Object.keys(parsed.answers)).not.toContain("phq9Band");
  });

  it("reads yes/no radios and stored booleans alike", () => {
    expect(sectionAnswerSchemas.smoking.parse({ status: "current", vapes: "yes", briefAdvice: false })).toMatchObject({ status: "current", vapes: true, briefAdvice: false, referralOffered: null });
    expect(sectionAnswerSchemas.smoking.safeParse({ vapes: "maybe" }).success).toBe(false);
  });

  it("checkboxes: one value, several, or none; None must be on its own", () => {
    expect(saveSectionSchemas.drugs.parse({ ...envelope, section: "drugs", substances: "cannabis" }).answers.substances).toEqual(["cannabis"]);
    expect(saveSectionSchemas.drugs.parse({ ...envelope, section: "drugs", substances: ["cannabis", "other"] }).answers.substances).toEqual(["cannabis", "other"]);
    expect(saveSectionSchemas.drugs.parse({ ...envelope, section: "drugs" }).answers.substances).toBeNull();
    expect(saveSectionSchemas.drugs.parse({ ...envelope, section: "drugs", substances: false }).answers.substances).toBeNull();
    const both = saveSectionSchemas.drugs.safeParse({ ...envelope, section: "drugs", substances: ["none", "cannabis"] });
    expect(issues(both)).toEqual({ substances: healthCheckMessages.noneAndOthers });
    expect(saveSectionSchemas.drugs.safeParse({ ...envelope, section: "drugs", substances: ["glue"] }).success).toBe(false);
  });

  it("physical: numbers within human ranges, systolic above diastolic", () => {
    const ok = saveSectionSchemas.physical.parse({ ...envelope, section: "physical", heightCm: " 172.5 ", weightKg: "80", systolic: "128", diastolic: "84", aeAttendances: "0" });
    expect(ok.answers).toMatchObject({ heightCm: 172.5, weightKg: 80, systolic: 128, diastolic: 84, aeAttendances: 0, dentist: null, longTermConditions: null });
    const bad = saveSectionSchemas.physical.safeParse({ ...envelope, section: "physical", heightCm: "tall", weightKg: "5", aeAttendances: "1.5", systolic: "80", diastolic: "90" });
    expect(Object.keys(issues(bad)).sort()).toEqual(["aeAttendances", "heightCm", "systolic", "weightKg"]);
    expect(issues(bad).systolic).toBe(healthCheckMessages.systolicAboveDiastolic);
  });

  it("refuses a section that does not match the page's schema", () => {
    expect(saveSectionSchemas.mood.safeParse({ ...envelope, section: "smoking" }).success).toBe(false);
  });
});

describe("startHealthCheckSchema", () => {
  it("takes an appointment id or 'not linked', and nothing else", () => {
    const personId = envelope.healthCheckId;
    expect(startHealthCheckSchema.parse({ personId, appointmentId: "none" }).appointmentId).toBeNull();
    expect(startHealthCheckSchema.parse({ personId, appointmentId: personId }).appointmentId).toBe(personId);
    expect(issues(startHealthCheckSchema.safeParse({ personId }))).toEqual({ appointmentId: healthCheckMessages.chooseAppointment });
  });
});

describe("actionAlertSchema", () => {
  it("needs a note when the action is 'other'", () => {
    const base = { alertId: envelope.healthCheckId, version: "1" };
    expect(issues(actionAlertSchema.safeParse({ ...base, action: "other", note: " " }))).toEqual({ note: healthCheckMessages.alertNoteForOther });
    expect(actionAlertSchema.parse({ ...base, action: "same_day_review", note: "" })).toMatchObject({ action: "same_day_review", note: null, version: 1 });
  });
});
