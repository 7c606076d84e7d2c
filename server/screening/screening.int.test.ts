import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, healthChecks, screenings } from "@/db/schema";
import { healthRecordMessages, messages } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import type { UpdateScreeningInput } from "@/domain/schemas/screening";
import type { SmokingStatus } from "@/domain/health";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { recordConsent } from "../consent/mutations";
import { updateScreening } from "./mutations";
import { getScreeningOverview, listScreeningDueAtSites } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string; name: string };
let otherSite: { id: string; name: string };
let clinician: Ctx;
let clinicianThere: Ctx;

// A fixed day so computed eligibility does not drift with the calendar.
const today = "2026-03-02";

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse One" }), [site.id]);
  clinicianThere = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
});
afterAll(async () => handle?.close());

type PersonOverrides = Parameters<typeof makePerson>[2];

async function consentingPerson(siteId = site.id, overrides: PersonOverrides = {}, ctx = clinician) {
  const person = await makePerson(db, siteId, overrides);
  await recordConsent({ ctx, input: { personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "own_consent" } });
  return person;
}

async function healthCheck(person: { id: string; siteId: string }, smokingStatus: SmokingStatus | null, createdAt: string) {
  await db.insert(healthChecks).values({ personId: person.id, siteId: person.siteId, smokingStatus, createdById: clinician.user.id, createdAt: new Date(createdAt), updatedAt: new Date(createdAt) });
}

const update = (personId: string, overrides: Partial<UpdateScreeningInput> = {}): UpdateScreeningInput => ({
  personId,
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
  note: null,
  ...overrides,
});

async function rowsFor(personId: string) {
  const [row] = await db.select({ n: count() }).from(screenings).where(eq(screenings.personId, personId));
  return row?.n ?? 0;
}

