import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray, lt } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { appointments, auditEvents, idempotencyKeys, people, seeRequests, treatmentRequirements } from "@/db/schema";
import { messages } from "@/domain/messages";
import { createPersonSchema } from "@/domain/schemas/person";
import { createSeeRequestSchema } from "@/domain/schemas/see-request";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser, personInput } from "@/test/factories";
import type { Ctx } from "./context";
import { ConflictError, ValidationError } from "./errors";
import { handleForm } from "./form-action";
import { IDEMPOTENCY_KEY_TTL_MS, purgeIdempotencyKeys } from "./idempotency";
import { bookAppointment, recordOutcome } from "./appointments/mutations";
import { createPerson } from "./people/mutations";
import { createSeeRequest } from "./see-requests/mutations";

// Runs on in-memory PGlite, and on a real Postgres server (true concurrency, several connections)
// when TEST_DATABASE_URL is set: `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres`.

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let clinician: Ctx;
let officer: Ctx;
let otherClinician: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
  otherClinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

const enrolledOn = "2026-11-02";

async function peopleWithCrn(crn: string) {
  return db.select({ id: people.id }).from(people).where(eq(people.crn, crn));
}

async function auditCount(action: string, entityIds: string[]) {
  if (entityIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), inArray(auditEvents.entityId, entityIds)));
  return row?.n ?? 0;
}

describe("the form field", () => {
  it("accepts a UUID or nothing, and refuses anything else", () => {
    const base = { givenName: "A", familyName: "B", dateOfBirthDay: "1", dateOfBirthMonth: "2", dateOfBirthYear: "1990", crn: "X123456", sexRegisteredAtGp: "male", ethnicGroup: "white", orderType: "licence", siteId: randomUUID() };
    const key = randomUUID();
    const withKey = createPersonSchema.safeParse({ ...base, idempotencyKey: key });
    expect(withKey.success && withKey.data.idempotencyKey).toBe(key);
    const blank = createPersonSchema.safeParse({ ...base, idempotencyKey: "" });
    expect(blank.success && blank.data.idempotencyKey).toBeUndefined();
    expect(createPersonSchema.safeParse({ ...base, idempotencyKey: "not-a-uuid" }).success).toBe(false);
  });
});

describe("the form adapter", () => {
  it("a malformed key (a tampered hidden field) is shown as a form error and creates nothing", async () => {
    const person = await makePerson(db, site.id);
    const form = new FormData();
    form.set("personId", person.id);
    form.set("reason", "general_health");
    form.set("note", "tampered");
    form.set("idempotencyKey", "not-a-uuid");
    let ran = false;
    const state = await handleForm(form, createSeeRequestSchema, async (input) => {
      ran = true;
      await createSeeRequest({ ctx: officer, input });
    });
    expect(ran).toBe(false);
    expect(state).toMatchObject({ ok: false, fieldErrors: {}, formError: messages.submissionReused, values: { note: "tampered" } });
    expect(state.values).not.toHaveProperty("idempotencyKey");
    expect(await db.select().from(seeRequests).where(eq(seeRequests.personId, person.id))).toHaveLength(0);
  });

  it("a repeat through the form lands on the same record", async () => {
    const person = await makePerson(db, site.id);
    const form = new FormData();
    form.set("personId", person.id);
    form.set("reason", "general_health");
    form.set("idempotencyKey", randomUUID());
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const state = await handleForm(form, createSeeRequestSchema, async (input) => {
        const { id } = await createSeeRequest({ ctx: officer, input });
        ids.push(id);
        return { message: "sent" };
      });
      expect(state.ok).toBe(true);
    }
    expect(new Set(ids).size).toBe(1);
    expect(await db.select().from(seeRequests).where(eq(seeRequests.personId, person.id))).toHaveLength(1);
  });
});

