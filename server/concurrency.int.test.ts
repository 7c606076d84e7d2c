import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { appointments, auditEvents, clinicalAlerts, consents, gpRegistrations, healthChecks, people, screenings, seeRequests, services, treatmentRequirements, users } from "@/db/schema";
import { messages } from "@/domain/messages";
import { saveSectionSchemas } from "@/domain/schemas/health-check";
import type { RecordGpRegistrationInput } from "@/domain/schemas/gp-registration";
import type { UpdateRequirementInput } from "@/domain/schemas/requirement";
import type { UpdateScreeningInput } from "@/domain/schemas/screening";
import { updatePersonSchema } from "@/domain/schemas/person";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser, personInput } from "@/test/factories";
import type { Ctx } from "./context";
import { ConflictError } from "./errors";
import { handleForm } from "./form-action";
import { actionAlert } from "./alerts/mutations";
import { recordOutcome } from "./appointments/mutations";
import { withdrawConsent } from "./consent/mutations";
import { recordGpRegistration } from "./gp/mutations";
import { updateScreening } from "./screening/mutations";
import { saveHealthCheckSection, startHealthCheck } from "./health-checks/mutations";
import { updatePerson } from "./people/mutations";
import { createRequirement, recordReview, updateRequirement } from "./requirements/mutations";
import { createSeeRequest, handleSeeRequest } from "./see-requests/mutations";
import { createService, updateService } from "./services/mutations";
import { updateUserAccess } from "./users/mutations";

/**
 * Two editors of one record. Both opened the form at the same version; the first save wins, the
 * second gets the conflict message and changes nothing: the row holds the winner's values and
 * only the winner's save is audited. Each case runs twice: one save after the other (a stale
 * form), and both at once (a race). On Postgres (TEST_DATABASE_URL) the race is real.
 */

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let clinicianA: Ctx;
let clinicianB: Ctx;
let officerA: Ctx;
let officerB: Ctx;
let adminA: Ctx;
let adminB: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  clinicianA = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  clinicianB = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  officerA = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
  officerB = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
  adminA = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
  adminB = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

async function auditCount(action: string, entityId: string) {
  return (await db.select({ id: auditEvents.id }).from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)))).length;
}

async function consentedPerson() {
  const person = await makePerson(db, site.id);
  await db.insert(consents).values({ personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: clinicianA.user.id });
  return person;
}

function expectConflict(error: unknown) {
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).userMessage).toBe(messages.conflict);
}

