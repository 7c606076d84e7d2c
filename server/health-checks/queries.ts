import "server-only";
import { and, asc, desc, eq, gte, inArray, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { appointments, clinicalAlerts, healthChecks, people, sites, users } from "@/db/schema";
import type { AppointmentKind, AppointmentOutcome, AppointmentType } from "@/domain/appointments";
import { addDays, londonDayBounds, todayInLondon } from "@/domain/dates";
import type { AlertAction, AlertKind, HealthCheckSection, HealthCheckStatus, SmokingStatus } from "@/domain/health";
import { healthCheckSections } from "@/domain/health";
import { parseAnswers, sectionStatuses, type HealthCheckScores, type SectionStatus } from "@/domain/health-check";
import type { HealthCheckAnswers } from "@/domain/schemas/health-check";
import { bandMeaning, type AuditBand, type Gad7Band, type HsiBand, type Phq9Band } from "@/domain/scoring";
import type { Executor } from "@/db/client";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit, recordListView } from "../audit/record";
import { hasConsent } from "../consent/current";
import { siteScope, UUID_PATTERN } from "../scope";
import { personInScope } from "../people/in-scope";

export { listOpenAlertsForPerson, type PersonAlertRow } from "../alerts/queries";

/** How far back a health check may be linked to an appointment: today and the 14 days before. */
export const LINKABLE_DAYS = 14;

/** A band column is text in SQL; only a band the scoring knows is passed on. */
function bandOf<T extends string>(meanings: Record<T, string>, value: string | null): T | null {
  return value !== null && Object.hasOwn(meanings, value) ? (value as T) : null;
}

const scoreColumns = {
  smokingStatus: healthChecks.smokingStatus,
  vapes: healthChecks.vapes,
  hsiScore: healthChecks.hsiScore,
  hsiBand: healthChecks.hsiBand,
  auditCScore: healthChecks.auditCScore,
  auditCPositive: healthChecks.auditCPositive,
  auditScore: healthChecks.auditScore,
  auditBand: healthChecks.auditBand,
  phq9Score: healthChecks.phq9Score,
  phq9Band: healthChecks.phq9Band,
  phq9Item9: healthChecks.phq9Item9,
  gad7Score: healthChecks.gad7Score,
  gad7Band: healthChecks.gad7Band,
  bmi: healthChecks.bmi,
};

type ScoreRow = {
  smokingStatus: SmokingStatus | null;
  vapes: boolean | null;
  hsiScore: number | null;
  hsiBand: string | null;
  auditCScore: number | null;
  auditCPositive: boolean | null;
  auditScore: number | null;
  auditBand: string | null;
  phq9Score: number | null;
  phq9Band: string | null;
  phq9Item9: number | null;
  gad7Score: number | null;
  gad7Band: string | null;
  bmi: number | null;
};

function toScores(row: ScoreRow): HealthCheckScores {
  return {
    ...row,
    hsiBand: bandOf<HsiBand>(bandMeaning.hsi, row.hsiBand),
    auditBand: bandOf<AuditBand>(bandMeaning.audit, row.auditBand),
    phq9Band: bandOf<Phq9Band>(bandMeaning.phq9, row.phq9Band),
    gad7Band: bandOf<Gad7Band>(bandMeaning.gad7, row.gad7Band),
  };
}

function linkableWindow(now: Date) {
  const today = todayInLondon(now);
  return londonDayBounds(addDays(today, -LINKABLE_DAYS), addDays(today, 1));
}

export type LinkableAppointment = { id: string; startsAt: Date; kind: AppointmentKind; type: AppointmentType; outcome: AppointmentOutcome | null };

/** The person's appointments a new health check may be linked to, newest first. */
export async function linkableAppointments(db: Executor, ctx: Ctx, personId: string, now: Date, appointmentId?: string): Promise<LinkableAppointment[]> {
  const { start, end } = linkableWindow(now);
  return db
    .select({ id: appointments.id, startsAt: appointments.startsAt, kind: appointments.kind, type: appointments.type, outcome: appointments.outcome })
    .from(appointments)
    .where(
      and(
        eq(appointments.personId, personId),
        inArray(appointments.siteId, siteScope(ctx)),
        appointmentId ? eq(appointments.id, appointmentId) : undefined,
        gte(appointments.startsAt, start),
        lt(appointments.startsAt, end),
      ),
    )
    .orderBy(desc(appointments.startsAt), desc(appointments.id))
    .limit(50);
}