describe("a repeated create", () => {
  it("makes one person, one set of requirements and one audit row, and answers the repeat with the same id", async () => {
    const key = randomUUID();
    const input = { ...personInput(site.id, { requirementDRR: true }), idempotencyKey: key };
    const first = await createPerson({ ctx: clinician, input, enrolledOn });
    const again = await createPerson({ ctx: clinician, input, enrolledOn });
    expect(again).toEqual(first);
    expect(await peopleWithCrn(input.crn)).toHaveLength(1);
    const requirements = await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.personId, first.id));
    expect(requirements).toHaveLength(1);
    expect(await auditCount("person.create", [first.id])).toBe(1);
    const [stored] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(stored).toMatchObject({ userId: clinician.user.id, action: "person.create", result: { id: first.id } });
  });

  it("without a key behaves as before: a second submission is a second attempt (here refused: CRN taken)", async () => {
    const input = personInput(site.id);
    await createPerson({ ctx: clinician, input, enrolledOn });
    await expect(createPerson({ ctx: clinician, input, enrolledOn })).rejects.toBeInstanceOf(ValidationError);
    expect(await peopleWithCrn(input.crn)).toHaveLength(1);
  });

  it("a fresh key (a fresh form) makes a fresh record", async () => {
    const person = await makePerson(db, site.id);
    const input = { personId: person.id, reason: "general_health" as const, note: null };
    const a = await createSeeRequest({ ctx: officer, input: { ...input, idempotencyKey: randomUUID() } });
    const b = await createSeeRequest({ ctx: officer, input: { ...input, idempotencyKey: randomUUID() } });
    expect(a.id).not.toBe(b.id);
    const rows = await db.select().from(seeRequests).where(eq(seeRequests.personId, person.id));
    expect(rows).toHaveLength(2);
  });

  it("refuses a key already used by another user or for another action, and writes nothing", async () => {
    const key = randomUUID();
    const input = { ...personInput(site.id), idempotencyKey: key };
    await createPerson({ ctx: clinician, input, enrolledOn });

    const byOther = { ...personInput(site.id), idempotencyKey: key };
    const error = await createPerson({ ctx: otherClinician, input: byOther, enrolledOn }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).userMessage).toBe(messages.submissionReused);
    expect(await peopleWithCrn(byOther.crn)).toHaveLength(0);

    const person = await makePerson(db, site.id);
    const date = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
    const booking = { personId: person.id, kind: "health" as const, type: "health_check" as const, siteId: site.id, date, time: "09:30", durationMinutes: 30, clinicianAttends: true, idempotencyKey: key };
    await expect(bookAppointment({ ctx: clinician, input: booking })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.select().from(appointments).where(eq(appointments.personId, person.id))).toHaveLength(0);
  });

  it("a refused submission does not use up its key: the corrected one goes through", async () => {
    const key = randomUUID();
    const taken = await makePerson(db, site.id);
    const bad = { ...personInput(site.id, { crn: taken.crn }), idempotencyKey: key };
    await expect(createPerson({ ctx: clinician, input: bad, enrolledOn })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);

    const good = { ...personInput(site.id), idempotencyKey: key };
    const { id } = await createPerson({ ctx: clinician, input: good, enrolledOn });
    expect(await peopleWithCrn(good.crn)).toEqual([{ id }]);
  });

  it("a repeated outcome lands where the first did instead of 'already recorded'; the replacement is booked once", async () => {
    const person = await makePerson(db, site.id);
    const appointment = await makeAppointment(db, person);
    const now = new Date();
    const newDate = new Date(now.getTime() + 7 * 24 * 3600_000).toISOString().slice(0, 10);
    const input = { appointmentId: appointment.id, version: appointment.version, outcome: "rescheduled" as const, note: null, newDate, newTime: "10:00", idempotencyKey: randomUUID() };
    const first = await recordOutcome({ ctx: officer, input, now });
    const again = await recordOutcome({ ctx: officer, input, now });
    expect(again).toEqual(first);
    expect(first.replacementId).toBeDefined();
    const replacements = await db.select().from(appointments).where(eq(appointments.rescheduledFromId, appointment.id));
    expect(replacements).toHaveLength(1);
    // Without the key the repeat is refused, as before.
    await expect(recordOutcome({ ctx: officer, input: { ...input, idempotencyKey: undefined }, now })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("50 parallel submissions with one key", () => {
  it("make exactly one person (and one audit row); every submission lands on it", async () => {
    const key = randomUUID();
    const input = { ...personInput(site.id, { requirementMHTR: true, requirementDRR: false }), idempotencyKey: key };
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => createPerson({ ctx: clinician, input, enrolledOn })));
    const failures = results.filter((r) => r.status === "rejected");
    expect(failures).toEqual([]);
    const ids = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.id : null)));
    expect(ids.size).toBe(1);
    const rows = await peopleWithCrn(input.crn);
    expect(rows).toHaveLength(1);
    const [only] = rows;
    expect(ids.has(only?.id ?? "")).toBe(true);
    expect(await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.personId, only?.id ?? ""))).toHaveLength(1);
    expect(await auditCount("person.create", [only?.id ?? ""])).toBe(1);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(1);
  });

  it("make exactly one appointment", async () => {
    const person = await makePerson(db, site.id);
    const now = new Date();
    const date = new Date(now.getTime() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
    const input = { personId: person.id, kind: "probation" as const, type: "supervision" as const, siteId: site.id, date, time: "11:15", durationMinutes: 30, clinicianAttends: false, idempotencyKey: randomUUID() };
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => bookAppointment({ ctx: officer, input, now })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await db.select({ id: appointments.id }).from(appointments).where(eq(appointments.personId, person.id));
    expect(rows).toHaveLength(1);
    expect(await auditCount("appointment.create", rows.map((r) => r.id))).toBe(1);
  });
});

describe("purgeIdempotencyKeys", () => {
  it("removes keys older than a day and keeps newer ones", async () => {
    const now = new Date();
    const old = randomUUID();
    const recent = randomUUID();
    await db.insert(idempotencyKeys).values([
      { key: old, userId: clinician.user.id, action: "test.old", result: {}, createdAt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS - 60_000) },
      { key: recent, userId: clinician.user.id, action: "test.recent", result: {}, createdAt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS + 60_000) },
    ]);
    const purged = await purgeIdempotencyKeys(db, now);
    expect(purged).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(inArray(idempotencyKeys.key, [old, recent]));
    expect(left).toEqual([{ key: recent }]);
    const [tooOld] = await db.select({ n: count() }).from(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)));
    expect(tooOld?.n).toBe(0);
  });
});
