import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, clinicalAlerts, consents, healthChecks } from "@/db/schema";
import type { HealthCheckSection } from "@/domain/health";
import { healthCheckMessages, healthMessages, messages } from "@/domain/messages";
import { saveSectionSchemas, type SaveSectionInput } from "@/domain/schemas/health-check";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { formInput } from "../form-action";
import { actionAlert } from "../alerts/mutations";
import { getAlert, listOpenAlerts } from "../alerts/queries";
import { completeHealthCheck, saveHealthCheckSection, startHealthCheck } from "./mutations";
import { getHealthCheck, getHealthHistory, getStartOptions, listDraftHealthChecks, listOpenAlertsForPerson } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let clinician: Ctx;
let otherClinician: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  otherClinician = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
});
afterAll(async () => handle?.close());

async function consentedPerson(siteId = site.id, recordedBy: Ctx = clinician) {
  const person = await makePerson(db, siteId);
  await db.insert(consents).values({
    personId: person.id,
    kind: "hub_care",
    decision: "given",
    decidedOn: "2026-01-05",
    informationVersion: "v1",
    method: "own_consent",
    recordedById: recordedBy.user.id,
  });
  return person;
}

async function startedCheck(ctx: Ctx = clinician, siteId = site.id) {
  const person = await consentedPerson(siteId, ctx);
  const { id } = await startHealthCheck({ ctx, input: { personId: person.id, appointmentId: null } });
  return { person, id };
}

async function storedCheck(id: string) {
  const [row] = await db.select().from(healthChecks).where(eq(healthChecks.id, id));
  if (!row) throw new Error("no health check");
  return row;
}

/** Saves a section as its form would post it: strings, through the same schema the action uses. */
async function save(ctx: Ctx, id: string, section: HealthCheckSection, fields: Record<string, string | string[]>, version?: number) {
  const current = version ?? (await storedCheck(id)).version;
  const input: SaveSectionInput = saveSectionSchemas[section].parse({ healthCheckId: id, version: String(current), section, ...fields });
  return saveHealthCheckSection({ ctx, input });
}