describe("updateScreening", () => {
  it("creates the row at version 1, then saves only with the version the form saw", async () => {
    const person = await consentingPerson();
    const created = await updateScreening({ ctx: clinician, input: update(person.id) });
    expect(created.version).toBe(1);
    const updated = await updateScreening({ ctx: clinician, input: update(person.id, { version: 1, status: "booked", bookedFor: "2026-06-01", note: "Kit posted" }) });
    expect(updated.version).toBe(2);
    const [row] = await db.select().from(screenings).where(and(eq(screenings.personId, person.id), eq(screenings.programme, "bowel")));
    expect(row).toMatchObject({ status: "booked", discussedOn: "2026-02-10", bookedFor: "2026-06-01", note: "Kit posted", updatedById: clinician.user.id, version: 2 });

    const stale = await updateScreening({ ctx: clinician, input: update(person.id, { version: 1, status: "declined", declinedOn: "2026-02-20" }) }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).userMessage).toBe(messages.conflict);
    const [after] = await db.select().from(screenings).where(and(eq(screenings.personId, person.id), eq(screenings.programme, "bowel")));
    expect(after).toMatchObject({ status: "booked", version: 2 });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "screening.update")));
    expect(audit.map((a) => a.outcome)).toEqual(["success", "success"]);
  });

  it("of two first saves of the same programme, one wins and the other conflicts", async () => {
    const person = await consentingPerson();
    const results = await Promise.allSettled([updateScreening({ ctx: clinician, input: update(person.id) }), updateScreening({ ctx: clinician, input: update(person.id, { status: "declined", declinedOn: "2026-02-11" }) })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected && rejected.status === "rejected" ? rejected.reason : null).toBeInstanceOf(ConflictError);
    expect(await rowsFor(person.id)).toBe(1);
  });

  it("counts attending as the last test, and keeps an HPV result for cervical screening only", async () => {
    const person = await consentingPerson(site.id, { sexRegisteredAtGp: "female", dateOfBirth: "1990-04-01" });
    await updateScreening({ ctx: clinician, input: update(person.id, { programme: "cervical", status: "attended", attendedOn: "2026-02-01", lastTestOn: "2023-01-10", lastResultHpvNegative: true }) });
    await updateScreening({ ctx: clinician, input: update(person.id, { programme: "bowel", lastResultHpvNegative: true }) });
    const rows = await db.select().from(screenings).where(eq(screenings.personId, person.id));
    expect(rows.find((r) => r.programme === "cervical")).toMatchObject({ lastTestOn: "2026-02-01", lastResultHpvNegative: true });
    expect(rows.find((r) => r.programme === "bowel")).toMatchObject({ lastTestOn: null, lastResultHpvNegative: null });
  });

  it("refuses without consent to care from the hub and writes nothing", async () => {
    const person = await makePerson(db, site.id);
    const error = await updateScreening({ ctx: clinician, input: update(person.id) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(healthRecordMessages.noHubCareConsent);
    expect(await rowsFor(person.id)).toBe(0);
  });
});

describe("getScreeningOverview", () => {
  it("shows every programme's computed eligibility beside what the hub recorded, audited", async () => {
    // Turned 65 in 2025: bowel, AAA and a prostate discussion are due; lung depends on smoking history.
    const person = await consentingPerson(site.id, { sexRegisteredAtGp: "male", dateOfBirth: "1960-05-01", ethnicGroup: "black" });
    const before = await getScreeningOverview({ ctx: clinician, personId: person.id, today });
    expect(before.smokingHistory).toBe("unknown");
    expect(before.programmes.map((p) => p.programme)).toEqual(["bowel", "breast", "cervical", "aaa", "lung", "prostate"]);
    const byProgramme = Object.fromEntries(before.programmes.map((p) => [p.programme, p]));
    expect(byProgramme.bowel).toMatchObject({ eligibility: { eligible: true, status: "overdue" }, recordedStatus: null, version: 0 });
    expect(byProgramme.breast?.eligibility.status).toBe("not_eligible");
    expect(byProgramme.aaa?.eligibility.status).toBe("due");
    expect(byProgramme.lung?.eligibility.status).toBe("not_eligible");

    await healthCheck(person, "current", "2025-01-10T10:00:00Z");
    await healthCheck(person, "ex", "2025-09-10T10:00:00Z");
    await healthCheck(person, null, "2026-01-10T10:00:00Z");
    await updateScreening({ ctx: clinician, input: update(person.id, { status: "booked", discussedOn: null, bookedFor: "2026-04-01", note: "Kit posted" }) });

    const after = await getScreeningOverview({ ctx: clinician, personId: person.id, today });
    expect(after.smokingHistory).toBe("ex");
    const lung = after.programmes.find((p) => p.programme === "lung");
    expect(lung?.eligibility).toMatchObject({ eligible: true, status: "overdue" });
    expect(after.programmes.find((p) => p.programme === "bowel")).toMatchObject({ recordedStatus: "booked", bookedFor: "2026-04-01", note: "Kit posted", updatedByName: "Nurse One", version: 1 });

    const views = await db.select().from(auditEvents).where(and(eq(auditEvents.personId, person.id), eq(auditEvents.action, "screening.view")));
    expect(views).toHaveLength(2);
  });
});

describe("listScreeningDueAtSites", () => {
  it("lists due and overdue programmes the hub has not acted on, at the user's sites only", async () => {
    const mySite = await makeSite(db);
    const me = ctxFor(db, await makeUser(db, "clinician", [mySite.id]), [mySite.id]);
    const older = await consentingPerson(mySite.id, { sexRegisteredAtGp: "male", dateOfBirth: "1960-05-01" }, me);
    await updateScreening({ ctx: me, input: update(older.id, { status: "booked", discussedOn: null, bookedFor: "2026-04-01" }) });
    await updateScreening({ ctx: me, input: update(older.id, { programme: "prostate", status: "discussed", discussedOn: "2026-02-10" }) });
    const young = await makePerson(db, mySite.id, { dateOfBirth: "2000-01-01", sexRegisteredAtGp: "male" });
    const elsewhere = await makePerson(db, otherSite.id, { sexRegisteredAtGp: "male", dateOfBirth: "1960-05-01" });

    const rows = await listScreeningDueAtSites({ ctx: me, today });
    expect(rows.every((r) => r.personId === older.id)).toBe(true);
    // Bowel is booked, the prostate discussion happened; lung needs a smoking history first.
    expect(rows.map((r) => r.programme)).toEqual(["aaa"]);
    expect(rows[0]).toMatchObject({ status: "due", crn: older.crn, siteName: mySite.name, personName: `${older.familyName}, ${older.givenName}` });
    expect(rows.map((r) => r.personId)).not.toContain(young.id);

    const theirs = await listScreeningDueAtSites({ ctx: clinicianThere, today });
    expect(theirs.map((r) => r.personId)).toContain(elsewhere.id);
    expect(theirs.map((r) => r.personId)).not.toContain(older.id);
    expect(await listScreeningDueAtSites({ ctx: me, siteId: otherSite.id, today })).toEqual([]);

    await healthCheck(older, "current", "2025-09-10T10:00:00Z");
    const withLung = await listScreeningDueAtSites({ ctx: me, today });
    // Overdue first.
    expect(withLung.map((r) => [r.programme, r.status])).toEqual([
      ["lung", "overdue"],
      ["aaa", "due"],
    ]);
  });
});

describe("who may see and record screening", () => {
  const others: Role[] = ["probation_officer", "pilot_manager", "administrator"];
  for (const role of others) {
    it(`${role}: forbidden, and nothing is written`, async () => {
      const person = await consentingPerson();
      const ctx = ctxFor(db, await makeUser(db, role, [site.id]), [site.id]);
      await expect(getScreeningOverview({ ctx, personId: person.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateScreening({ ctx, input: update(person.id) })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listScreeningDueAtSites({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await rowsFor(person.id)).toBe(0);
    });
  }

  it("a person at another site is not found", async () => {
    const elsewhere = await consentingPerson(otherSite.id, {}, clinicianThere);
    await expect(getScreeningOverview({ ctx: clinician, personId: elsewhere.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateScreening({ ctx: clinician, input: update(elsewhere.id) })).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsFor(elsewhere.id)).toBe(0);
  });
});
