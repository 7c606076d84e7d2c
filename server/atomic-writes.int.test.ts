import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Database, DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { appointments, consents, healthChecks, people, services } from "@/db/schema";
import type { HealthCheckSection } from "@/domain/health";
import { saveSectionSchemas } from "@/domain/schemas/health-check";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser, personInput } from "@/test/factories";
import type { Ctx } from "./context";
import { bookAppointment, recordOutcome } from "./appointments/mutations";
import { completeHealthCheck, saveHealthCheckSection, startHealthCheck } from "./health-checks/mutations";
import { createPerson } from "./people/mutations";
import { createReferral } from "./referrals/mutations";
import { createUser } from "./users/mutations";

/**
 * A failure in the middle of a multi-table write leaves nothing behind. The failure is injected
 * by a trigger created only in this test database: it raises on one chosen INSERT (the second,
 * third or last statement of a real use case). Before and after, every table (audit trail and
 * idempotency keys included) is fingerprinted by row count and a hash of every row: the two must
 * be identical. Then the same call without the trigger succeeds, showing the trigger was what
 * stopped it.
 */

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let clinician: Ctx;
let officer: Ctx;
let admin: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
  admin = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
  await db.execute(sql.raw(`create function test_injected_failure() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end; $$`));
});
afterAll(async () => handle?.close());

const injected: string[] = [];
afterEach(async () => {
  for (const table of injected.splice(0)) await db.execute(sql.raw(`drop trigger if exists test_injected_failure on "${table}"`));
});

/** From now on, an INSERT into `table` matching `when` (SQL over NEW) fails. */
async function failInsert(table: string, when: string) {
  await db.execute(sql.raw(`create trigger test_injected_failure before insert on "${table}" for each row when (${when}) execute function test_injected_failure()`));
  injected.push(table);
}

async function stopFailing() {
  for (const table of injected.splice(0)) await db.execute(sql.raw(`drop trigger if exists test_injected_failure on "${table}"`));
}

/** Row count and a hash of every row, per table: every table, the audit trail included. */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const result = await db.execute(sql`select count(*)::text as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${table} t`);
    const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as { n: string; h: string };
    out[getTableName(table)] = `${row.n}:${row.h}`;
  }
  return out;
}

/** The error's message and its causes' (drizzle wraps the driver's error). */
function messageChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(" <- ");
}

/** The call fails with the injected error and no table changes; without the trigger it succeeds and something does. */
async function expectAtomic<T>(call: () => Promise<T>): Promise<T> {
  const before = await fingerprint();
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(messageChain(error)).toContain("injected failure");
  expect(await fingerprint()).toEqual(before);
  await stopFailing();
  const result = await call();
  expect(await fingerprint()).not.toEqual(before);
  return result;
}

async function consentedPerson() {
  const person = await makePerson(db, site.id);
  await db.insert(consents).values({ personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "v1", method: "own_consent", recordedById: clinician.user.id });
  return person;
}

