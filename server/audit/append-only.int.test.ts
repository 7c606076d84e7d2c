import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "@/test/db";
import { recordAudit } from "./record";

// The app's own database handle is the one under test: whatever the app does, audit rows stay.
let handle: DatabaseHandle;
let db: Database;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => handle?.close());

async function total(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents);
  return row?.n ?? 0;
}

describe("audit_events is append-only", () => {
  it("accepts inserts", async () => {
    const before = await total();
    await recordAudit(db, { action: "test.insert", outcome: "success", detail: { n: 1 } });
    expect(await total()).toBe(before + 1);
  });

  it("refuses an UPDATE and leaves the row as it was", async () => {
    await recordAudit(db, { action: "test.update-target", outcome: "success" });
    await expect(db.update(auditEvents).set({ outcome: "denied" }).where(eq(auditEvents.action, "test.update-target"))).rejects.toThrow();
    const rows = await db.select({ outcome: auditEvents.outcome }).from(auditEvents).where(eq(auditEvents.action, "test.update-target"));
    expect(rows).toEqual([{ outcome: "success" }]);
  });

  it("refuses a DELETE", async () => {
    await recordAudit(db, { action: "test.delete-target", outcome: "success" });
    const before = await total();
    await expect(db.delete(auditEvents).where(eq(auditEvents.action, "test.delete-target"))).rejects.toThrow();
    expect(await total()).toBe(before);
  });

  it("refuses a TRUNCATE", async () => {
    const before = await total();
    expect(before).toBeGreaterThan(0);
    await expect(db.execute(sql`truncate table audit_events`)).rejects.toThrow();
    expect(await total()).toBe(before);
  });

  it("refuses an UPDATE inside a transaction, which then rolls back the change it was part of", async () => {
    const before = await total();
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { action: "test.in-transaction", outcome: "success" });
        await tx.update(auditEvents).set({ actorEmail: "someone-else@hub.example" }).where(eq(auditEvents.action, "test.in-transaction"));
      }),
    ).rejects.toThrow();
    expect(await total()).toBe(before);
  });
});
