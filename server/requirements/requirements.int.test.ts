import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, requirementReviews, treatmentRequirements } from "@/db/schema";
import { messages, requirementMessages } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import type { CreateRequirementInput, UpdateRequirementInput } from "@/domain/schemas/requirement";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { createRequirement, recordReview, updateRequirement } from "./mutations";
import { getRequirement, listRequirements } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let clinician: Ctx;
let officer: Ctx;
let officerThere: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse Ada" }), [site.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id], { name: "Officer Ben" }), [site.id]);
  officerThere = ctxFor(db, await makeUser(db, "probation_officer", [otherSite.id]), [otherSite.id]);
});
afterAll(async () => handle?.close());

const proposal = (personId: string, overrides: Partial<CreateRequirementInput> = {}): CreateRequirementInput => ({
  personId,
  kind: "DRR",
  status: "proposed",
  suitabilityAssessedOn: null,
  suitable: null,
  madeOn: null,
  lengthMonths: null,
  provider: null,
  treatmentStartedOn: null,
  endedOn: null,
  note: null,
  ...overrides,
});

const order = (personId: string, requirementId: string, version: number, overrides: Partial<UpdateRequirementInput> = {}): UpdateRequirementInput => ({
  personId,
  requirementId,
  version,
  status: "ordered",
  suitabilityAssessedOn: "2026-01-05",
  suitable: true,
  madeOn: "2026-01-15",
  lengthMonths: 18,
  provider: "Change Grow Live",
  treatmentStartedOn: null,
  endedOn: null,
  note: "Attends Tuesday groups",
  ...overrides,
});

async function requirementRow(id: string) {
  const [row] = await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.id, id));
  if (!row) throw new Error("no requirement");
  return row;
}

