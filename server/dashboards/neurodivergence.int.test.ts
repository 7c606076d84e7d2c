/**
 * Neurodivergence by the fingerprint of a check's neurodiversity section: Postgres keeps the
 * fingerprint (migration 0014), the lookup classifies each distinct section as
 * domain/dashboard/fairness.ts does, once per process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "@/db/client";
import { healthChecks } from "@/db/schema";
import { neurodivergenceFrom } from "@/domain/dashboard/fairness";
import { createTestDatabase } from "@/test/db";
import { makePerson, makeSite, makeUser } from "@/test/factories";
import { neurodivergenceByKey } from "./neurodivergence";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
}, 60_000);
afterAll(async () => handle?.close());

const section = (dyslexia: string, adhd = "not_recorded") => ({
  condition_adhd: adhd,
  condition_autism: "not_recorded",
  condition_learning_disability: "not_recorded",
  condition_acquired_brain_injury: "not_recorded",
  condition_dyslexia: dyslexia,
  condition_other: "not_recorded",
  conditionOther: null,
  adjustments: ["none"],
  adjustmentsOther: null,
});

describe("neurodivergenceByKey", () => {
  it("classifies each check's section by its fingerprint exactly as the answers themselves classify", async () => {
    const db = handle.db;
    const site = await makeSite(db);
    const staff = await makeUser(db, "clinician", [site.id]);
    const person = await makePerson(db, site.id);
    // Marked, none marked, not all answered, a section that no longer parses, and no section at all.
    const answers: Record<string, unknown>[] = [
      { neurodiversity: section("self_declared") },
      { neurodiversity: section("not_recorded") },
      { neurodiversity: section("not_recorded", "not_asked") },
      { neurodiversity: { ...section("confirmed"), adjustments: ["not an adjustment"] } },
      { smoking: { status: "never" } },
    ];
    const ids: string[] = [];
    for (const a of answers) {
      const [row] = await db.insert(healthChecks).values({ personId: person.id, siteId: site.id, status: "completed", answers: a, createdById: staff.id, completedAt: new Date() }).returning({ id: healthChecks.id });
      if (row) ids.push(row.id);
    }
    const rows = rowsOf<{ id: string; key: string | null; md5: string | null }>(
      await db.execute(sql`select id, neurodiversity_key as key, md5((answers -> 'neurodiversity')::text) as md5 from health_checks where person_id = ${person.id}`),
    );
    const keyOf = new Map(rows.map((r) => [r.id, r.key]));
    // Postgres keeps the fingerprint itself: the md5 of the section's text, none without a section.
    for (const r of rows) expect(r.key).toBe(r.md5);
    expect(keyOf.get(ids[4] ?? "")).toBeNull();

    const groupOf = await neurodivergenceByKey(db, ids.map((id) => keyOf.get(id) ?? null));
    const got = ids.map((id) => groupOf(keyOf.get(id) ?? null));
    expect(got).toEqual(answers.map((a) => neurodivergenceFrom(a)));
    // The cases differ, so the test can tell them apart.
    expect(got.slice(0, 3)).toEqual(["any", "none", "unknown"]);
  });

  it("remembers a fingerprint it has classified, and reads one that is no longer held as not known", async () => {
    const db = handle.db;
    const site = await makeSite(db);
    const staff = await makeUser(db, "clinician", [site.id]);
    const person = await makePerson(db, site.id);
    const marked = { neurodiversity: section("not_recorded", "confirmed") };
    const [row] = await db.insert(healthChecks).values({ personId: person.id, siteId: site.id, status: "completed", answers: marked, createdById: staff.id, completedAt: new Date() }).returning({ key: healthChecks.neurodiversityKey, id: healthChecks.id });
    if (!row?.key) throw new Error("no fingerprint");
    expect((await neurodivergenceByKey(db, [row.key]))(row.key)).toBe("any");
    // Gone from the table (a person's record erased since the rollup's refresh): still known, as classified.
    await db.delete(healthChecks).where(eq(healthChecks.id, row.id));
    expect((await neurodivergenceByKey(db, [row.key]))(row.key)).toBe("any");
    const never = "0".repeat(32);
    expect((await neurodivergenceByKey(db, [never]))(never)).toBe("unknown");
  });
});
