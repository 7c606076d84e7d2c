import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, people, treatmentRequirements } from "@/db/schema";
import { messages } from "@/domain/messages";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser, personInput } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ValidationError } from "../errors";
import { createPerson, updatePerson } from "./mutations";
import { getPerson, listCaseload } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let clinician: Ctx;
let officer: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db, "Alpha");
  otherSite = await makeSite(db, "Beta");
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

async function auditFor(personId: string, action: string) {
  return db.select().from(auditEvents).where(and(eq(auditEvents.personId, personId), eq(auditEvents.action, action)));
}

describe("createPerson", () => {
  it("adds the person, their requirements and an audit row together", async () => {
    const input = personInput(site.id, { requirementDRR: true, requirementATR: true, assignedOfficerId: officer.user.id });
    const { id } = await createPerson({ ctx: clinician, input, enrolledOn: "2026-11-02" });
    const [row] = await db.select().from(people).where(eq(people.id, id));
    expect(row).toMatchObject({ crn: input.crn, siteId: site.id, assignedOfficerId: officer.user.id, version: 1, enrolledOn: "2026-11-02" });
    const kinds = (await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.personId, id))).map((r) => r.kind).sort();
    expect(kinds).toEqual(["ATR", "DRR"]);
    const audit = await auditFor(id, "person.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: clinician.user.id, outcome: "success", siteId: site.id });
  });

  it("refuses a CRN or NHS number already used, even at another site, and writes nothing", async () => {
    const existing = await makePerson(db, otherSite.id);
    const [before] = await db.select({ n: count() }).from(people);
    const error = await createPerson({ ctx: clinician, input: personInput(site.id, { crn: existing.crn, nhsNumber: existing.nhsNumber }), enrolledOn: "2026-11-02" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ crn: messages.crnTaken, nhsNumber: messages.nhsTaken });
    const [after] = await db.select({ n: count() }).from(people);
    expect(after?.n).toBe(before?.n);
  });

  it("refuses an officer who does not work at the person's site", async () => {
    const elsewhere = await makeUser(db, "probation_officer", [otherSite.id]);
    const error = await createPerson({ ctx: clinician, input: personInput(site.id, { assignedOfficerId: elsewhere.id }), enrolledOn: "2026-11-02" }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ assignedOfficerId: messages.officerNotAtSite });
  });
});

describe("updatePerson", () => {
  it("saves with the version the form carried and bumps it", async () => {
    const person = await makePerson(db, site.id);
    await updatePerson({ ctx: officer, input: { ...personInput(site.id, { crn: person.crn, nhsNumber: person.nhsNumber, familyName: "Renamed" }), personId: person.id, version: 1 } });
    const [row] = await db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ familyName: "Renamed", version: 2 });
    expect(await auditFor(person.id, "person.update")).toHaveLength(1);
  });

  it("refuses a stale save with a conflict and overwrites nothing", async () => {
    const person = await makePerson(db, site.id, { familyName: "Original" });
    const opened = { ...personInput(site.id, { crn: person.crn, nhsNumber: person.nhsNumber }), personId: person.id, version: person.version };
    // Two people open the same record; the first saves.
    await updatePerson({ ctx: officer, input: { ...opened, familyName: "First" } });
    const error = await updatePerson({ ctx: clinician, input: { ...opened, familyName: "Second", requirementMHTR: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.conflict);
    const [row] = await db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ familyName: "First", version: 2 });
    const requirements = await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.personId, person.id));
    expect(requirements.map((r) => r.kind)).toEqual(["DRR"]);
    expect(await auditFor(person.id, "person.update")).toHaveLength(1);
  });

  it("of two simultaneous saves, exactly one wins", async () => {
    const person = await makePerson(db, site.id);
    const opened = { ...personInput(site.id, { crn: person.crn, nhsNumber: person.nhsNumber }), personId: person.id, version: person.version };
    const results = await Promise.allSettled([
      updatePerson({ ctx: officer, input: { ...opened, familyName: "A" } }),
      updatePerson({ ctx: clinician, input: { ...opened, familyName: "B" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected && rejected.status === "rejected" ? rejected.reason : null).toBeInstanceOf(ConflictError);
    const [row] = await db.select().from(people).where(eq(people.id, person.id));
    expect(row?.version).toBe(2);
  });
});

describe("reading people", () => {
  it("audits every view of a person's page", async () => {
    const person = await makePerson(db, site.id);
    await getPerson({ ctx: officer, personId: person.id });
    await getPerson({ ctx: officer, personId: person.id });
    const rows = await auditFor(person.id, "person.view");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ userId: officer.user.id, outcome: "success", siteId: site.id, ip: "127.0.0.1" });
  });

  it("pages the caseload on the server, filters by officer and searches by CRN", async () => {
    const mine = await makePerson(db, site.id, { assignedOfficerId: officer.user.id, familyName: "Caseloadonly" });
    await makePerson(db, site.id, { familyName: "Caseloadonly" });
    const both = await listCaseload({ ctx: officer, query: { q: "caseloadonly" } });
    expect(both.total).toBe(2);
    const onlyMine = await listCaseload({ ctx: officer, query: { q: "caseloadonly", mine: true } });
    expect(onlyMine.rows.map((r) => r.id)).toEqual([mine.id]);
    const byCrn = await listCaseload({ ctx: officer, query: { q: mine.crn.toLowerCase() } });
    expect(byCrn.rows.map((r) => r.id)).toEqual([mine.id]);

    for (let i = 0; i < 30; i++) await makePerson(db, site.id, { familyName: `Pagetest${String(i).padStart(2, "0")}` });
    const page1 = await listCaseload({ ctx: officer, query: { q: "pagetest", sort: "name" } });
    const page2 = await listCaseload({ ctx: officer, query: { q: "pagetest", sort: "name", page: 2 } });
    expect(page1).toMatchObject({ total: 30, pageCount: 2, page: 1 });
    expect(page1.rows).toHaveLength(25);
    expect(page2.rows).toHaveLength(5);
    expect(page2.rows[4]?.name).toMatch(/^Pagetest29/);
    const desc = await listCaseload({ ctx: officer, query: { q: "pagetest", sort: "name", dir: "desc" } });
    expect(desc.rows[0]?.name).toMatch(/^Pagetest29/);
  });

  it("treats % and _ in a search as plain characters", async () => {
    const result = await listCaseload({ ctx: officer, query: { q: "%" } });
    expect(result.total).toBe(0);
  });
});
