import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makeAppointment, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";
import { recordConsent } from "../consent/mutations";
import { recordGpRegistration } from "../gp/mutations";
import { DERIVED_PERSON_TABLES, getSubjectAccessReport, PERSON_TABLES, SUBJECT_ACCESS_EXPORT, SUBJECT_ACCESS_VIEW } from "./gather";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string; name: string };
let otherSite: { id: string };
let clinician: Ctx;
let clinicianThere: Ctx;
let officer: Ctx;
let admin: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id], { name: "Nurse Sar" }), [site.id]);
  clinicianThere = ctxFor(db, await makeUser(db, "clinician", [otherSite.id]), [otherSite.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
  admin = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

const audits = (ctx: Ctx, action: string) => db.select().from(auditEvents).where(and(eq(auditEvents.userId, ctx.user.id), eq(auditEvents.action, action)));

describe("subject access report", () => {
  it("reads every table in the database that has a person_id column, or says what it is derived from", async () => {
    // Materialized views too (information_schema.columns leaves them out).
    const result = await db.execute<{ table_name: string }>(
      sql`select distinct c.relname as table_name from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p', 'm') and a.attname = 'person_id' and not a.attisdropped order by 1`,
    );
    const rows = Array.isArray(result) ? result : (result as { rows: { table_name: string }[] }).rows;
    const inDatabase = rows.map((r) => r.table_name).sort();
    expect(inDatabase.length).toBeGreaterThan(5);
    expect([...PERSON_TABLES, ...Object.keys(DERIVED_PERSON_TABLES)].sort()).toEqual(inDatabase);
  });

  it("gathers identity, consents, appointments, GP registration and the audit history, and audits the export", async () => {
    const person = await makePerson(db, site.id, { givenName: "Sam", familyName: "Subject" });
    await recordConsent({ ctx: clinician, input: { personId: person.id, kind: "hub_care", decision: "given", decidedOn: "2026-01-05", informationVersion: "Hub leaflet v1.2", method: "own_consent" } });
    await makeAppointment(db, person);
    await recordGpRegistration({
      ctx: clinician,
      input: { personId: person.id, status: "registered", practiceName: "Riverside Surgery", odsCode: "A81001", registrationType: "permanent", supportStartedOn: "2026-01-05", registeredOn: "2026-01-20", barriers: [], note: null },
    });

    const report = await getSubjectAccessReport({ ctx: clinician, input: { personId: person.id, purpose: "export" } });
    const section = (key: string) => report.sections.find((s) => s.key === key)?.records ?? [];
    expect(report.person).toMatchObject({ id: person.id, givenName: "Sam", familyName: "Subject" });
    expect(section("identity")).toEqual([expect.objectContaining({ nhsNumber: person.nhsNumber, crn: person.crn, siteName: site.name })]);
    expect(section("consents")).toEqual([expect.objectContaining({ kind: "hub_care", decision: "given" })]);
    expect(section("appointments")).toHaveLength(1);
    expect(section("gpRegistration")).toEqual([expect.objectContaining({ practiceName: "Riverside Surgery", odsCode: "A81001" })]);
    expect(section("auditHistory").map((r) => r.action)).toEqual(expect.arrayContaining(["consent.record", "gp.record"]));
    expect(section("auditHistory")[0]).not.toHaveProperty("ip");
    expect(report.staff[clinician.user.id]).toBe("Nurse Sar");
    // Plain JSON: dates as strings, nothing lost in a round trip.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    // Every section of the brief is present, even when empty.
    expect(report.sections.map((s) => s.key)).toEqual(
      expect.arrayContaining(["identity", "consents", "appointments", "healthChecks", "gpRegistration", "screenings", "referrals", "treatmentRequirements", "seeRequests", "alerts", "auditHistory"]),
    );

    const [audit] = await audits(clinician, SUBJECT_ACCESS_EXPORT);
    expect(audit).toMatchObject({ outcome: "success", personId: person.id, siteId: site.id });
    expect(audit?.detail).toMatchObject({ sections: { consents: 1, appointments: 1, gpRegistration: 1 } });
  });

  it("audits viewing the print version apart from downloading", async () => {
    const person = await makePerson(db, site.id);
    await getSubjectAccessReport({ ctx: clinician, input: { personId: person.id, purpose: "view" } });
    const views = await audits(clinician, SUBJECT_ACCESS_VIEW);
    expect(views.filter((a) => a.personId === person.id)).toHaveLength(1);
  });

  it("refuses officers and administrators (403) and another site's clinician (404), audited as denied", async () => {
    const person = await makePerson(db, site.id);
    for (const ctx of [officer, admin]) {
      await expect(getSubjectAccessReport({ ctx, input: { personId: person.id, purpose: "export" } })).rejects.toBeInstanceOf(ForbiddenError);
      expect((await audits(ctx, SUBJECT_ACCESS_EXPORT)).map((a) => a.outcome)).toContain("denied");
    }
    await expect(getSubjectAccessReport({ ctx: clinicianThere, input: { personId: person.id, purpose: "export" } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await audits(clinicianThere, SUBJECT_ACCESS_EXPORT)).map((a) => a.outcome)).toEqual(["denied"]);
  });
});