/** Runs the two saves one after the other, or both at once; returns who won and the loser's error. */
async function twoEditors(mode: "stale" | "race", first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<{ winner: 0 | 1; error: unknown }> {
  if (mode === "stale") {
    await first();
    const error = await second().then(
      () => new Error("the second save should have been refused"),
      (e: unknown) => e,
    );
    return { winner: 0, error };
  }
  const results = await Promise.allSettled([first(), second()]);
  const fulfilled = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
  expect(fulfilled).toHaveLength(1);
  const loser = results.find((r) => r.status === "rejected");
  return { winner: fulfilled[0] === 0 ? 0 : 1, error: loser && loser.status === "rejected" ? loser.reason : null };
}

describe.each(["stale", "race"] as const)("two editors, %s", (mode) => {
  it("person edit: one wins, the other gets a conflict and the row holds the winner's values", async () => {
    const person = await makePerson(db, site.id);
    const opened = { ...personInput(site.id, { crn: person.crn, nhsNumber: person.nhsNumber, requirementDRR: false }), personId: person.id, version: person.version };
    const names = ["Winner-A", "Winner-B"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => updatePerson({ ctx: officerA, input: { ...opened, familyName: names[0] } }),
      () => updatePerson({ ctx: clinicianA, input: { ...opened, familyName: names[1], genderIdentity: "Loser's edit" } }),
    );
    expectConflict(error);
    const [row] = await db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ familyName: names[winner], version: person.version + 1 });
    expect(row?.genderIdentity ?? null).toBe(winner === 1 ? "Loser's edit" : null);
    expect(await auditCount("person.update", person.id)).toBe(1);
  });

  it("requirement edit and court review: one wins, the other gets a conflict", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await createRequirement({
      ctx: officerA,
      input: { personId: person.id, kind: "DRR", status: "proposed", suitabilityAssessedOn: null, suitable: null, madeOn: null, lengthMonths: null, provider: null, treatmentStartedOn: null, endedOn: null, note: null },
    });
    const edit = (provider: string): UpdateRequirementInput => ({
      personId: person.id,
      requirementId: id,
      version: 1,
      status: "ordered",
      suitabilityAssessedOn: "2026-01-05",
      suitable: true,
      madeOn: "2026-01-15",
      lengthMonths: 12,
      provider,
      treatmentStartedOn: null,
      endedOn: null,
      note: null,
    });
    const providers = ["Provider A", "Provider B"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => updateRequirement({ ctx: officerA, input: edit(providers[0]) }),
      () => updateRequirement({ ctx: officerB, input: edit(providers[1]) }),
    );
    expectConflict(error);
    const [row] = await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.id, id));
    expect(row).toMatchObject({ provider: providers[winner], version: 2 });
    expect(await auditCount("requirement.update", id)).toBe(1);

    // Two officers record the same court review from the page opened at version 2.
    const review = (outcome: string) => ({ personId: person.id, requirementId: id, version: 2, reviewedOn: "2026-02-12", outcome });
    const reviewed = await twoEditors(
      mode,
      () => recordReview({ ctx: officerA, input: review("Progress satisfactory") }),
      () => recordReview({ ctx: officerB, input: review("Adjourned") }),
    );
    expectConflict(reviewed.error);
    const [after] = await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.id, id));
    expect(after?.version).toBe(3);
  });

  it("user access: one administrator wins, the other gets a conflict", async () => {
    const target = await makeUser(db, "clinician", [site.id]);
    const roles = ["probation_officer", "pilot_manager"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => updateUserAccess({ ctx: adminA, input: { userId: target.id, version: target.version, role: roles[0], siteIds: [site.id] } }),
      () => updateUserAccess({ ctx: adminB, input: { userId: target.id, version: target.version, role: roles[1], siteIds: [site.id] } }),
    );
    expectConflict(error);
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ role: roles[winner], version: target.version + 1, sessionVersion: target.sessionVersion + 1 });
    expect(await auditCount("user.update-access", target.id)).toBe(1);
  });

  it("service edit: one administrator wins, the other gets a conflict", async () => {
    const input = { siteId: site.id, name: `Talking Therapies ${mode}`, category: "talking_therapies" as const, commissionerType: "icb" as const, contact: null, address: null };
    const { id } = await createService({ ctx: adminA, input });
    const contacts = ["01223 000001", "01223 000002"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => updateService({ ctx: adminA, input: { ...input, serviceId: id, version: 1, contact: contacts[0] } }),
      () => updateService({ ctx: adminB, input: { ...input, serviceId: id, version: 1, contact: contacts[1] } }),
    );
    expectConflict(error);
    const [row] = await db.select().from(services).where(eq(services.id, id));
    expect(row).toMatchObject({ contact: contacts[winner], version: 2 });
    expect(await auditCount("service.update", id)).toBe(1);
  });

  it("health check section: one clinician's answers win, the other gets a conflict", async () => {
    const person = await consentedPerson();
    const { id } = await startHealthCheck({ ctx: clinicianA, input: { personId: person.id, appointmentId: null } });
    const smoking = (status: string) =>
      saveSectionSchemas.smoking.parse({ healthCheckId: id, version: "1", section: "smoking", status, vapes: "no", briefAdvice: "no", referralOffered: "no" });
    const statuses = ["never", "ex"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => saveHealthCheckSection({ ctx: clinicianA, input: smoking(statuses[0]) }),
      () => saveHealthCheckSection({ ctx: clinicianB, input: smoking(statuses[1]) }),
    );
    expectConflict(error);
    const [row] = await db.select().from(healthChecks).where(eq(healthChecks.id, id));
    expect(row?.version).toBe(2);
    expect(row?.answers).toMatchObject({ smoking: { status: statuses[winner] } });
    expect(await auditCount("health-check.update", id)).toBe(1);
  });

  it("consent withdrawal: one clinician withdraws, the other gets a conflict", async () => {
    const person = await makePerson(db, site.id);
    const [consent] = await db
      .insert(consents)
      .values({ personId: person.id, kind: "share_with_probation", decision: "given", decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: clinicianA.user.id })
      .returning();
    if (!consent) throw new Error("no consent");
    const dates = ["2026-02-01", "2026-02-02"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => withdrawConsent({ ctx: clinicianA, input: { personId: person.id, consentId: consent.id, version: 1, withdrawnOn: dates[0] } }),
      () => withdrawConsent({ ctx: clinicianB, input: { personId: person.id, consentId: consent.id, version: 1, withdrawnOn: dates[1] } }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    const [row] = await db.select().from(consents).where(eq(consents.id, consent.id));
    expect(row).toMatchObject({ withdrawnOn: dates[winner], version: 2 });
  });

  it("please-see handling: one clinician answers, the other gets a conflict", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await createSeeRequest({ ctx: officerA, input: { personId: person.id, reason: "general_health", note: null } });
    const outcomes = ["seen", "closed"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => handleSeeRequest({ ctx: clinicianA, input: { seeRequestId: id, version: 1, status: outcomes[0] } }),
      () => handleSeeRequest({ ctx: clinicianB, input: { seeRequestId: id, version: 1, status: outcomes[1] } }),
    );
    expectConflict(error);
    const [row] = await db.select().from(seeRequests).where(eq(seeRequests.id, id));
    expect(row).toMatchObject({ status: outcomes[winner], version: 2 });
  });

  it("GP registration: of two changes made from the same history, one is recorded, the other gets a conflict", async () => {
    const person = await consentedPerson();
    const change = (practiceName: string): RecordGpRegistrationInput => ({
      personId: person.id,
      version: 0,
      status: "registered",
      practiceName,
      odsCode: "A81001",
      registrationType: "permanent",
      supportStartedOn: "2026-01-05",
      registeredOn: "2026-01-20",
      barriers: [],
      note: null,
    });
    const practices = ["Riverside Surgery", "Hillside Practice"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => recordGpRegistration({ ctx: clinicianA, input: change(practices[0]) }),
      () => recordGpRegistration({ ctx: clinicianB, input: change(practices[1]) }),
    );
    expectConflict(error);
    const rows = await db.select().from(gpRegistrations).where(eq(gpRegistrations.personId, person.id));
    expect(rows.map((r) => r.practiceName)).toEqual([practices[winner]]);
  });

  it("screening: of two saves from the same version, one wins, the other gets a conflict", async () => {
    const person = await consentedPerson();
    const save = (note: string): UpdateScreeningInput => ({
      personId: person.id,
      programme: "bowel",
      version: 0,
      status: "discussed",
      discussedOn: "2026-02-10",
      bookedFor: null,
      attendedOn: null,
      declinedOn: null,
      resultReceivedOn: null,
      lastTestOn: null,
      lastResultHpvNegative: null,
      note,
    });
    const notes = ["Kit posted", "Will think about it"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => updateScreening({ ctx: clinicianA, input: save(notes[0]) }),
      () => updateScreening({ ctx: clinicianB, input: save(notes[1]) }),
    );
    expectConflict(error);
    const rows = await db.select().from(screenings).where(eq(screenings.personId, person.id));
    expect(rows.map((r) => [r.note, r.version])).toEqual([[notes[winner], 1]]);
  });

  it("same-day alert: one clinician records the action, the other gets a conflict", async () => {
    const person = await consentedPerson();
    const { id: healthCheckId } = await startHealthCheck({ ctx: clinicianA, input: { personId: person.id, appointmentId: null } });
    const [alert] = await db.insert(clinicalAlerts).values({ personId: person.id, siteId: site.id, healthCheckId, kind: "phq9_item9" }).returning();
    if (!alert) throw new Error("no alert");
    const actions = ["same_day_review", "safety_plan"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => actionAlert({ ctx: clinicianA, input: { alertId: alert.id, version: 1, action: actions[0], note: null } }),
      () => actionAlert({ ctx: clinicianB, input: { alertId: alert.id, version: 1, action: actions[1], note: null } }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    const [row] = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.id, alert.id));
    expect(row).toMatchObject({ action: actions[winner], version: 2 });
  });

  it("appointment outcome: one officer records it, the other gets a conflict", async () => {
    const person = await makePerson(db, site.id);
    const appointment = await makeAppointment(db, person);
    const outcomes = ["attended", "attended_late"] as const;
    const { winner, error } = await twoEditors(
      mode,
      () => recordOutcome({ ctx: officerA, input: { appointmentId: appointment.id, version: 1, outcome: outcomes[0], note: null } }),
      () => recordOutcome({ ctx: officerB, input: { appointmentId: appointment.id, version: 1, outcome: outcomes[1], note: null } }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    const [row] = await db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row).toMatchObject({ outcome: outcomes[winner], version: 2 });
  });
});

