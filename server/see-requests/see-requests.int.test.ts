import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, seeRequests } from "@/db/schema";
import { messages, referralMessages } from "@/domain/messages";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { createSeeRequest, handleSeeRequest } from "./mutations";
import { getSeeRequest, listOpenSeeRequests, listSeeRequestsForPerson } from "./queries";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let officer: Ctx;
let clinician: Ctx;
let otherClinician: Ctx;
let manager: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id], { name: "Officer One" }), [site.id]);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse One" }), [site.id]);
  otherClinician = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
  manager = ctxFor(db, await makeUser(db, "pilot_manager", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

async function stored(id: string) {
  const [row] = await db.select().from(seeRequests).where(eq(seeRequests.id, id));
  if (!row) throw new Error("no request");
  return row;
}

async function requested() {
  const person = await makePerson(db, site.id);
  const { id } = await createSeeRequest({ ctx: officer, input: { personId: person.id, reason: "gp_registration", note: "Has just moved to the area" } });
  return { person, id };
}

describe("createSeeRequest", () => {
  it("stores the officer's request, audited without the note, and puts it on the clinicians' worklist at that site only", async () => {
    const { person, id } = await requested();
    expect(await stored(id)).toMatchObject({ personId: person.id, siteId: site.id, reason: "gp_registration", note: "Has just moved to the area", status: "open", requestedById: officer.user.id, version: 1 });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "see-request.create")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "success", userId: officer.user.id, personId: person.id, siteId: site.id, detail: { reason: "gp_registration" } });
    expect(JSON.stringify(audit)).not.toContain("moved to the area");

    const open = await listOpenSeeRequests({ ctx: clinician });
    expect(open.find((r) => r.id === id)).toMatchObject({ personId: person.id, reason: "gp_registration", requestedByName: "Officer One" });
    expect((await listOpenSeeRequests({ ctx: otherClinician })).map((r) => r.id)).not.toContain(id);
  });

  it("is for officers, about people at their sites", async () => {
    const person = await makePerson(db, site.id);
    await expect(createSeeRequest({ ctx: clinician, input: { personId: person.id, reason: "other", note: null } })).rejects.toBeInstanceOf(ForbiddenError);
    const elsewhere = await makePerson(db, otherSite.id);
    await expect(createSeeRequest({ ctx: officer, input: { personId: elsewhere.id, reason: "other", note: null } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.select().from(seeRequests).where(eq(seeRequests.personId, elsewhere.id))).toHaveLength(0);
  });
});

describe("handleSeeRequest", () => {
  it("marks a request seen, audited, and takes it off the worklist", async () => {
    const { id, person } = await requested();
    const now = new Date("2026-03-02T11:00:00Z");
    await handleSeeRequest({ ctx: clinician, input: { seeRequestId: id, version: 1, status: "seen" }, now });
    expect(await stored(id)).toMatchObject({ status: "seen", handledById: clinician.user.id, version: 2 });
    expect((await stored(id)).handledAt?.toISOString()).toBe(now.toISOString());
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "see-request.seen")))).toHaveLength(1);
    expect((await listOpenSeeRequests({ ctx: clinician })).map((r) => r.id)).not.toContain(id);
    const forOfficer = await listSeeRequestsForPerson({ ctx: officer, personId: person.id });
    expect(forOfficer[0]).toMatchObject({ id, status: "seen", handledByName: "Nurse One" });
  });

  it("refuses a stale version, and a request already dealt with", async () => {
    const { id } = await requested();
    await handleSeeRequest({ ctx: clinician, input: { seeRequestId: id, version: 1, status: "closed" } });
    const stale = await handleSeeRequest({ ctx: clinician, input: { seeRequestId: id, version: 1, status: "seen" } }).catch((e: unknown) => e);
    expect((stale as ConflictError).userMessage).toBe(messages.conflict);
    const again = await handleSeeRequest({ ctx: clinician, input: { seeRequestId: id, version: 2, status: "seen" } }).catch((e: unknown) => e);
    expect((again as ConflictError).userMessage).toBe(referralMessages.seeRequestHandled);
    expect((await stored(id)).status).toBe("closed");
  });

  it("of two clinicians answering at once, exactly one wins", async () => {
    const { id } = await requested();
    const results = await Promise.allSettled([
      handleSeeRequest({ ctx: clinician, input: { seeRequestId: id, version: 1, status: "seen" } }),
      handleSeeRequest({ ctx: clinician, input: { seeRequestId: id, version: 1, status: "closed" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" ? rejected.reason : null).toBeInstanceOf(ConflictError);
    expect((await stored(id)).version).toBe(2);
  });

  it("is for clinicians at the request's site", async () => {
    const { id } = await requested();
    await expect(handleSeeRequest({ ctx: officer, input: { seeRequestId: id, version: 1, status: "seen" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(handleSeeRequest({ ctx: otherClinician, input: { seeRequestId: id, version: 1, status: "seen" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSeeRequest({ ctx: otherClinician, seeRequestId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listOpenSeeRequests({ ctx: manager })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listSeeRequestsForPerson({ ctx: manager, personId: (await stored(id)).personId })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await stored(id)).status).toBe("open");
    const view = await getSeeRequest({ ctx: clinician, seeRequestId: id });
    expect(view).toMatchObject({ id, status: "open", requestedByName: "Officer One", version: 1 });
  });
});
