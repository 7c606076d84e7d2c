import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";
import { getPerson } from "../people/queries";
import { HISTORY_PAGE_SIZE, getPersonHistory, PERSON_HISTORY_ACTION } from "./person-history";
import { recordAudit } from "./record";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let clinician: Ctx;
let clinicianThere: Ctx;
let officer: Ctx;
let manager: Ctx;
let admin: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse History" }), [site.id]);
  clinicianThere = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id], { name: "Officer History" }), [site.id]);
  manager = ctxFor(db, await makeUser(db, "pilot_manager", [site.id]), [site.id]);
  admin = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

async function historyAudits(ctx: Ctx, outcome: "success" | "denied") {
  return db.select().from(auditEvents).where(and(eq(auditEvents.userId, ctx.user.id), eq(auditEvents.action, PERSON_HISTORY_ACTION), eq(auditEvents.outcome, outcome)));
}

describe("getPersonHistory", () => {
  it("lists views and changes of the person newest first, with who, their role at the time and the outcome", async () => {
    const person = await makePerson(db, site.id);
    await getPerson({ ctx: officer, personId: person.id });
    await recordAudit(db, { action: "person.update", outcome: "success", userId: clinician.user.id, actorEmail: clinician.user.email, personId: person.id });
    await recordAudit(db, { action: "something.new", outcome: "denied", userId: officer.user.id, actorEmail: officer.user.email, personId: person.id });

    const history = await getPersonHistory({ ctx: clinician, input: { personId: person.id } });
    expect(history.entries.map((e) => e.action)).toEqual([PERSON_HISTORY_ACTION, "something.new", "person.update", "person.view"]);
    expect(history.entries[3]).toMatchObject({ actorName: "Officer History", actorEmail: officer.user.email, actorRole: "probation_officer", outcome: "success" });
    expect(history.entries[2]).toMatchObject({ actorName: "Nurse History", actorRole: "clinician" });
    expect(history.entries[1]).toMatchObject({ outcome: "denied" });
    expect(history.total).toBe(4);
  });

  it("keeps the role the actor had then, after their role changes", async () => {
    const person = await makePerson(db, site.id);
    const mover = await makeUser(db, "probation_officer", [site.id]);
    await recordAudit(db, { action: "person.view", outcome: "success", userId: mover.id, personId: person.id });
    await db.update(users).set({ role: "clinician" }).where(eq(users.id, mover.id));
    const history = await getPersonHistory({ ctx: clinician, input: { personId: person.id, filter: "view" } });
    expect(history.entries.find((e) => e.action === "person.view")?.actorRole).toBe("probation_officer");
  });

  it("filters views from changes; unknown actions count as changes", async () => {
    const person = await makePerson(db, site.id);
    await recordAudit(db, { action: "consent.view", outcome: "success", userId: clinician.user.id, personId: person.id });
    await recordAudit(db, { action: "consent.record", outcome: "success", userId: clinician.user.id, personId: person.id });
    await recordAudit(db, { action: "brand-new.thing", outcome: "success", userId: clinician.user.id, personId: person.id });
    const views = await getPersonHistory({ ctx: clinician, input: { personId: person.id, filter: "view" } });
    const changes = await getPersonHistory({ ctx: clinician, input: { personId: person.id, filter: "change" } });
    expect(views.entries.map((e) => e.action).sort()).toEqual(["audit.person-history", "consent.view"]);
    expect(changes.entries.map((e) => e.action).sort()).toEqual(["brand-new.thing", "consent.record"]);
  });

  it("pages the history and audits each look", async () => {
    const person = await makePerson(db, site.id);
    for (let i = 0; i < HISTORY_PAGE_SIZE + 5; i++) await recordAudit(db, { action: "person.view", outcome: "success", userId: officer.user.id, personId: person.id });
    const before = (await historyAudits(clinician, "success")).length;
    const second = await getPersonHistory({ ctx: clinician, input: { personId: person.id, page: 2 } });
    expect(second.page).toBe(2);
    expect(second.pageCount).toBe(2);
    expect(second.total).toBe(HISTORY_PAGE_SIZE + 6);
    expect(second.entries).toHaveLength(6);
    const audits = await historyAudits(clinician, "success");
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ personId: person.id, siteId: site.id, actorRole: "clinician" });
  });

  it("refuses officers, managers and administrators (403), audited as denied", async () => {
    const person = await makePerson(db, site.id);
    for (const ctx of [officer, manager, admin]) {
      await expect(getPersonHistory({ ctx, input: { personId: person.id } })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await historyAudits(ctx, "denied")).not.toHaveLength(0);
    }
  });

  it("answers not found for a person at another site or a malformed id, audited as denied", async () => {
    const person = await makePerson(db, site.id);
    await expect(getPersonHistory({ ctx: clinicianThere, input: { personId: person.id } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPersonHistory({ ctx: clinician, input: { personId: "not-a-uuid" } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await historyAudits(clinicianThere, "denied")).toHaveLength(1);
  });
});