describe("the form after a conflict", () => {
  it("shows the conflict message, keeps what was typed, and saves nothing", async () => {
    const person = await makePerson(db, site.id);
    const form = new FormData();
    const typed: Record<string, string> = {
      personId: person.id,
      version: String(person.version),
      givenName: "Typed",
      familyName: "Bytheloser",
      dateOfBirthDay: "15",
      dateOfBirthMonth: "6",
      dateOfBirthYear: "1985",
      crn: person.crn,
      nhsNumber: person.nhsNumber ?? "",
      sexRegisteredAtGp: "male",
      ethnicGroup: "white",
      orderType: "community_order",
      siteId: site.id,
    };
    for (const [key, value] of Object.entries(typed)) form.set(key, value);
    // Someone else saves first.
    await updatePerson({ ctx: officerA, input: { ...personInput(site.id, { crn: person.crn, nhsNumber: person.nhsNumber }), personId: person.id, version: person.version, familyName: "Winner" } });

    const state = await handleForm(form, updatePersonSchema, async (input) => {
      await updatePerson({ ctx: clinicianA, input });
      return { redirectTo: `/people/${input.personId}` };
    });
    expect(state.ok).toBe(false);
    expect(state.formError).toBe(messages.conflict);
    expect(state.values).toMatchObject({ givenName: "Typed", familyName: "Bytheloser", crn: person.crn });
    const [row] = await db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ familyName: "Winner", version: person.version + 1 });
  });
});