/** The person's draft health check, if one is in progress (at the user's sites). */
export async function currentDraft(db: Executor, ctx: Ctx, personId: string): Promise<{ id: string; updatedAt: Date } | null> {
  const [draft] = await db
    .select({ id: healthChecks.id, updatedAt: healthChecks.updatedAt })
    .from(healthChecks)
    .where(and(eq(healthChecks.personId, personId), eq(healthChecks.status, "draft"), inArray(healthChecks.siteId, siteScope(ctx))))
    .orderBy(desc(healthChecks.updatedAt))
    .limit(1);
  return draft ?? null;
}

export type StartOptions = {
  personId: string;
  personName: string;
  crn: string;
  hasHubCareConsent: boolean;
  draft: { id: string; updatedAt: Date } | null;
  appointments: LinkableAppointment[];
};

/** What the "start a health check" page offers: recent appointments to link, any draft in progress, and whether consent allows it. */
export async function getStartOptions({ ctx, personId, now = new Date() }: { ctx: Ctx; personId: string; now?: Date }): Promise<StartOptions> {
  await assertCan(ctx, "health:write", "health-check.start");
  const [person] = UUID_PATTERN.test(personId)
    ? await ctx.db
        .select({ id: people.id, givenName: people.givenName, familyName: people.familyName, crn: people.crn, siteId: people.siteId })
        .from(people)
        .where(and(eq(people.id, personId), inArray(people.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!person) return denyNotFound(ctx, "health-check.start", "person", personId);
  return {
    personId: person.id,
    personName: `${person.givenName} ${person.familyName}`,
    crn: person.crn,
    hasHubCareConsent: await hasConsent(ctx.db, person.id, "hub_care"),
    draft: await currentDraft(ctx.db, ctx, person.id),
    appointments: await linkableAppointments(ctx.db, ctx, person.id, now),
  };
}

export type HealthCheckAlert = { id: string; kind: AlertKind; raisedAt: Date; action: AlertAction | null; actionedAt: Date | null };

export type HealthCheckView = {
  id: string;
  personId: string;
  personName: string;
  crn: string;
  siteId: string;
  siteName: string;
  status: HealthCheckStatus;
  version: number;
  appointment: { id: string; startsAt: Date; kind: AppointmentKind; type: AppointmentType } | null;
  startedAt: Date;
  startedByName: string;
  updatedAt: Date;
  completedAt: Date | null;
  completedByName: string | null;
  answers: HealthCheckAnswers;
  sections: Record<HealthCheckSection, SectionStatus>;
  sectionsComplete: number;
  scores: HealthCheckScores;
  alerts: HealthCheckAlert[];
};

/**
 * One health check at the user's sites, with its answers, section statuses, scores and alerts.
 * Every view is audited; `view` says which page (task list, a section, the result).
 */
export async function getHealthCheck({ ctx, healthCheckId, view = "task-list" }: { ctx: Ctx; healthCheckId: string; view?: string }): Promise<HealthCheckView> {
  await assertCan(ctx, "health:read", "health-check.view");
  const startedBy = alias(users, "started_by");
  const completedBy = alias(users, "completed_by");
  const [row] = UUID_PATTERN.test(healthCheckId)
    ? await ctx.db
        .select({
          id: healthChecks.id,
          personId: healthChecks.personId,
          givenName: people.givenName,
          familyName: people.familyName,
          crn: people.crn,
          siteId: healthChecks.siteId,
          siteName: sites.name,
          status: healthChecks.status,
          version: healthChecks.version,
          appointmentId: appointments.id,
          appointmentStartsAt: appointments.startsAt,
          appointmentKind: appointments.kind,
          appointmentType: appointments.type,
          startedAt: healthChecks.createdAt,
          startedByName: startedBy.name,
          updatedAt: healthChecks.updatedAt,
          completedAt: healthChecks.completedAt,
          completedByName: completedBy.name,
          answers: healthChecks.answers,
          ...scoreColumns,
        })
        .from(healthChecks)
        .innerJoin(people, eq(people.id, healthChecks.personId))
        .innerJoin(sites, eq(sites.id, healthChecks.siteId))
        .innerJoin(startedBy, eq(startedBy.id, healthChecks.createdById))
        .leftJoin(completedBy, eq(completedBy.id, healthChecks.completedById))
        .leftJoin(appointments, eq(appointments.id, healthChecks.appointmentId))
        .where(and(eq(healthChecks.id, healthCheckId), inArray(healthChecks.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "health-check.view", "health_check", healthCheckId);

  const alerts = await ctx.db
    .select({ id: clinicalAlerts.id, kind: clinicalAlerts.kind, raisedAt: clinicalAlerts.raisedAt, action: clinicalAlerts.action, actionedAt: clinicalAlerts.actionedAt })
    .from(clinicalAlerts)
    .where(and(eq(clinicalAlerts.healthCheckId, row.id), inArray(clinicalAlerts.siteId, siteScope(ctx))))
    .orderBy(asc(clinicalAlerts.raisedAt));

  await recordAudit(ctx.db, {
    ...actor(ctx),
    action: "health-check.view",
    outcome: "success",
    personId: row.personId,
    siteId: row.siteId,
    entityType: "health_check",
    entityId: row.id,
    detail: { view },
  });

  const answers = parseAnswers(row.answers);
  const sections = sectionStatuses(answers);
  return {
    id: row.id,
    personId: row.personId,
    personName: `${row.givenName} ${row.familyName}`,
    crn: row.crn,
    siteId: row.siteId,
    siteName: row.siteName,
    status: row.status,
    version: row.version,
    appointment:
      row.appointmentId && row.appointmentStartsAt && row.appointmentKind && row.appointmentType
        ? { id: row.appointmentId, startsAt: row.appointmentStartsAt, kind: row.appointmentKind, type: row.appointmentType }
        : null,
    startedAt: row.startedAt,
    startedByName: row.startedByName,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    completedByName: row.completedByName,
    answers,
    sections,
    sectionsComplete: healthCheckSections.filter((s) => sections[s] === "completed").length,
    scores: toScores(row),
    alerts,
  };
}

export type HealthHistoryEntry = { id: string; completedAt: Date } & HealthCheckScores;
export type HealthHistory = { completed: HealthHistoryEntry[]; draft: { id: string; updatedAt: Date } | null };

/**
 * A person's completed health checks, newest first, with their scores (for the person page's
 * health summary and trend), and the draft in progress if there is one. Clinicians only.
 */
export async function getHealthHistory({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<HealthHistory> {
  await assertCan(ctx, "health:read", "health-history.view");
  const person = await personInScope(ctx, personId, "health-history.view");

  const rows = await ctx.db
    .select({ id: healthChecks.id, completedAt: healthChecks.completedAt, ...scoreColumns })
    .from(healthChecks)
    .where(and(eq(healthChecks.personId, person.id), eq(healthChecks.status, "completed"), inArray(healthChecks.siteId, siteScope(ctx))))
    .orderBy(desc(healthChecks.completedAt), desc(healthChecks.id))
    .limit(100);
  const draft = await currentDraft(ctx.db, ctx, person.id);
  await recordAudit(ctx.db, { ...actor(ctx), action: "health-history.view", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id });
  return {
    completed: rows.flatMap(({ id, completedAt, ...scores }) => (completedAt ? [{ id, completedAt, ...toScores(scores) }] : [])),
    draft,
  };
}

export type DraftHealthCheckRow = {
  healthCheckId: string;
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  startedAt: Date;
  updatedAt: Date;
  sectionsComplete: number;
};

/** Health checks started and not yet finished, at the user's sites, oldest first (for the worklist). */
export async function listDraftHealthChecks({ ctx, siteId }: { ctx: Ctx; siteId?: string }): Promise<DraftHealthCheckRow[]> {
  await assertCan(ctx, "health:read", "health-checks.drafts");
  const rows = await ctx.db
    .select({
      healthCheckId: healthChecks.id,
      personId: healthChecks.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      startedAt: healthChecks.createdAt,
      updatedAt: healthChecks.updatedAt,
      answers: healthChecks.answers,
    })
    .from(healthChecks)
    .innerJoin(people, eq(people.id, healthChecks.personId))
    .innerJoin(sites, eq(sites.id, healthChecks.siteId))
    .where(and(inArray(healthChecks.siteId, siteScope(ctx)), siteId ? eq(healthChecks.siteId, siteId) : undefined, eq(healthChecks.status, "draft")))
    .orderBy(asc(healthChecks.createdAt), asc(healthChecks.id))
    .limit(500);
  await recordListView(ctx.db, actor(ctx), "health-checks.drafts", { count: rows.length, siteId });
  return rows.map(({ givenName, familyName, answers, ...r }) => {
    const statuses = sectionStatuses(parseAnswers(answers));
    return { ...r, personName: `${givenName} ${familyName}`, sectionsComplete: healthCheckSections.filter((s) => statuses[s] === "completed").length };
  });
}