const items = (prefix: string, n: number, value: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i + 1}`, value]));

const completeSections: Record<HealthCheckSection, Record<string, string | string[]>> = {
  smoking: { status: "current", vapes: "no", hsiTimeToFirst: "within_5", hsiCigarettesPerDay: "11_20", briefAdvice: "yes", referralOffered: "yes", referralAccepted: "no" },
  alcohol: { audit1: "1", audit2: "0", audit3: "0" },
  drugs: { substances: ["cannabis", "benzodiazepines"], frequency_cannabis: "weekly", frequency_benzodiazepines: "monthly", everInjected: "no", inTreatment: "no", onOst: "no" },
  mood: { ...items("phq", 9, "1"), ...items("gad", 7, "0") },
  self_harm: { currentThoughts: "no", recentSelfHarm: "no", action: "none_needed" },
  neurodiversity: {
    condition_adhd: "self_declared",
    condition_autism: "not_recorded",
    condition_learning_disability: "not_recorded",
    condition_acquired_brain_injury: "not_recorded",
    condition_dyslexia: "confirmed",
    condition_other: "not_recorded",
    adjustments: ["reminders", "easy_read"],
  },
  physical: { heightCm: "180", weightKg: "81", systolic: "132", diastolic: "84", aeAttendances: "2", dentist: "no", longTermConditions: "Asthma" },
};

async function answerEverySection(ctx: Ctx, id: string) {
  for (const [section, fields] of Object.entries(completeSections) as [HealthCheckSection, Record<string, string | string[]>][]) await save(ctx, id, section, fields);
}

describe("startHealthCheck", () => {
  it("refuses without consent to care from the hub, creating nothing, and audits the refusal", async () => {
    const person = await makePerson(db, site.id);
    const error = await startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: null } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(healthMessages.noHubCareConsent);
    expect(await db.select().from(healthChecks).where(eq(healthChecks.personId, person.id))).toHaveLength(0);
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "health-check.create")));
    expect(denied.map((a) => a.outcome)).toEqual(["denied"]);
  });

  it("refuses after consent is withdrawn", async () => {
    const person = await consentedPerson();
    await db.update(consents).set({ withdrawnOn: "2026-02-01" }).where(eq(consents.personId, person.id));
    await expect(startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: null } })).rejects.toBeInstanceOf(ConflictError);
  });

  it("creates a draft at the person's site, linked to one of their recent appointments, and audits it", async () => {
    const person = await consentedPerson();
    const appointment = await makeAppointment(db, person);
    const { id, resumed } = await startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: appointment.id } });
    expect(resumed).toBe(false);
    expect(await storedCheck(id)).toMatchObject({ status: "draft", siteId: site.id, personId: person.id, appointmentId: appointment.id, createdById: clinician.user.id, version: 1, phq9Score: null });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "health-check.create")));
    expect(audit).toHaveLength(1);
  });

  it("offers only the person's appointments from the last 14 days or today, newest first", async () => {
    const person = await consentedPerson();
    const now = new Date("2026-03-10T12:00:00Z");
    const recent = await makeAppointment(db, person, { startsAt: new Date("2026-03-09T10:00:00Z") });
    const laterToday = await makeAppointment(db, person, { startsAt: new Date("2026-03-10T16:00:00Z") });
    const old = await makeAppointment(db, person, { startsAt: new Date("2026-02-20T10:00:00Z") });
    await makeAppointment(db, person, { startsAt: new Date("2026-03-11T10:00:00Z") });
    const options = await getStartOptions({ ctx: clinician, personId: person.id, now });
    expect(options.appointments.map((a) => a.id)).toEqual([laterToday.id, recent.id]);
    expect(options.hasHubCareConsent).toBe(true);
    const error = await startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: old.id }, now }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ appointmentId: healthCheckMessages.appointmentNotLinkable });
  });

  it("refuses another person's appointment", async () => {
    const person = await consentedPerson();
    const someoneElse = await makePerson(db, site.id);
    const theirs = await makeAppointment(db, someoneElse);
    await expect(startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: theirs.id } })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.select().from(healthChecks).where(eq(healthChecks.personId, person.id))).toHaveLength(0);
  });

  it("returns the draft in progress instead of starting a second one", async () => {
    const { person, id } = await startedCheck();
    const again = await startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: null } });
    expect(again).toEqual({ id, resumed: true });
    expect(await db.select().from(healthChecks).where(eq(healthChecks.personId, person.id))).toHaveLength(1);
  });
});

describe("saveHealthCheckSection", () => {
  it("keeps a part-way draft unscored", async () => {
    const { id } = await startedCheck();
    const result = await save(clinician, id, "mood", { phq1: "3", phq2: "3", phq3: "2", gad1: "1" });
    expect(result).toMatchObject({ version: 2, sectionComplete: false, alertRaised: false });
    const row = await storedCheck(id);
    expect(row).toMatchObject({ phq9Score: null, phq9Band: null, phq9Item9: null, gad7Score: null, gad7Band: null, version: 2, updatedById: clinician.user.id });
    expect(row.answers).toMatchObject({ mood: { phq1: 3, phq2: 3, phq3: 2, phq4: null, gad1: 1 } });
    const view = await getHealthCheck({ ctx: clinician, healthCheckId: id });
    expect(view.sections.mood).toBe("in_progress");
    expect(view.sections.smoking).toBe("not_started");
  });

  it("stops saving and completing a draft the moment consent to care is withdrawn", async () => {
    const { id } = await startedCheck();
    await answerEverySection(clinician, id);
    const before = await storedCheck(id);
    const [row] = await db.select({ personId: healthChecks.personId }).from(healthChecks).where(eq(healthChecks.id, id));
    await db.update(consents).set({ withdrawnOn: "2026-02-01" }).where(eq(consents.personId, row?.personId ?? ""));
    await expect(save(clinician, id, "mood", { phq1: "0" }, before.version)).rejects.toBeInstanceOf(ConflictError);
    await expect(completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version: before.version } })).rejects.toBeInstanceOf(ConflictError);
    expect(await storedCheck(id)).toEqual(before);
  });

  it("scores a complete mood section into the PHQ-9 and GAD-7 columns", async () => {
    const { id } = await startedCheck();
    await save(clinician, id, "mood", { ...items("phq", 8, "2"), phq9: "0", ...items("gad", 7, "2") });
    expect(await storedCheck(id)).toMatchObject({ phq9Score: 16, phq9Band: "moderately_severe", phq9Item9: 0, gad7Score: 14, gad7Band: "moderate" });
    expect(await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.healthCheckId, id))).toHaveLength(0);
  });

  it("ignores score and band fields sent by the browser", async () => {
    const { id } = await startedCheck();
    const form = new FormData();
    for (const [k, v] of Object.entries({ healthCheckId: id, version: "1", section: "mood", ...items("phq", 9, "0"), ...items("gad", 7, "3") })) form.append(k, v);
    form.append("phq9Score", "27");
    form.append("phq9Band", "severe");
    form.append("gad7Score", "0");
    form.append("gad7Band", "minimal");
    await saveHealthCheckSection({ ctx: clinician, input: saveSectionSchemas.mood.parse(formInput(form)) });
    const row = await storedCheck(id);
    expect(row).toMatchObject({ phq9Score: 0, phq9Band: "minimal", gad7Score: 21, gad7Band: "severe" });
    expect(Object.keys(row.answers.mood as object)).not.toContain("phq9Score");

    // Called directly, past the form schema: extra fields are dropped all the same.
    const answers = { ...saveSectionSchemas.mood.parse({ healthCheckId: id, version: "2", section: "mood", ...items("phq", 9, "1"), ...items("gad", 7, "1") }).answers, phq9Score: 0, gad7Band: "minimal" };
    await saveHealthCheckSection({ ctx: clinician, input: { healthCheckId: id, version: 2, section: "mood", answers } });
    const after = await storedCheck(id);
    expect(after).toMatchObject({ phq9Score: 9, phq9Band: "mild", gad7Score: 7, gad7Band: "mild" });
    expect(Object.keys(after.answers.mood as object)).not.toContain("phq9Score");
  });

  it("refuses an answer the instrument does not allow, even when called directly", async () => {
    const { id } = await startedCheck();
    const answers = { ...saveSectionSchemas.mood.parse({ healthCheckId: id, version: "1", section: "mood" }).answers, phq1: 7 };
    const error = await saveHealthCheckSection({ ctx: clinician, input: { healthCheckId: id, version: 1, section: "mood", answers } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["phq1"]);
    expect((await storedCheck(id)).version).toBe(1);
  });

  it("raises one same-day review alert when PHQ-9 question 9 is above 0, even before the PHQ-9 is complete, however often it is saved", async () => {
    const { person, id } = await startedCheck();
    const first = await save(clinician, id, "mood", { phq9: "1" });
    expect(first.alertRaised).toBe(true);
    expect(await storedCheck(id)).toMatchObject({ phq9Score: null, phq9Item9: null });
    const second = await save(clinician, id, "mood", { phq1: "1", phq9: "2" });
    expect(second.alertRaised).toBe(false);
    const alerts = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.healthCheckId, id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "phq9_item9", personId: person.id, siteId: site.id, actionedAt: null });
    const raised = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, "alert.raise"), eq(auditEvents.personId, person.id)));
    expect(raised[0]?.n).toBe(1);
    expect((await listOpenAlertsForPerson({ ctx: clinician, personId: person.id })).map((a) => a.alertId)).toEqual([alerts[0]?.id]);
  });

  it("AUDIT-C of 5 or more needs AUDIT questions 4 to 10 before alcohol is complete, then stores the AUDIT band", async () => {
    const { id } = await startedCheck();
    const auditC = await save(clinician, id, "alcohol", { audit1: "3", audit2: "2", audit3: "1" });
    expect(auditC).toMatchObject({ sectionComplete: false, fullAuditOutstanding: true });
    expect(await storedCheck(id)).toMatchObject({ auditCScore: 6, auditCPositive: true, auditScore: null, auditBand: null });

    const full = await save(clinician, id, "alcohol", { audit1: "3", audit2: "2", audit3: "1", audit4: "2", audit5: "1", audit6: "0", audit7: "2", audit8: "1", audit9: "0", audit10: "4" });
    expect(full).toMatchObject({ sectionComplete: true, fullAuditOutstanding: false });
    expect(await storedCheck(id)).toMatchObject({ auditCScore: 6, auditScore: 16, auditBand: "higher_risk" });

    // Dropping below 5 drops questions 4 to 10 and the full AUDIT score with them.
    await save(clinician, id, "alcohol", { audit1: "1", audit2: "1", audit3: "1", audit4: "2" });
    const lower = await storedCheck(id);
    expect(lower).toMatchObject({ auditCScore: 3, auditCPositive: false, auditScore: null, auditBand: null });
    expect(lower.answers.alcohol).toMatchObject({ audit4: null, audit10: null });
  });

  it("refuses a stale version", async () => {
    const { id } = await startedCheck();
    await save(clinician, id, "smoking", { status: "never" }, 1);
    const error = await save(clinician, id, "smoking", { status: "ex" }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.conflict);
    expect((await storedCheck(id)).answers).toMatchObject({ smoking: { status: "never" } });
  });
});

describe("completeHealthCheck", () => {
  it("refuses while a section is incomplete", async () => {
    const { id } = await startedCheck();
    for (const [section, fields] of Object.entries(completeSections) as [HealthCheckSection, Record<string, string | string[]>][]) {
      if (section !== "physical") await save(clinician, id, section, fields);
    }
    const { version } = await storedCheck(id);
    const error = await completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toContain("Physical health");
    expect(await storedCheck(id)).toMatchObject({ status: "draft", completedAt: null });
  });

  it("completes a fully answered check, which then cannot be changed", async () => {
    const { person, id } = await startedCheck();
    await answerEverySection(clinician, id);
    const { version } = await storedCheck(id);
    await completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version } });
    const row = await storedCheck(id);
    expect(row).toMatchObject({
      status: "completed",
      completedById: clinician.user.id,
      smokingStatus: "current",
      vapes: false,
      hsiScore: 4,
      hsiBand: "moderate",
      auditCScore: 1,
      auditCPositive: false,
      auditScore: null,
      phq9Score: 9,
      phq9Band: "mild",
      phq9Item9: 1,
      gad7Score: 0,
      bmi: 25,
    });
    expect(row.completedAt).toBeInstanceOf(Date);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "health-check.complete")));
    expect(audit).toHaveLength(1);

    const edit = await save(clinician, id, "smoking", { status: "never", vapes: "no" }).catch((e: unknown) => e);
    expect((edit as ConflictError).userMessage).toBe(healthCheckMessages.alreadyCompleted);
    const again = await completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version: row.version } }).catch((e: unknown) => e);
    expect((again as ConflictError).userMessage).toBe(healthCheckMessages.alreadyCompleted);

    const history = await getHealthHistory({ ctx: clinician, personId: person.id });
    expect(history.draft).toBeNull();
    expect(history.completed).toHaveLength(1);
    expect(history.completed[0]).toMatchObject({ id, phq9Score: 9, phq9Band: "mild", hsiBand: "moderate", bmi: 25 });
  });

  it("refuses a stale version", async () => {
    const { id } = await startedCheck();
    await answerEverySection(clinician, id);
    await expect(completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version: 1 } })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("reading health checks", () => {
  it("audits every view of a health check", async () => {
    const { id } = await startedCheck();
    await getHealthCheck({ ctx: clinician, healthCheckId: id, view: "result" });
    const views = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "health-check.view")));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ outcome: "success", userId: clinician.user.id, detail: { view: "result" } });
  });

  it("lists drafts with how many sections are complete, and the person's history shows the draft", async () => {
    const { person, id } = await startedCheck();
    await save(clinician, id, "self_harm", completeSections.self_harm);
    await save(clinician, id, "mood", { phq1: "1" });
    const drafts = await listDraftHealthChecks({ ctx: clinician });
    expect(drafts.find((d) => d.healthCheckId === id)).toMatchObject({ personId: person.id, crn: person.crn, sectionsComplete: 1 });
    const history = await getHealthHistory({ ctx: clinician, personId: person.id });
    expect(history).toMatchObject({ completed: [], draft: { id } });
  });
});

describe("alerts", () => {
  it("actionAlert records the action and closes the alert", async () => {
    const { person, id } = await startedCheck();
    await save(clinician, id, "mood", { phq9: "3" });
    const [open] = (await listOpenAlerts({ ctx: clinician })).filter((a) => a.personId === person.id);
    if (!open) throw new Error("no alert");
    expect(open).toMatchObject({ kind: "phq9_item9", crn: person.crn });
    const alert = await getAlert({ ctx: clinician, alertId: open.alertId });
    expect(alert).toMatchObject({ healthCheckId: id, action: null, version: 1 });

    await actionAlert({ ctx: clinician, input: { alertId: open.alertId, version: 1, action: "crisis_referral", note: "Crisis team will call today" } });
    const [row] = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.id, open.alertId));
    expect(row).toMatchObject({ action: "crisis_referral", actionNote: "Crisis team will call today", actionedById: clinician.user.id, version: 2 });
    expect((await listOpenAlerts({ ctx: clinician })).some((a) => a.alertId === open.alertId)).toBe(false);
    expect(await listOpenAlertsForPerson({ ctx: clinician, personId: person.id })).toEqual([]);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, open.alertId), eq(auditEvents.action, "alert.action")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.detail)).not.toContain("Crisis team");

    const again = await actionAlert({ ctx: clinician, input: { alertId: open.alertId, version: 2, action: "other", note: "x" } }).catch((e: unknown) => e);
    expect((again as ConflictError).userMessage).toBe(healthCheckMessages.alertAlreadyActioned);
  });
});

describe("who may", () => {
  it.each(["probation_officer", "pilot_manager", "administrator"] as const)("refuses a %s every health check use case", async (role) => {
    const { person, id } = await startedCheck();
    await save(clinician, id, "mood", { phq9: "1" });
    const [alert] = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.healthCheckId, id));
    if (!alert) throw new Error("no alert");
    const ctx = ctxFor(db, await makeUser(db, role, [site.id]), [site.id]);
    // Thunks, so each call starts only when awaited: no rejection goes unhandled meanwhile.
    const attempts: (() => Promise<unknown>)[] = [
      () => startHealthCheck({ ctx, input: { personId: person.id, appointmentId: null } }),
      () => getStartOptions({ ctx, personId: person.id }),
      () => save(ctx, id, "smoking", { status: "never" }),
      () => completeHealthCheck({ ctx, input: { healthCheckId: id, version: 2 } }),
      () => getHealthCheck({ ctx, healthCheckId: id }),
      () => getHealthHistory({ ctx, personId: person.id }),
      () => listDraftHealthChecks({ ctx }),
      () => listOpenAlerts({ ctx }),
      () => listOpenAlertsForPerson({ ctx, personId: person.id }),
      () => getAlert({ ctx, alertId: alert.id }),
      () => actionAlert({ ctx, input: { alertId: alert.id, version: 1, action: "same_day_review", note: null } }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    const [stored] = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.id, alert.id));
    expect(stored?.actionedAt).toBeNull();
    expect((await storedCheck(id)).version).toBe(2);
  });

  it("answers not found for another site's health check, person and alert, and leaves them out of lists", async () => {
    const { person, id } = await startedCheck(otherClinician, otherSite.id);
    await save(otherClinician, id, "mood", { phq9: "2" });
    const [alert] = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.healthCheckId, id));
    if (!alert) throw new Error("no alert");
    const attempts: (() => Promise<unknown>)[] = [
      () => getHealthCheck({ ctx: clinician, healthCheckId: id }),
      () => save(clinician, id, "smoking", { status: "never" }),
      () => completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version: 2 } }),
      () => startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: null } }),
      () => getStartOptions({ ctx: clinician, personId: person.id }),
      () => getHealthHistory({ ctx: clinician, personId: person.id }),
      () => getAlert({ ctx: clinician, alertId: alert.id }),
      () => actionAlert({ ctx: clinician, input: { alertId: alert.id, version: 1, action: "same_day_review", note: null } }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    expect((await listOpenAlerts({ ctx: clinician })).some((a) => a.alertId === alert.id)).toBe(false);
    expect((await listDraftHealthChecks({ ctx: clinician })).some((d) => d.healthCheckId === id)).toBe(false);
    expect(await listOpenAlertsForPerson({ ctx: clinician, personId: person.id })).toEqual([]);
    expect(await storedCheck(id)).toMatchObject({ version: 2, answers: { smoking: { status: null } } });
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, clinician.user.id), eq(auditEvents.entityId, id), eq(auditEvents.outcome, "denied")));
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });
});
