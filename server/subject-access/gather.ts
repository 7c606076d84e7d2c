import "server-only";
import { asc, eq, getTableName, inArray } from "drizzle-orm";
import {
  appointments,
  auditEvents,
  clinicalAlerts,
  consents,
  gpRegistrations,
  healthChecks,
  people,
  referralEvents,
  referrals,
  requirementReviews,
  screenings,
  seeRequests,
  sites,
  treatmentRequirements,
  users,
} from "@/db/schema";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { personInScope } from "../people/in-scope";
import { recordAudit } from "../audit/record";

/**
 * Subject access: everything the hub holds on one person, for a clinician at the person's site to
 * hand over when the person asks (UK GDPR article 15). The hub's clinical staff fulfil requests
 * for the health record they keep; officers and administrators cannot (docs/adr and README).
 *
 * Every table with a person_id column is read in full (all columns), plus the rows that hang off
 * them (referral events, court reviews). An integration test compares this list with the database,
 * so a new table about people cannot be left out. From the audit trail the person gets when, who,
 * in what role, what and the outcome; not the staff member's IP address, which is the staff
 * member's data rather than the person's.
 */
export type SubjectAccessValue = string | number | boolean | null | SubjectAccessValue[] | { [key: string]: SubjectAccessValue };
export type SubjectAccessRecord = Record<string, SubjectAccessValue>;

export type SubjectAccessSection = { key: string; title: string; table: string; records: SubjectAccessRecord[] };

export type SubjectAccessReport = {
  generatedAt: string;
  person: { id: string; givenName: string; familyName: string; crn: string };
  sections: SubjectAccessSection[];
  /** Names of the staff whose ids appear in the records. */
  staff: Record<string, string>;
};

export const SUBJECT_ACCESS_VIEW = "subject-access.view";
export const SUBJECT_ACCESS_EXPORT = "subject-access.export";

/** The tables with a person_id column that the report reads, by SQL name (checked against the database by a test). */
export const PERSON_TABLES: string[] = [appointments, consents, healthChecks, clinicalAlerts, gpRegistrations, screenings, referrals, treatmentRequirements, seeRequests, auditEvents].map((t) =>
  getTableName(t),
);

/**
 * Tables and materialized views with a person_id column that the report does not read, and why:
 * each holds only what is worked out from records the report includes in full, for the pilot
 * dashboards (server/dashboards/rollups.ts), which show it only as counts over many people.
 */
export const DERIVED_PERSON_TABLES: Record<string, string> = {
  dashboard_person_facts: "dates and answers copied from the health checks, GP registrations, screenings, referrals and requirements in this report",
  dashboard_person_attendance: "counts of the probation appointments in this report, before and after enrolment",
};

function plain(value: unknown): SubjectAccessValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return String(value);
}

const records = (rows: readonly object[]): SubjectAccessRecord[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));

