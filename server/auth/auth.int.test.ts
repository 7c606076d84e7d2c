import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { createTestDatabase } from "@/test/db";
import { makeSite, makeUser } from "@/test/factories";
import { hashPassword } from "./passwords";
import { loadActiveUser } from "./session-user";
import { verifyCredentials } from "./verify-credentials";

let handle: DatabaseHandle;
let db: Database;
let siteId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  siteId = (await makeSite(db)).id;
});
afterAll(async () => handle?.close());

describe("verifyCredentials", () => {
  it("signs in with the right password and audits success and each failure", async () => {
    const user = await makeUser(db, "clinician", [siteId], { passwordHash: await hashPassword("correct horse battery") });
    expect(await verifyCredentials(db, { email: user.email.toUpperCase(), password: "correct horse battery", ip: "10.0.0.1" })).toMatchObject({ id: user.id });
    expect(await verifyCredentials(db, { email: user.email, password: "wrong password!!", ip: "10.0.0.1" })).toBeNull();
    expect(await verifyCredentials(db, { email: "nobody@test.example", password: "whatever password", ip: "10.0.0.1" })).toBeNull();

    const rows = await db.select().from(auditEvents).where(eq(auditEvents.action, "sign-in"));
    const mine = rows.filter((r) => r.actorEmail === user.email);
    expect(mine.map((r) => r.outcome).sort()).toEqual(["failure", "success"]);
    expect(rows.find((r) => r.actorEmail === "nobody@test.example")).toMatchObject({ outcome: "failure", userId: null, ip: "10.0.0.1" });
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await makeUser(db, "clinician", [siteId], { passwordHash: await hashPassword("correct horse battery"), disabled: true });
    expect(await verifyCredentials(db, { email: user.email, password: "correct horse battery", ip: null })).toBeNull();
  });
});

describe("loadActiveUser (checked on every request)", () => {
  it("returns the user, role and sites while the session version matches", async () => {
    const user = await makeUser(db, "probation_officer", [siteId]);
    expect(await loadActiveUser(db, user.id, 1)).toEqual({ id: user.id, email: user.email, name: user.name, role: "probation_officer", siteIds: [siteId] });
  });

  it("signs out a session issued before access changed, or for a disabled user", async () => {
    const user = await makeUser(db, "probation_officer", [siteId]);
    await db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, user.id));
    expect(await loadActiveUser(db, user.id, 1)).toBeNull();
    expect(await loadActiveUser(db, user.id, 2)).not.toBeNull();
    await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await loadActiveUser(db, user.id, 2)).toBeNull();
  });
});
