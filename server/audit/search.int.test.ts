import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { auditSearchMessages, parseAuditSearch } from "@/domain/audit-search";
import { createTestDatabase } from "@/test/db";
import { ctxFor, makePerson, makeSite, makeUser } from "@/test/factories";
import type { Ctx } from "../context";
import { ForbiddenError, ValidationError } from "../errors";
import { auditCsv } from "./csv";
import { recordAudit } from "./record";
import { AUDIT_EXPORT_ACTION, AUDIT_SEARCH_ACTION, exportAuditEvents, searchAuditEvents } from "./search";

let handle: DatabaseHandle;
let db: Database;
let site: { id: string };
let otherSite: { id: string };
let admin: Ctx;
let clinician: Ctx;
let officer: Ctx;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  site = await makeSite(db);
  otherSite = await makeSite(db);
  admin = ctxFor(db, await makeUser(db, "administrator", [site.id]), [site.id]);
  clinician = ctxFor(db, await makeUser(db, "clinician", [site.id]), [site.id]);
  officer = ctxFor(db, await makeUser(db, "probation_officer", [site.id]), [site.id]);
});
afterAll(async () => handle?.close());

const query = (params: Record<string, string>) => parseAuditSearch(params).query;

describe("searchAuditEvents", () => {
  it("finds a person's events by CRN or NHS number and shows the person only as id and CRN", async () => {
    const person = await makePerson(db, site.id);
    await recordAudit(db, { action: "person.view", outcome: "success", userId: clinician.user.id, actorEmail: clinician.user.email, personId: person.id, siteId: site.id });
    await recordAudit(db, { action: "consent.record", outcome: "success", userId: clinician.user.id, actorEmail: clinician.user.email, personId: person.id, siteId: site.id });
    const byCrn = await searchAuditEvents({ ctx: admin, input: { query: query({ person: person.crn }) } });
    const byNhs = await searchAuditEvents({ ctx: admin, input: { query: query({ person: person.nhsNumber ?? "" }) } });
    expect(byCrn.total).toBe(2);
    expect(byNhs.rows.map((r) => r.id)).toEqual(byCrn.rows.map((r) => r.id));
    expect(byCrn.rows[0]).toMatchObject({ action: "consent.record", personId: person.id, personCrn: person.crn, actorRole: "clinician" });
    expect(Object.keys(byCrn.rows[0] ?? {})).not.toContain("nhsNumber");
  });

  it("filters by user email (any case), action, outcome and London dates", async () => {
    const person = await makePerson(db, site.id);
    await recordAudit(db, { action: "person.update", outcome: "denied", userId: officer.user.id, actorEmail: officer.user.email, personId: person.id, siteId: site.id });
    const found = await searchAuditEvents({ ctx: admin, input: { query: query({ user: officer.user.email.toUpperCase(), action: "person.update", outcome: "denied" }) } });
    expect(found.total).toBe(1);
    const today = new Date().toLocaleDateString("en-GB", { timeZone: "Europe/London" }).split("/");
    const [d, m, y] = today as [string, string, string];
    const todays = await searchAuditEvents({ ctx: admin, input: { query: query({ user: officer.user.email, fromDay: d, fromMonth: m, fromYear: y, toDay: d, toMonth: m, toYear: y }) } });
    expect(todays.total).toBeGreaterThanOrEqual(1);
    const lastYear = await searchAuditEvents({ ctx: admin, input: { query: query({ user: officer.user.email, toDay: "1", toMonth: "1", toYear: "2020" }) } });
    expect(lastYear.total).toBe(0);
  });

  it("keeps other sites' events out of view", async () => {
    const elsewhere = await makePerson(db, otherSite.id);
    await recordAudit(db, { action: "person.view", outcome: "success", personId: elsewhere.id, siteId: otherSite.id, actorEmail: "someone@elsewhere.example" });
    await recordAudit(db, { action: "person.view", outcome: "success", personId: elsewhere.id, actorEmail: "someone@elsewhere.example" });
    const result = await searchAuditEvents({ ctx: admin, input: { query: query({ user: "someone@elsewhere.example" }) } });
    expect(result.total).toBe(0);
    await expect(searchAuditEvents({ ctx: admin, input: { query: query({ person: elsewhere.crn }) } })).rejects.toEqual(new ValidationError({ person: auditSearchMessages.personNotFound }));
  });

  it("audits each search and download with the filters", async () => {
    await searchAuditEvents({ ctx: admin, input: { query: query({ action: "person.view" }) } });
    await exportAuditEvents({ ctx: admin, input: { query: query({ action: "person.view" }) } });
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, admin.user.id), eq(auditEvents.outcome, "success")));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain(AUDIT_SEARCH_ACTION);
    expect(actions).toContain(AUDIT_EXPORT_ACTION);
    expect(rows.find((r) => r.action === AUDIT_EXPORT_ACTION)?.detail).toMatchObject({ filters: { action: "person.view" } });
  });

  it("refuses everyone but administrators, audited", async () => {
    for (const ctx of [clinician, officer]) {
      await expect(searchAuditEvents({ ctx, input: { query: {} } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAuditEvents({ ctx, input: { query: {} } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const denied = await db.select().from(auditEvents).where(and(eq(auditEvents.userId, officer.user.id), eq(auditEvents.outcome, "denied")));
    expect(denied.map((r) => r.action).filter((a) => a.startsWith("audit.")).sort()).toEqual([AUDIT_EXPORT_ACTION, AUDIT_SEARCH_ACTION]);
  });
});

describe("auditCsv", () => {
  it("neutralises cells that would run as formulas", async () => {
    await recordAudit(db, { action: "sign-in", outcome: "failure", actorEmail: "=HYPERLINK(\"http://evil\")@x.example", detail: { reason: "@SUM(A1)" }, siteId: site.id });
    const { rows } = await exportAuditEvents({ ctx: admin, input: { query: query({ action: "sign-in" }) } });
    const csv = auditCsv(rows);
    expect(csv.split("\r\n")[0]).toContain("User email");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")@x.example"`);
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).not.toMatch(/(^|,)[=@]/m);
  });
});