describe("a failure in the middle of a write leaves no partial rows", () => {
  it("adding a person with requirements: the second requirement fails, so no person, no requirement, no audit row, no key", async () => {
    await failInsert("treatment_requirements", `NEW.kind = 'ATR'`);
    const input = { ...personInput(site.id, { requirementMHTR: true, requirementDRR: false, requirementATR: true }), idempotencyKey: randomUUID() };
    const { id } = await expectAtomic(() => createPerson({ ctx: clinician, input, enrolledOn: "2026-11-02" }));
    expect(await db.select().from(people).where(eq(people.id, id))).toHaveLength(1);
  });

  it("adding a person: the audit row (the last statement) fails, so the person is not added", async () => {
    await failInsert("audit_events", `NEW.action = 'person.create'`);
    const input = personInput(site.id, { requirementDRR: true });
    await expectAtomic(() => createPerson({ ctx: clinician, input, enrolledOn: "2026-11-02" }));
  });

  it("sending a referral: the 'sent' history row fails, so neither the referral nor its draft history nor its audit rows stay", async () => {
    const person = await consentedPerson();
    const [service] = await db
      .insert(services)
      .values({ siteId: site.id, name: `Talking Therapies ${randomUUID()}`, category: "talking_therapies", commissionerType: "icb" })
      .returning();
    if (!service) throw new Error("no service");
    await failInsert("referral_events", `NEW.to_status = 'sent'`);
    const input = { personId: person.id, serviceId: service.id, reason: "Low mood for three months", urgency: "routine" as const, personAgreed: true, healthCheckId: null, send: true, idempotencyKey: randomUUID() };
    const { status } = await expectAtomic(() => createReferral({ ctx: clinician, input }));
    expect(status).toBe("sent");
  });

  it("booking an appointment: the audit row fails, so no appointment", async () => {
    const person = await makePerson(db, site.id);
    await failInsert("audit_events", `NEW.action = 'appointment.create'`);
    const now = new Date();
    const date = new Date(now.getTime() + 5 * 24 * 3600_000).toISOString().slice(0, 10);
    const input = { personId: person.id, kind: "probation" as const, type: "supervision" as const, siteId: site.id, date, time: "10:00", durationMinutes: 30, clinicianAttends: false };
    await expectAtomic(() => bookAppointment({ ctx: officer, input, now }));
  });

  it("rescheduling: booking the replacement fails, so the old appointment keeps no outcome", async () => {
    const person = await makePerson(db, site.id);
    const appointment = await makeAppointment(db, person);
    await failInsert("appointments", `NEW.rescheduled_from_id IS NOT NULL`);
    const now = new Date();
    const newDate = new Date(now.getTime() + 7 * 24 * 3600_000).toISOString().slice(0, 10);
    const input = { appointmentId: appointment.id, version: appointment.version, outcome: "rescheduled" as const, note: null, newDate, newTime: "14:00" };
    await expectAtomic(() => recordOutcome({ ctx: officer, input, now }));
    const [row] = await db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row?.outcome).toBe("rescheduled");
  });

  it("a health check answer that raises a same-day alert: the alert's audit row fails, so neither the answers nor the alert are saved", async () => {
    const person = await consentedPerson();
    const { id } = await startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: null } });
    const mood = Object.fromEntries([...Array.from({ length: 9 }, (_, i) => [`phq${i + 1}`, "1"]), ...Array.from({ length: 7 }, (_, i) => [`gad${i + 1}`, "0"])]);
    const input = saveSectionSchemas.mood.parse({ healthCheckId: id, version: "1", section: "mood", ...mood });
    await failInsert("audit_events", `NEW.action = 'alert.raise'`);
    const result = await expectAtomic(() => saveHealthCheckSection({ ctx: clinician, input }));
    expect(result.alertRaised).toBe(true);
  });

  it("completing a health check: the audit row fails, so it stays a draft", async () => {
    const person = await consentedPerson();
    const { id } = await startHealthCheck({ ctx: clinician, input: { personId: person.id, appointmentId: null } });
    const sections: Record<HealthCheckSection, Record<string, string | string[]>> = {
      smoking: { status: "never", vapes: "no", briefAdvice: "no", referralOffered: "no" },
      alcohol: { audit1: "0", audit2: "0", audit3: "0" },
      drugs: { substances: ["none"], everInjected: "no", inTreatment: "no", onOst: "no" },
      mood: Object.fromEntries([...Array.from({ length: 9 }, (_, i) => [`phq${i + 1}`, "0"]), ...Array.from({ length: 7 }, (_, i) => [`gad${i + 1}`, "0"])]),
      self_harm: { currentThoughts: "no", recentSelfHarm: "no", action: "none_needed" },
      neurodiversity: {
        condition_adhd: "not_recorded",
        condition_autism: "not_recorded",
        condition_learning_disability: "not_recorded",
        condition_acquired_brain_injury: "not_recorded",
        condition_dyslexia: "not_recorded",
        condition_other: "not_recorded",
        adjustments: ["none"],
      },
      physical: { heightCm: "175", weightKg: "70", systolic: "120", diastolic: "80", aeAttendances: "0", dentist: "yes", longTermConditions: "" },
    };
    let version = 1;
    for (const [section, fields] of Object.entries(sections) as [HealthCheckSection, Record<string, string | string[]>][]) {
      ({ version } = await saveHealthCheckSection({ ctx: clinician, input: saveSectionSchemas[section].parse({ healthCheckId: id, version: String(version), section, ...fields }) }));
    }
    await failInsert("audit_events", `NEW.action = 'health-check.complete'`);
    await expectAtomic(() => completeHealthCheck({ ctx: clinician, input: { healthCheckId: id, version } }));
    const [row] = await db.select().from(healthChecks).where(eq(healthChecks.id, id));
    expect(row?.status).toBe("completed");
  });

  it("adding a user: their site membership fails, so no account", async () => {
    await failInsert("user_sites", `true`);
    const input = { name: "New Clinician", email: `new.${randomUUID()}@test.example`, role: "clinician" as const, siteIds: [site.id], password: "a long enough password 2026", idempotencyKey: randomUUID() };
    await expectAtomic(() => createUser({ ctx: admin, input }));
  });
});
