import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, services } from "@/db/schema";
import { messages, requirementMessages } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import type { CreateServiceInput } from "@/domain/schemas/service";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { createService, setServiceActive, updateService } from "./mutations";
import { getService, listServices } from "./queries";

let handle: DatabaseHandle;
let db: Database;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => handle?.close());

async function ctxAs(role: Role, siteIds: string[]): Promise<Ctx> {
  return ctxFor(db, await makeUser(db, role, siteIds), siteIds);
}

let sequence = 0;
const serviceInput = (siteId: string, overrides: Partial<CreateServiceInput> = {}): CreateServiceInput => ({
  siteId,
  name: `Talking Therapies ${++sequence}`,
  category: "talking_therapies",
  commissionerType: "icb",
  contact: "01632 960001",
  address: "Hills Road, Cambridge",
  ...overrides,
});

async function serviceRow(id: string) {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  if (!row) throw new Error("no service");
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

describe("administrators maintain the directory", () => {
  it("creates a service at their site, with an audit row", async () => {
    const site = await makeSite(db);
    const admin = await ctxAs("administrator", [site.id]);

    const { id } = await createService({ ctx: admin, input: serviceInput(site.id, { name: "Cambridgeshire NHS Talking Therapies" }) });

    expect(await serviceRow(id)).toMatchObject({ siteId: site.id, name: "Cambridgeshire NHS Talking Therapies", category: "talking_therapies", commissionerType: "icb", active: true, version: 1 });
    const audit = await auditBy(admin.user.id, "service.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "success", siteId: site.id, entityType: "service", entityId: id, personId: null });
  });

  it("refuses a site the administrator does not work at, and creates nothing", async () => {
    const [mine, theirs] = [await makeSite(db), await makeSite(db)];
    const admin = await ctxAs("administrator", [mine.id]);
    const before = await db.$count(services);

    const error = await rejection(createService({ ctx: admin, input: serviceInput(theirs.id) }));

    expect((error as ValidationError).fieldErrors).toEqual({ siteId: messages.siteNotYours });
    expect(await db.$count(services)).toBe(before);
  });

  it("refuses a second service with the same name at the same site, whatever its case, but not at another site", async () => {
    const [a, b] = [await makeSite(db), await makeSite(db)];
    const admin = await ctxAs("administrator", [a.id, b.id]);
    await createService({ ctx: admin, input: serviceInput(a.id, { name: "Sexual Health Clinic" }) });

    const error = await rejection(createService({ ctx: admin, input: serviceInput(a.id, { name: "sexual health clinic" }) }));
    expect((error as ValidationError).fieldErrors).toEqual({ name: requirementMessages.serviceNameTaken });
    await expect(createService({ ctx: admin, input: serviceInput(b.id, { name: "Sexual Health Clinic" }) })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("updates with the version the form carried, and refuses a stale version", async () => {
    const site = await makeSite(db);
    const admin = await ctxAs("administrator", [site.id]);
    const { id } = await createService({ ctx: admin, input: serviceInput(site.id) });
    const opened = await getService({ ctx: admin, serviceId: id });

    await updateService({ ctx: admin, input: { serviceId: id, version: opened.version, name: "Renamed service", category: "crisis", commissionerType: "icb", contact: null, address: null } });
    const saved = await serviceRow(id);
    expect(saved).toMatchObject({ name: "Renamed service", category: "crisis", contact: null, address: null, version: 2 });

    const error = await rejection(updateService({ ctx: admin, input: { serviceId: id, version: opened.version, name: "Second edit", category: "other", commissionerType: "voluntary_sector", contact: null, address: null } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.conflict);
    expect(await serviceRow(id)).toEqual(saved);
    expect(await auditBy(admin.user.id, "service.update")).toHaveLength(1);
  });

  it("keeps a service's own name when it is saved unchanged", async () => {
    const site = await makeSite(db);
    const admin = await ctxAs("administrator", [site.id]);
    const input = serviceInput(site.id);
    const { id } = await createService({ ctx: admin, input });
    await updateService({ ctx: admin, input: { serviceId: id, version: 1, name: input.name, category: input.category, commissionerType: input.commissionerType, contact: "01632 960999", address: null } });
    expect((await serviceRow(id)).contact).toBe("01632 960999");
  });

  it("deactivates and reactivates, auditing each change once", async () => {
    const site = await makeSite(db);
    const admin = await ctxAs("administrator", [site.id]);
    const { id } = await createService({ ctx: admin, input: serviceInput(site.id) });

    await setServiceActive({ ctx: admin, input: { serviceId: id, active: false } });
    expect(await serviceRow(id)).toMatchObject({ active: false, version: 2 });
    // A second click changes nothing and records nothing.
    await setServiceActive({ ctx: admin, input: { serviceId: id, active: false } });
    await setServiceActive({ ctx: admin, input: { serviceId: id, active: true } });
    expect(await serviceRow(id)).toMatchObject({ active: true, version: 3 });

    const audit = await auditBy(admin.user.id);
    expect(audit.filter((a) => a.action !== "service.create").map((a) => [a.action, a.outcome, a.entityId])).toEqual([
      ["service.deactivate", "success", id],
      ["service.reactivate", "success", id],
    ]);
  });
});

describe("listServices", () => {
  it("lists the services at the user's sites only, filtered by site and category, active ones unless asked", async () => {
    const [a, b, elsewhere] = [await makeSite(db, "Aardvark"), await makeSite(db, "Badger"), await makeSite(db, "Zebra")];
    const admin = await ctxAs("administrator", [a.id, b.id, elsewhere.id]);
    const gp = await createService({ ctx: admin, input: serviceInput(a.id, { name: "Town Surgery", category: "gp_primary_care", contact: null, address: null }) });
    const crisis = await createService({ ctx: admin, input: serviceInput(a.id, { name: "Crisis line", category: "crisis" }) });
    const closed = await createService({ ctx: admin, input: serviceInput(b.id, { name: "Closed clinic", category: "sexual_health", commissionerType: "local_authority" }) });
    await setServiceActive({ ctx: admin, input: { serviceId: closed.id, active: false } });
    const atB = await createService({ ctx: admin, input: serviceInput(b.id, { name: "Badger housing options", category: "housing", commissionerType: "local_authority" }) });
    const hidden = await createService({ ctx: admin, input: serviceInput(elsewhere.id, { name: "Elsewhere service" }) });

    const clinician = await ctxAs("clinician", [a.id, b.id]);
    const all = await listServices({ ctx: clinician, query: {} });
    expect(all.map((s) => s.id)).toEqual([crisis.id, gp.id, atB.id]);
    expect(all[1]).toEqual({
      id: gp.id,
      siteId: a.id,
      siteName: "Aardvark",
      name: "Town Surgery",
      category: "gp_primary_care",
      commissionerType: "icb",
      contact: null,
      address: null,
      active: true,
    });
    expect(all.some((s) => s.id === hidden.id)).toBe(false);

    expect((await listServices({ ctx: clinician, query: { siteId: b.id } })).map((s) => s.id)).toEqual([atB.id]);
    expect((await listServices({ ctx: clinician, query: { category: "crisis" } })).map((s) => s.id)).toEqual([crisis.id]);
    expect((await listServices({ ctx: clinician, query: { siteId: b.id, includeInactive: true } })).map((s) => [s.name, s.active])).toEqual([
      ["Badger housing options", true],
      ["Closed clinic", false],
    ]);
    // Asking for another site's services by id finds nothing.
    expect(await listServices({ ctx: clinician, query: { siteId: elsewhere.id, includeInactive: true } })).toEqual([]);
  });
});

describe("scoping", () => {
  it("answers not found for a service at another site, audits each refusal and changes nothing", async () => {
    const [mine, theirs] = [await makeSite(db), await makeSite(db)];
    const owner = await ctxAs("administrator", [theirs.id]);
    const { id } = await createService({ ctx: owner, input: serviceInput(theirs.id) });
    const before = await serviceRow(id);
    const admin = await ctxAs("administrator", [mine.id]);

    const calls: [string, () => Promise<unknown>][] = [
      ["service.view", () => getService({ ctx: admin, serviceId: id })],
      ["service.update", () => updateService({ ctx: admin, input: { serviceId: id, version: 1, name: "Taken over", category: "other", commissionerType: "voluntary_sector", contact: null, address: null } })],
      ["service.deactivate", () => setServiceActive({ ctx: admin, input: { serviceId: id, active: false } })],
    ];
    for (const [action, call] of calls) expect(await rejection(call()), action).toBeInstanceOf(NotFoundError);

    const audit = await auditBy(admin.user.id);
    expect(audit.map((a) => [a.action, a.outcome, a.entityType, a.entityId])).toEqual(calls.map(([action]) => [action, "denied", "service", id]));
    expect(await serviceRow(id)).toEqual(before);
  });

  it("answers not found for an id that is not a uuid", async () => {
    const admin = await ctxAs("administrator", [(await makeSite(db)).id]);
    expect(await rejection(getService({ ctx: admin, serviceId: "not-a-uuid" }))).toBeInstanceOf(NotFoundError);
  });
});

describe("permissions", () => {
  it("lets a clinician read the directory, but not change it", async () => {
    const site = await makeSite(db);
    const admin = await ctxAs("administrator", [site.id]);
    const { id } = await createService({ ctx: admin, input: serviceInput(site.id) });
    const clinician = await ctxAs("clinician", [site.id]);

    expect((await getService({ ctx: clinician, serviceId: id })).id).toBe(id);
    const calls: [string, () => Promise<unknown>][] = [
      ["service.create", () => createService({ ctx: clinician, input: serviceInput(site.id) })],
      ["service.update", () => updateService({ ctx: clinician, input: { serviceId: id, version: 1, name: "Mine now", category: "other", commissionerType: "icb", contact: null, address: null } })],
      ["service.deactivate", () => setServiceActive({ ctx: clinician, input: { serviceId: id, active: false } })],
    ];
    for (const [action, call] of calls) expect(await rejection(call()), action).toBeInstanceOf(ForbiddenError);
    const audit = await auditBy(clinician.user.id);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual(calls.map(([action]) => [action, "denied"]));
    for (const row of audit) expect(row.detail).toEqual({ reason: "permission", permission: "service:manage" });
    expect(await serviceRow(id)).toMatchObject({ version: 1, active: true });
  });

  it.each<Role>(["probation_officer", "pilot_manager"])("refuses a %s every services use case, audited", async (role) => {
    const site = await makeSite(db);
    const admin = await ctxAs("administrator", [site.id]);
    const { id } = await createService({ ctx: admin, input: serviceInput(site.id) });
    const caller = await ctxAs(role, [site.id]);

    const calls: [string, () => Promise<unknown>][] = [
      ["services.list", () => listServices({ ctx: caller, query: {} })],
      ["service.view", () => getService({ ctx: caller, serviceId: id })],
      ["service.create", () => createService({ ctx: caller, input: serviceInput(site.id) })],
      ["service.update", () => updateService({ ctx: caller, input: { serviceId: id, version: 1, name: "X", category: "other", commissionerType: "icb", contact: null, address: null } })],
      ["service.reactivate", () => setServiceActive({ ctx: caller, input: { serviceId: id, active: true } })],
    ];
    for (const [action, call] of calls) expect(await rejection(call()), action).toBeInstanceOf(ForbiddenError);
    expect((await auditBy(caller.user.id)).map((a) => [a.action, a.outcome])).toEqual(calls.map(([action]) => [action, "denied"]));
  });
});