async function auditBy(userId: string, action?: string) {
  const where = action ? and(eq(auditEvents.userId, userId), eq(auditEvents.action, action)) : eq(auditEvents.userId, userId);
  return db.select().from(auditEvents).where(where).orderBy(asc(auditEvents.id));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** A person with an 18-month DRR made on 15 January 2026. */
async function personWithOrder(ctx = officer) {
  const person = await makePerson(db, site.id);
  const { id } = await createRequirement({ ctx, input: proposal(person.id) });
  await updateRequirement({ ctx, input: order(person.id, id, 1) });
  return { person, requirementId: id };
}

describe("createRequirement", () => {
  it("adds a requirement for a person at the user's site, audited without the note", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await createRequirement({ ctx: clinician, input: proposal(person.id, { kind: "MHTR", status: "assessed_suitable", suitabilityAssessedOn: "2026-02-01", suitable: true, note: "Private words" }) });

    expect(await requirementRow(id)).toMatchObject({ personId: person.id, kind: "MHTR", status: "assessed_suitable", suitable: true, suitabilityAssessedOn: "2026-02-01", version: 1 });
    const audit = await auditBy(clinician.user.id, "requirement.create");
    expect(audit.find((a) => a.entityId === id)).toMatchObject({ outcome: "success", personId: person.id, siteId: site.id, entityType: "treatment_requirement", detail: { kind: "MHTR", status: "assessed_suitable" } });
    expect(JSON.stringify(audit)).not.toContain("Private words");
  });

  it("refuses a second open requirement of the same kind, but allows one after the first ended", async () => {
    const { person, requirementId } = await personWithOrder();
    const error = await rejection(createRequirement({ ctx: officer, input: proposal(person.id) }));
    expect((error as ValidationError).fieldErrors).toEqual({ kind: requirementMessages.alreadyOpen("DRR") });

    await updateRequirement({ ctx: officer, input: order(person.id, requirementId, 2, { status: "breached", endedOn: "2026-03-01" }) });
    await expect(createRequirement({ ctx: officer, input: proposal(person.id) })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("refuses inconsistent status and dates even when called without the form", async () => {
    const person = await makePerson(db, site.id);
    const error = await rejection(createRequirement({ ctx: officer, input: proposal(person.id, { status: "started" }) }));
    expect((error as ValidationError).fieldErrors).toMatchObject({ madeOn: requirementMessages.madeOnNeeded, treatmentStartedOn: requirementMessages.startedOnNeeded });
    expect(await db.$count(treatmentRequirements, eq(treatmentRequirements.personId, person.id))).toBe(0);
  });
});

describe("updateRequirement", () => {
  it("saves with the version the form carried and bumps it, auditing the status change", async () => {
    const person = await makePerson(db, site.id);
    const { id } = await createRequirement({ ctx: officer, input: proposal(person.id) });

    const { version } = await updateRequirement({ ctx: clinician, input: order(person.id, id, 1) });

    expect(version).toBe(2);
    expect(await requirementRow(id)).toMatchObject({ status: "ordered", madeOn: "2026-01-15", lengthMonths: 18, provider: "Change Grow Live", version: 2 });
    const [audit] = await auditBy(clinician.user.id, "requirement.update");
    expect(audit).toMatchObject({ outcome: "success", personId: person.id, siteId: site.id, entityId: id, detail: { kind: "DRR", fromStatus: "proposed", toStatus: "ordered", version: 2 } });
  });

  it("refuses a stale version with a conflict and overwrites nothing", async () => {
    const { person, requirementId } = await personWithOrder();
    // Two people open version 2; the officer saves first.
    await updateRequirement({ ctx: officer, input: order(person.id, requirementId, 2, { status: "started", treatmentStartedOn: "2026-01-20" }) });
    const saved = await requirementRow(requirementId);

    const error = await rejection(updateRequirement({ ctx: clinician, input: order(person.id, requirementId, 2, { provider: "Someone else" }) }));

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.conflict);
    expect(await requirementRow(requirementId)).toEqual(saved);
    expect(await auditBy(clinician.user.id, "requirement.update")).not.toContainEqual(expect.objectContaining({ entityId: requirementId }));
  });

  it("refuses inconsistent status and dates with field messages", async () => {
    const { person, requirementId } = await personWithOrder();
    const error = await rejection(updateRequirement({ ctx: officer, input: order(person.id, requirementId, 2, { status: "completed", treatmentStartedOn: "2026-01-10" }) }));
    expect((error as ValidationError).fieldErrors).toEqual({ treatmentStartedOn: requirementMessages.startedBeforeOrder, endedOn: requirementMessages.completedOnNeeded });
    expect((await requirementRow(requirementId)).status).toBe("ordered");
  });
});

describe("recordReview", () => {
  it("records a review, moves the version on, and shows it in the schedule", async () => {
    const { person, requirementId } = await personWithOrder();

    await recordReview({ ctx: officer, input: { personId: person.id, requirementId, version: 2, reviewedOn: "2026-02-12", outcome: "Progress satisfactory; next review in a month" } });

    expect((await requirementRow(requirementId)).version).toBe(3);
    const { requirement } = await getRequirement({ ctx: clinician, personId: person.id, requirementId, today: "2026-02-20" });
    expect(requirement.reviews).toMatchObject([{ reviewedOn: "2026-02-12", outcome: "Progress satisfactory; next review in a month", recordedByName: "Officer Ben" }]);
    expect(requirement.schedule).toEqual({ required: true, nextDueOn: "2026-03-12", overdue: false, missed: 0 });
    expect(requirement.endsOn).toBe("2027-07-15");
    const [audit] = await auditBy(officer.user.id, "requirement.review");
    expect(audit).toMatchObject({ outcome: "success", personId: person.id, siteId: site.id, entityType: "requirement_review", detail: { requirementId, kind: "DRR", reviewedOn: "2026-02-12", version: 3 } });
    expect(JSON.stringify(audit)).not.toContain("Progress satisfactory");
  });

  it("records a double submission once: the second has a stale version", async () => {
    const { person, requirementId } = await personWithOrder();
    const input = { personId: person.id, requirementId, version: 2, reviewedOn: "2026-02-12", outcome: "Adjourned" };
    await recordReview({ ctx: officer, input });

    const error = await rejection(recordReview({ ctx: officer, input }));

    expect(error).toBeInstanceOf(ConflictError);
    expect(await db.$count(requirementReviews, eq(requirementReviews.requirementId, requirementId))).toBe(1);
  });

  it("refuses a second review on the same date", async () => {
    const { person, requirementId } = await personWithOrder();
    await recordReview({ ctx: officer, input: { personId: person.id, requirementId, version: 2, reviewedOn: "2026-02-12", outcome: "Adjourned" } });
    const error = await rejection(recordReview({ ctx: clinician, input: { personId: person.id, requirementId, version: 3, reviewedOn: "2026-02-12", outcome: "Again" } }));
    expect((error as ValidationError).fieldErrors).toEqual({ reviewedOn: requirementMessages.reviewDuplicate });
    expect((await requirementRow(requirementId)).version).toBe(3);
  });

  it("refuses a review before the order, after the end, or with no order yet", async () => {
    const { person, requirementId } = await personWithOrder();
    const review = (reviewedOn: string, version = 2, id = requirementId) => recordReview({ ctx: officer, input: { personId: person.id, requirementId: id, version, reviewedOn, outcome: "x" } });
    expect(((await rejection(review("2026-01-14"))) as ValidationError).fieldErrors).toEqual({ reviewedOn: requirementMessages.reviewBeforeOrder });

    await updateRequirement({ ctx: officer, input: order(person.id, requirementId, 2, { status: "breached", endedOn: "2026-03-01" }) });
    expect(((await rejection(review("2026-03-02", 3))) as ValidationError).fieldErrors).toEqual({ reviewedOn: requirementMessages.reviewAfterEnd });

    const { id: proposed } = await createRequirement({ ctx: officer, input: proposal(person.id, { kind: "ATR" }) });
    expect(((await rejection(review("2026-03-02", 1, proposed))) as ValidationError).fieldErrors).toEqual({ reviewedOn: requirementMessages.reviewNeedsOrder });
  });
});

describe("reading requirements", () => {
  it("lists a person's requirements by kind with their reviews and schedule, for officers and clinicians alike, audited", async () => {
    const person = await makePerson(db, site.id);
    const { id: atr } = await createRequirement({ ctx: officer, input: proposal(person.id, { kind: "ATR", status: "assessed_unsuitable", suitabilityAssessedOn: "2026-01-02", suitable: false }) });
    const { id: drr } = await createRequirement({ ctx: officer, input: proposal(person.id) });
    await updateRequirement({ ctx: officer, input: order(person.id, drr, 1, { lengthMonths: 13 }) });

    const asOfficer = await listRequirements({ ctx: officer, personId: person.id, today: "2026-04-01" });
    const asClinician = await listRequirements({ ctx: clinician, personId: person.id, today: "2026-04-01" });

    expect(asOfficer).toEqual(asClinician);
    expect(asOfficer.person).toEqual({ id: person.id, givenName: person.givenName, familyName: person.familyName, crn: person.crn });
    expect(asOfficer.requirements.map((r) => [r.kind, r.status])).toEqual([
      ["DRR", "ordered"],
      ["ATR", "assessed_unsuitable"],
    ]);
    // Two monthly reviews were due before 1 April (15 February, 15 March) and none was held.
    expect(asOfficer.requirements[0]?.schedule).toEqual({ required: true, nextDueOn: "2026-02-15", overdue: true, missed: 2 });
    expect(asOfficer.requirements[1]?.schedule.required).toBe(false);
    expect(asOfficer.requirements[1]?.id).toBe(atr);
    expect(Object.keys(asOfficer.requirements[0] ?? {}).sort()).toEqual(
      ["endedOn", "endsOn", "id", "kind", "lengthMonths", "madeOn", "note", "provider", "reviews", "schedule", "status", "suitabilityAssessedOn", "suitable", "treatmentStartedOn", "updatedAt", "version"].sort(),
    );
    expect(await auditBy(officer.user.id, "requirements.view")).toContainEqual(expect.objectContaining({ outcome: "success", personId: person.id, siteId: site.id }));
  });

  it("shows requirements the person form created, with no tracking yet", async () => {
    const person = await makePerson(db, site.id);
    await db.insert(treatmentRequirements).values({ personId: person.id, kind: "MHTR" });
    const { requirements } = await listRequirements({ ctx: officer, personId: person.id });
    expect(requirements).toMatchObject([{ kind: "MHTR", status: "ordered", madeOn: null, endsOn: null, reviews: [], schedule: { required: false } }]);
  });
});

describe("scoping", () => {
  it("answers not found for a person or requirement at another site, audits each refusal and changes nothing", async () => {
    const elsewhere = await makePerson(db, otherSite.id);
    const { id } = await createRequirement({ ctx: officerThere, input: proposal(elsewhere.id) });
    await updateRequirement({ ctx: officerThere, input: order(elsewhere.id, id, 1) });
    const before = await requirementRow(id);
    const here = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);

    const calls: [string, () => Promise<unknown>][] = [
      ["requirements.view", () => listRequirements({ ctx: here, personId: elsewhere.id })],
      ["requirement.view", () => getRequirement({ ctx: here, personId: elsewhere.id, requirementId: id })],
      ["requirement.create", () => createRequirement({ ctx: here, input: proposal(elsewhere.id, { kind: "ATR" }) })],
      ["requirement.update", () => updateRequirement({ ctx: here, input: order(elsewhere.id, id, 2, { provider: "Hijacked" }) })],
      ["requirement.review", () => recordReview({ ctx: here, input: { personId: elsewhere.id, requirementId: id, version: 2, reviewedOn: "2026-02-10", outcome: "x" } })],
    ];
    for (const [action, call] of calls) expect(await rejection(call()), action).toBeInstanceOf(NotFoundError);

    const audit = await auditBy(here.user.id);
    expect(audit.map((a) => [a.action, a.outcome, a.personId])).toEqual(calls.map(([action]) => [action, "denied", null]));
    expect(await requirementRow(id)).toEqual(before);
    expect(await db.$count(requirementReviews, eq(requirementReviews.requirementId, id))).toBe(0);
  });

  it("answers not found for another person's requirement, even at the user's own site", async () => {
    const { requirementId } = await personWithOrder();
    const someoneElse = await makePerson(db, site.id);
    const calls = [
      () => getRequirement({ ctx: officer, personId: someoneElse.id, requirementId }),
      () => updateRequirement({ ctx: officer, input: order(someoneElse.id, requirementId, 2) }),
      () => recordReview({ ctx: officer, input: { personId: someoneElse.id, requirementId, version: 2, reviewedOn: "2026-02-10", outcome: "x" } }),
    ];
    for (const call of calls) expect(await rejection(call())).toBeInstanceOf(NotFoundError);
    expect((await requirementRow(requirementId)).version).toBe(2);
  });

  it("answers not found for ids that are not uuids", async () => {
    const person = await makePerson(db, site.id);
    expect(await rejection(listRequirements({ ctx: officer, personId: "nope" }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(getRequirement({ ctx: officer, personId: person.id, requirementId: "nope" }))).toBeInstanceOf(NotFoundError);
  });
});

describe("permissions", () => {
  it.each<Role>(["pilot_manager", "administrator"])("refuses a %s every requirements use case, audited, changing nothing", async (role) => {
    const { person, requirementId } = await personWithOrder();
    const before = await requirementRow(requirementId);
    const caller = ctxFor(db, await makeUser(db, role, [site.id]), [site.id]);

    const calls: [string, string, () => Promise<unknown>][] = [
      ["requirements.view", "requirement:read", () => listRequirements({ ctx: caller, personId: person.id })],
      ["requirement.view", "requirement:read", () => getRequirement({ ctx: caller, personId: person.id, requirementId })],
      ["requirement.create", "requirement:write", () => createRequirement({ ctx: caller, input: proposal(person.id, { kind: "ATR" }) })],
      ["requirement.update", "requirement:write", () => updateRequirement({ ctx: caller, input: order(person.id, requirementId, 2, { provider: "Nope" }) })],
      ["requirement.review", "requirement:write", () => recordReview({ ctx: caller, input: { personId: person.id, requirementId, version: 2, reviewedOn: "2026-02-10", outcome: "x" } })],
    ];
    for (const [action, , call] of calls) expect(await rejection(call()), action).toBeInstanceOf(ForbiddenError);

    const audit = await auditBy(caller.user.id);
    expect(audit.map((a) => [a.action, a.outcome, a.detail])).toEqual(calls.map(([action, permission]) => [action, "denied", { reason: "permission", permission }]));
    expect(await requirementRow(requirementId)).toEqual(before);
  });
});
