import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/test/db";
import { auditEvents, sites, userSites, users } from "@/db/schema";
import { messages, userMessages } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import { createUserSchema, type CreateUserInput } from "@/domain/schemas/user";
import type { Ctx } from "../context";
import { verifyPassword } from "../auth/passwords";
import { uniqueViolation } from "../db-errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { createUser, resetPassword, setUserDisabled, updateUserAccess } from "./mutations";
import { getUser, listUsers } from "./queries";

let handle: DatabaseHandle;
let db: Database;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});

afterAll(async () => {
  await handle.close();
});

// Factories: every test makes its own rows, with names no other test uses.
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`;

async function makeSite(): Promise<string> {
  const code = unique("site");
  const [row] = await db
    .insert(sites)
    .values({ code, name: `Site ${code}`, probationRegion: "Test region", nhsRegion: "Test NHS region", integratedCareBoard: "Test ICB" })
    .returning({ id: sites.id });
  if (!row) throw new Error("no site");
  return row.id;
}

type TestUser = { id: string; email: string; name: string; role: Role; siteIds: string[] };

async function makeUser(role: Role, siteIds: string[], name = unique("User")): Promise<TestUser> {
  const email = `${unique("user")}@hub.test`;
  const [row] = await db.insert(users).values({ email, name, role, passwordHash: "not-a-real-hash" }).returning({ id: users.id });
  if (!row) throw new Error("no user");
  if (siteIds.length) await db.insert(userSites).values(siteIds.map((siteId) => ({ userId: row.id, siteId })));
  return { id: row.id, email, name, role, siteIds };
}

function ctxFor(user: TestUser): Ctx {
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, siteIds: user.siteIds }, db, ip: null };
}

async function adminAt(...siteIds: string[]): Promise<{ admin: TestUser; ctx: Ctx }> {
  const admin = await makeUser("administrator", siteIds);
  return { admin, ctx: ctxFor(admin) };
}

function newUserInput(siteIds: string[], overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  return createUserSchema.parse({
    name: "Priya Shah",
    email: `${unique("New.User")}@Hub.Test`,
    role: "clinician",
    siteIds,
    password: "correct horse battery",
    ...overrides,
  });
}

async function userRow(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error("user missing");
  return row;
}

async function siteIdsOf(userId: string): Promise<string[]> {
  const rows = await db.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, userId));
  return rows.map((r) => r.siteId).sort();
}

function auditFor(filter: { userId: string; action?: string }) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, filter.userId), filter.action ? eq(auditEvents.action, filter.action) : undefined))
    .orderBy(asc(auditEvents.id));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("createUser", () => {
  it("creates the user at the chosen sites, with an argon2id hash and an audit row", async () => {
    const [siteA, siteB] = [await makeSite(), await makeSite()];
    const { admin, ctx } = await adminAt(siteA, siteB);
    const input = newUserInput([siteA, siteB]);

    const { id } = await createUser({ ctx, input });

    const row = await userRow(id);
    expect(row.email).toBe(input.email);
    expect(row.email).toBe(row.email.toLowerCase());
    expect(row.name).toBe("Priya Shah");
    expect(row.role).toBe("clinician");
    expect(row.disabled).toBe(false);
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong password here")).toBe(false);
    expect(await siteIdsOf(id)).toEqual([siteA, siteB].sort());

    const audit = await auditFor({ userId: admin.id, action: "user.create" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "success", entityType: "user", entityId: id, actorEmail: admin.email });
    const recorded = JSON.stringify(audit[0]);
    expect(recorded).not.toContain("correct horse battery");
    expect(recorded).not.toContain(row.passwordHash);
  });

  it("refuses an email already in use, whatever its case, with the field message and no new row", async () => {
    const site = await makeSite();
    const { ctx } = await adminAt(site);
    const first = newUserInput([site]);
    await createUser({ ctx, input: first });
    const before = await db.$count(users);

    const error = await rejection(createUser({ ctx, input: { ...first, email: first.email.toUpperCase(), name: "Someone Else" } }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ email: messages.emailTaken });
    expect(await db.$count(users)).toBe(before);
  });

  it("refuses a site the administrator does not work at, and creates nothing", async () => {
    const [mine, theirs] = [await makeSite(), await makeSite()];
    const { admin, ctx } = await adminAt(mine);
    const before = await db.$count(users);

    const error = await rejection(createUser({ ctx, input: newUserInput([mine, theirs]) }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ siteIds: userMessages.sitesNotYours });
    expect(await db.$count(users)).toBe(before);
    expect(await auditFor({ userId: admin.id, action: "user.create" })).toHaveLength(0);
  });

  it("maps the database's unique constraint on email to the same field message", async () => {
    // The check before inserting covers most cases; the constraint covers two admins at once.
    const existing = await makeUser("clinician", []);
    const error = await rejection(db.insert(users).values({ email: existing.email, name: "Race", role: "clinician", passwordHash: "x" }));
    expect(uniqueViolation(error)).toBe("users_email_unique");
  });
});

describe("only administrators manage users", () => {
  const nonAdmins: Role[] = ["clinician", "probation_officer", "pilot_manager"];

  it.each(nonAdmins)("a %s is refused every users use case, and each refusal is audited", async (role) => {
    const site = await makeSite();
    const caller = await makeUser(role, [site]);
    const target = await makeUser("clinician", [site]);
    const ctx = ctxFor(caller);
    const before = await userRow(target.id);

    const calls: [string, () => Promise<unknown>][] = [
      ["users.list", () => listUsers({ ctx, query: {} })],
      ["user.view", () => getUser({ ctx, userId: target.id })],
      ["user.create", () => createUser({ ctx, input: newUserInput([site]) })],
      ["user.update-access", () => updateUserAccess({ ctx, input: { userId: target.id, version: before.version, role: "administrator", siteIds: [site] } })],
      ["user.disable", () => setUserDisabled({ ctx, input: { userId: target.id, disabled: true } })],
      ["user.reset-password", () => resetPassword({ ctx, input: { userId: target.id, password: "a brand new password" } })],
    ];
    for (const [action, call] of calls) {
      expect(await rejection(call()), action).toBeInstanceOf(ForbiddenError);
    }

    const audit = await auditFor({ userId: caller.id });
    expect(audit.map((a) => a.action)).toEqual(calls.map(([action]) => action));
    for (const row of audit) expect(row).toMatchObject({ outcome: "denied", detail: { reason: "permission", permission: "user:manage" } });
    expect(await userRow(target.id)).toEqual(before);
  });
});

describe("updateUserAccess", () => {
  it("changes the role and sites, bumps the version and session version, and audits the change", async () => {
    const [siteA, siteB] = [await makeSite(), await makeSite()];
    const { admin, ctx } = await adminAt(siteA, siteB);
    const target = await makeUser("probation_officer", [siteA]);
    const before = await userRow(target.id);

    await updateUserAccess({ ctx, input: { userId: target.id, version: before.version, role: "clinician", siteIds: [siteB] } });

    const after = await userRow(target.id);
    expect(after.role).toBe("clinician");
    expect(after.version).toBe(before.version + 1);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await siteIdsOf(target.id)).toEqual([siteB]);
    const [audit] = await auditFor({ userId: admin.id, action: "user.update-access" });
    expect(audit).toMatchObject({
      outcome: "success",
      entityType: "user",
      entityId: target.id,
      detail: { fromRole: "probation_officer", toRole: "clinician", sitesAdded: [siteB], sitesRemoved: [siteA] },
    });
  });

  it("refuses a stale version with a conflict and changes nothing", async () => {
    const [siteA, siteB] = [await makeSite(), await makeSite()];
    const { admin, ctx } = await adminAt(siteA, siteB);
    const target = await makeUser("probation_officer", [siteA]);
    const opened = await userRow(target.id);
    // Another administrator saves first.
    await updateUserAccess({ ctx, input: { userId: target.id, version: opened.version, role: "clinician", siteIds: [siteA] } });
    const current = await userRow(target.id);

    const error = await rejection(updateUserAccess({ ctx, input: { userId: target.id, version: opened.version, role: "pilot_manager", siteIds: [siteB] } }));

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.conflict);
    expect(await userRow(target.id)).toEqual(current);
    expect(await siteIdsOf(target.id)).toEqual([siteA]);
    expect(await auditFor({ userId: admin.id, action: "user.update-access" })).toHaveLength(1);
  });

  it("refuses to change an account that also works at a site the administrator does not manage", async () => {
    const [mine, theirs] = [await makeSite(), await makeSite()];
    const { ctx } = await adminAt(mine);
    const target = await makeUser("clinician", [mine, theirs]);
    const details = await getUser({ ctx, userId: target.id });
    expect(details.siteIds).toEqual([mine]);
    expect(details.otherSiteCount).toBe(1);
    const before = await userRow(target.id);

    // Otherwise an administrator at one site could take over an account and read another site's records.
    for (const attempt of [
      () => updateUserAccess({ ctx, input: { userId: target.id, version: details.version, role: "probation_officer", siteIds: [mine] } }),
      () => resetPassword({ ctx, input: { userId: target.id, password: "a brand new passphrase" } }),
      () => setUserDisabled({ ctx, input: { userId: target.id, disabled: true } }),
    ]) {
      expect(await rejection(attempt())).toBeInstanceOf(ForbiddenError);
    }
    expect(await userRow(target.id)).toEqual(before);
    expect(await siteIdsOf(target.id)).toEqual([mine, theirs].sort());
  });

  it("refuses a site the administrator does not work at", async () => {
    const [mine, theirs] = [await makeSite(), await makeSite()];
    const { ctx } = await adminAt(mine);
    const target = await makeUser("clinician", [mine]);
    const before = await userRow(target.id);

    const error = await rejection(updateUserAccess({ ctx, input: { userId: target.id, version: before.version, role: "clinician", siteIds: [theirs] } }));

    expect((error as ValidationError).fieldErrors).toEqual({ siteIds: userMessages.sitesNotYours });
    expect(await userRow(target.id)).toEqual(before);
  });

  it("refuses an administrator changing their own access", async () => {
    const site = await makeSite();
    const { admin, ctx } = await adminAt(site);
    const before = await userRow(admin.id);

    const error = await rejection(updateUserAccess({ ctx, input: { userId: admin.id, version: before.version, role: "clinician", siteIds: [site] } }));

    expect((error as ValidationError).fieldErrors).toEqual({ role: userMessages.cannotChangeOwnAccess });
    expect(await userRow(admin.id)).toEqual(before);
  });
});

describe("setUserDisabled", () => {
  it("refuses an administrator disabling themselves", async () => {
    const site = await makeSite();
    const { admin, ctx } = await adminAt(site);
    const before = await userRow(admin.id);

    const error = await rejection(setUserDisabled({ ctx, input: { userId: admin.id, disabled: true } }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ disabled: userMessages.cannotDisableSelf });
    expect(await userRow(admin.id)).toEqual(before);
  });

  it("disables and re-enables a user, ending their sessions each time", async () => {
    const site = await makeSite();
    const { admin, ctx } = await adminAt(site);
    const target = await makeUser("clinician", [site]);
    const before = await userRow(target.id);

    await setUserDisabled({ ctx, input: { userId: target.id, disabled: true } });
    const disabled = await userRow(target.id);
    expect(disabled.disabled).toBe(true);
    expect(disabled.sessionVersion).toBe(before.sessionVersion + 1);
    expect(disabled.version).toBe(before.version + 1);

    await setUserDisabled({ ctx, input: { userId: target.id, disabled: false } });
    const enabled = await userRow(target.id);
    expect(enabled.disabled).toBe(false);
    expect(enabled.sessionVersion).toBe(before.sessionVersion + 2);

    const audit = await auditFor({ userId: admin.id });
    expect(audit.map((a) => [a.action, a.outcome, a.entityId])).toEqual([
      ["user.disable", "success", target.id],
      ["user.enable", "success", target.id],
    ]);
  });
});

describe("resetPassword", () => {
  it("sets a new argon2id hash, ends the user's sessions and audits without the password", async () => {
    const site = await makeSite();
    const { admin, ctx } = await adminAt(site);
    const target = await makeUser("probation_officer", [site]);
    const before = await userRow(target.id);

    await resetPassword({ ctx, input: { userId: target.id, password: "a brand new password" } });

    const after = await userRow(target.id);
    expect(after.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(after.passwordHash, "a brand new password")).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.version).toBe(before.version);
    const [audit] = await auditFor({ userId: admin.id, action: "user.reset-password" });
    expect(audit).toMatchObject({ outcome: "success", entityId: target.id, detail: null });
  });
});

describe("scoping", () => {
  it("answers not found for a user at a site the administrator does not share, and audits each refusal", async () => {
    const [mine, theirs] = [await makeSite(), await makeSite()];
    const { admin, ctx } = await adminAt(mine);
    const elsewhere = await makeUser("clinician", [theirs], unique("Elsewhere"));
    const before = await userRow(elsewhere.id);

    const calls: [string, () => Promise<unknown>][] = [
      ["user.view", () => getUser({ ctx, userId: elsewhere.id })],
      ["user.update-access", () => updateUserAccess({ ctx, input: { userId: elsewhere.id, version: before.version, role: "clinician", siteIds: [mine] } })],
      ["user.disable", () => setUserDisabled({ ctx, input: { userId: elsewhere.id, disabled: true } })],
      ["user.reset-password", () => resetPassword({ ctx, input: { userId: elsewhere.id, password: "a brand new password" } })],
    ];
    for (const [action, call] of calls) {
      expect(await rejection(call()), action).toBeInstanceOf(NotFoundError);
    }

    const audit = await auditFor({ userId: admin.id });
    expect(audit.map((a) => [a.action, a.outcome, a.entityId])).toEqual(calls.map(([action]) => [action, "denied", elsewhere.id]));
    expect(await userRow(elsewhere.id)).toEqual(before);
    expect(await siteIdsOf(elsewhere.id)).toEqual([theirs]);
    expect((await listUsers({ ctx, query: { q: elsewhere.name } })).total).toBe(0);
  });

  it("answers not found for an id that is not a uuid", async () => {
    const { ctx } = await adminAt(await makeSite());
    expect(await rejection(getUser({ ctx, userId: "not-a-uuid" }))).toBeInstanceOf(NotFoundError);
  });

  it("shows users with no site at all", async () => {
    const { ctx } = await adminAt(await makeSite());
    const homeless = await makeUser("pilot_manager", [], unique("Siteless"));
    const details = await getUser({ ctx, userId: homeless.id });
    expect(details).toMatchObject({ id: homeless.id, siteIds: [], siteNames: [], otherSiteCount: 0 });
  });
});

describe("listUsers", () => {
  it("lists the administrator's users by name, 25 a page, searching name or email, with only shared site names", async () => {
    const [mine, theirs] = [await makeSite(), await makeSite()];
    const { ctx } = await adminAt(mine);
    const tag = unique("Batch");
    const created: TestUser[] = [];
    for (let i = 29; i >= 0; i--) created.push(await makeUser("clinician", [mine, theirs], `${tag} ${String(i).padStart(2, "0")}`));
    await db.update(users).set({ disabled: true }).where(eq(users.id, created[0]?.id ?? ""));

    const first = await listUsers({ ctx, query: { q: tag.toUpperCase() } });
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toEqual({ id: created[29]?.id, name: `${tag} 00`, email: created[29]?.email, role: "clinician", disabled: false, siteNames: [(await siteName(mine))] });
    expect(Object.keys(first.rows[0] ?? {}).sort()).toEqual(["disabled", "email", "id", "name", "role", "siteNames"]);

    const second = await listUsers({ ctx, query: { q: tag, page: 2 } });
    expect(second.rows.map((r) => r.name)).toEqual([25, 26, 27, 28, 29].map((i) => `${tag} ${i}`));
    expect(second.rows.at(-1)?.disabled).toBe(true);

    const target = created[3];
    const byEmail = await listUsers({ ctx, query: { q: target?.email.toUpperCase() } });
    expect(byEmail.rows.map((r) => r.id)).toEqual([target?.id]);

    const none = await listUsers({ ctx, query: { q: "100%_not_there" } });
    expect(none).toMatchObject({ total: 0, rows: [], pageCount: 0 });
  });
});

async function siteName(id: string): Promise<string> {
  const [row] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, id));
  return row?.name ?? "";
}