async function gather(ctx: Ctx, personId: string): Promise<Omit<SubjectAccessReport, "person" | "generatedAt">> {
  const db = ctx.db;
  const identity = await db.select().from(people).where(eq(people.id, personId));
  const [site] = await db.select({ id: sites.id, name: sites.name }).from(sites).innerJoin(people, eq(people.siteId, sites.id)).where(eq(people.id, personId));
  const consentRows = await db.select().from(consents).where(eq(consents.personId, personId)).orderBy(asc(consents.recordedAt));
  const appointmentRows = await db.select().from(appointments).where(eq(appointments.personId, personId)).orderBy(asc(appointments.startsAt));
  const healthCheckRows = await db.select().from(healthChecks).where(eq(healthChecks.personId, personId)).orderBy(asc(healthChecks.createdAt));
  const alertRows = await db.select().from(clinicalAlerts).where(eq(clinicalAlerts.personId, personId)).orderBy(asc(clinicalAlerts.raisedAt));
  const gpRows = await db.select().from(gpRegistrations).where(eq(gpRegistrations.personId, personId)).orderBy(asc(gpRegistrations.recordedAt));
  const screeningRows = records(await db.select().from(screenings).where(eq(screenings.personId, personId)));
  const referralRows = await db.select().from(referrals).where(eq(referrals.personId, personId)).orderBy(asc(referrals.createdAt));
  const referralEventRows = referralRows.length
    ? await db.select().from(referralEvents).where(inArray(referralEvents.referralId, referralRows.map((r) => r.id))).orderBy(asc(referralEvents.at))
    : [];
  const requirementRows = records(await db.select().from(treatmentRequirements).where(eq(treatmentRequirements.personId, personId)));
  const requirementIds = requirementRows.map((r) => r.id).filter((id): id is string => typeof id === "string");
  const reviewRows = requirementIds.length ? await db.select().from(requirementReviews).where(inArray(requirementReviews.requirementId, requirementIds)) : [];
  const seeRequestRows = records(await db.select().from(seeRequests).where(eq(seeRequests.personId, personId)));
  const auditRows = await db
    .select({ at: auditEvents.at, actorName: users.name, actorEmail: auditEvents.actorEmail, actorRole: auditEvents.actorRole, action: auditEvents.action, outcome: auditEvents.outcome, entityType: auditEvents.entityType, entityId: auditEvents.entityId })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.personId, personId))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));

  const sections: SubjectAccessSection[] = [
    { key: "identity", title: "Identity and probation details", table: "people", records: records(identity).map((r) => ({ ...r, siteName: site?.name ?? null })) },
    { key: "consents", title: "Consents", table: "consents", records: records(consentRows) },
    { key: "appointments", title: "Appointments", table: "appointments", records: records(appointmentRows) },
    { key: "healthChecks", title: "Health checks (answers and scores)", table: "health_checks", records: records(healthCheckRows) },
    { key: "gpRegistration", title: "GP registration", table: "gp_registrations", records: records(gpRows) },
    { key: "screenings", title: "Screening", table: "screenings", records: screeningRows },
    { key: "referrals", title: "Referrals", table: "referrals", records: records(referralRows) },
    { key: "referralEvents", title: "Referral history", table: "referral_events", records: records(referralEventRows) },
    { key: "treatmentRequirements", title: "Treatment requirements", table: "treatment_requirements", records: requirementRows },
    { key: "requirementReviews", title: "Court reviews of treatment requirements", table: "requirement_reviews", records: records(reviewRows) },
    { key: "seeRequests", title: "Please-see requests", table: "see_requests", records: seeRequestRows },
    { key: "alerts", title: "Same-day alerts", table: "clinical_alerts", records: records(alertRows) },
    { key: "auditHistory", title: "Who has viewed or changed this record", table: "audit_events", records: records(auditRows) },
  ];

  // Staff named by id anywhere in the records (recordedById, createdById, byId, assignedOfficerId ...).
  const staffIds = new Set<string>();
  for (const section of sections) {
    for (const record of section.records) {
      for (const [key, value] of Object.entries(record)) if (/(By|Officer)Id$|^byId$/.test(key) && typeof value === "string") staffIds.add(value);
    }
  }
  const staffRows = staffIds.size ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...staffIds])) : [];
  return { sections, staff: Object.fromEntries(staffRows.map((s) => [s.id, s.name])) };
}

/**
 * The full report, read in one transaction (a consistent picture), and audited with its outcome:
 * a refusal is audited by assertCan / personInScope; a failure part way is recorded as a failure.
 */
export async function getSubjectAccessReport({ ctx, input }: { ctx: Ctx; input: { personId: string; purpose: "view" | "export" } }): Promise<SubjectAccessReport> {
  const action = input.purpose === "export" ? SUBJECT_ACCESS_EXPORT : SUBJECT_ACCESS_VIEW;
  await assertCan(ctx, "health:read", action);
  const person = await personInScope(ctx, input.personId, action);
  const audit = { ...actor(ctx), action, personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id };
  try {
    const report = await ctx.db.transaction(async (tx) => {
      const gathered = await gather({ ...ctx, db: tx }, person.id);
      await recordAudit(tx, { ...audit, outcome: "success", detail: { sections: Object.fromEntries(gathered.sections.map((s) => [s.key, s.records.length])) } });
      return gathered;
    });
    return { generatedAt: new Date().toISOString(), person: { id: person.id, givenName: person.givenName, familyName: person.familyName, crn: person.crn }, ...report };
  } catch (error) {
    await recordAudit(ctx.db, { ...audit, outcome: "failure" });
    throw error;
  }
}
