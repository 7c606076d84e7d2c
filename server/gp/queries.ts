import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { gpRegistrations, people, sites, users } from "@/db/schema";
import type { ConsentState } from "@/domain/consent";
import { gpBarriers, type GpBarrier, type GpRegistrationType, type GpStatus } from "@/domain/health";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { consentStates } from "../consent/current";
import { personInScope, recordPerson, type HealthRecordPerson } from "../people/in-scope";
import { siteScope } from "../scope";

export type GpRegistrationEntry = {
  id: string;
  status: GpStatus;
  practiceName: string | null;
  odsCode: string | null;
  registrationType: GpRegistrationType | null;
  supportStartedOn: string | null;
  registeredOn: string | null;
  barriers: GpBarrier[];
  note: string | null;
  atEnrolment: boolean;
  recordedByName: string;
  recordedAt: Date;
};

export type GpRegistrationOverview = {
  person: HealthRecordPerson;
  /** Recording needs consent to care from the hub: the page says so rather than offering a form that would be refused. */
  hubCareConsent: ConsentState;
  /** The first row recorded: the status when the person joined the hub. */
  atEnrolment: GpRegistrationEntry | null;
  /** The latest row. */
  current: GpRegistrationEntry | null;
  /** Every change, newest first. */
  history: GpRegistrationEntry[];
};

/** jsonb holds strings: keep only barriers the service knows, in the order it lists them. */
function knownBarriers(stored: string[]): GpBarrier[] {
  return gpBarriers.filter((b) => stored.includes(b));
}

export async function getGpRegistration({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<GpRegistrationOverview> {
  await assertCan(ctx, "health:read", "gp.view");
  const person = await personInScope(ctx, personId, "gp.view");
  const rows = await ctx.db
    .select({
      id: gpRegistrations.id,
      status: gpRegistrations.status,
      practiceName: gpRegistrations.practiceName,
      odsCode: gpRegistrations.odsCode,
      registrationType: gpRegistrations.registrationType,
      supportStartedOn: gpRegistrations.supportStartedOn,
      registeredOn: gpRegistrations.registeredOn,
      barriers: gpRegistrations.barriers,
      note: gpRegistrations.note,
      atEnrolment: gpRegistrations.atEnrolment,
      recordedByName: users.name,
      recordedAt: gpRegistrations.recordedAt,
    })
    .from(gpRegistrations)
    .innerJoin(users, eq(users.id, gpRegistrations.recordedById))
    .where(eq(gpRegistrations.personId, person.id))
    // The enrolment row sorts last among rows recorded in the same instant.
    .orderBy(desc(gpRegistrations.recordedAt), asc(gpRegistrations.atEnrolment));
  const history = rows.map((r) => ({ ...r, barriers: knownBarriers(r.barriers) }));
  const { hub_care: hubCareConsent } = await consentStates(ctx.db, person.id);

  await recordAudit(ctx.db, { ...actor(ctx), action: "gp.view", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id });
  return {
    person: recordPerson(person),
    hubCareConsent,
    atEnrolment: history.find((h) => h.atEnrolment) ?? history.at(-1) ?? null,
    current: history[0] ?? null,
    history,
  };
}

export type NotRegisteredRow = {
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  /** null: nothing recorded yet. */
  status: Exclude<GpStatus, "registered"> | null;
  supportStartedOn: string | null;
};

/**
 * People at the user's sites (or one of them) whose latest GP registration is not registered or
 * not known, or who have none recorded: one query, site scope in the SQL. For the worklist.
 */
export async function listNotRegisteredWithGp({ ctx, siteId, audit = true }: { ctx: Ctx; siteId?: string; audit?: boolean }): Promise<NotRegisteredRow[]> {
  await assertCan(ctx, "health:read", "gp.worklist");
  const scope: SQL[] = [inArray(people.siteId, siteScope(ctx))];
  if (siteId) scope.push(eq(people.siteId, siteId));
  const peopleHere = ctx.db.select({ id: people.id }).from(people).where(and(...scope));
  const latest = ctx.db
    .selectDistinctOn([gpRegistrations.personId], { personId: gpRegistrations.personId, status: gpRegistrations.status, supportStartedOn: gpRegistrations.supportStartedOn })
    .from(gpRegistrations)
    .where(inArray(gpRegistrations.personId, peopleHere))
    .orderBy(gpRegistrations.personId, desc(gpRegistrations.recordedAt), asc(gpRegistrations.atEnrolment))
    .as("latest_gp");

  const rows = await ctx.db
    .select({
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      status: latest.status,
      supportStartedOn: latest.supportStartedOn,
    })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .leftJoin(latest, eq(latest.personId, people.id))
    .where(and(...scope, or(isNull(latest.status), inArray(latest.status, ["not_registered", "unknown"]))))
    .orderBy(asc(people.familyName), asc(people.givenName), asc(people.id));

  if (audit) {
    await recordAudit(ctx.db, { ...actor(ctx), action: "gp.worklist", outcome: "success", siteId: siteId ?? null, detail: { count: rows.length } });
  }
  return rows.map((r) => ({
    personId: r.personId,
    personName: `${r.familyName}, ${r.givenName}`,
    crn: r.crn,
    siteName: r.siteName,
    status: r.status === "not_registered" || r.status === "unknown" ? r.status : null,
    supportStartedOn: r.supportStartedOn,
  }));
}
