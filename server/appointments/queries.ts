import "server-only";
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { appointments, people, sites } from "@/db/schema";
import { addDays, londonDayBounds, startOfWeek, todayInLondon } from "@/domain/dates";
import type { AppointmentKind, AppointmentOutcome, AppointmentType } from "@/domain/appointments";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { siteScope, UUID_PATTERN } from "../scope";
import { visibleAppointmentKinds } from "@/domain/permissions";

export type AppointmentView = {
  id: string;
  personId: string;
  personName: string;
  crn: string;
  siteId: string;
  siteName: string;
  kind: AppointmentKind;
  type: AppointmentType;
  startsAt: Date;
  durationMinutes: number;
  clinicianAttends: boolean;
  outcome: AppointmentOutcome | null;
  outcomeNote: string | null;
  outcomeRecordedAt: Date | null;
  version: number;
  rescheduledFromId: string | null;
  rescheduledToId: string | null;
};

/** The columns an appointment list or page shows: who, where, what, when, and how it went. */
const appointmentSummaryColumns = {
  id: appointments.id,
  personId: appointments.personId,
  givenName: people.givenName,
  familyName: people.familyName,
  crn: people.crn,
  siteId: appointments.siteId,
  siteName: sites.name,
  kind: appointments.kind,
  type: appointments.type,
  startsAt: appointments.startsAt,
  clinicianAttends: appointments.clinicianAttends,
  outcome: appointments.outcome,
};

export async function getAppointment({ ctx, appointmentId }: { ctx: Ctx; appointmentId: string }): Promise<AppointmentView> {
  await assertCan(ctx, "appointment:read", "appointment.view");
  const replacement = alias(appointments, "replacement");
  const [row] = UUID_PATTERN.test(appointmentId)
    ? await ctx.db
        .select({
          ...appointmentSummaryColumns,
          durationMinutes: appointments.durationMinutes,
          outcomeNote: appointments.outcomeNote,
          outcomeRecordedAt: appointments.outcomeRecordedAt,
          version: appointments.version,
          rescheduledFromId: appointments.rescheduledFromId,
          rescheduledToId: replacement.id,
        })
        .from(appointments)
        .innerJoin(people, eq(people.id, appointments.personId))
        .innerJoin(sites, eq(sites.id, appointments.siteId))
        .leftJoin(replacement, eq(replacement.rescheduledFromId, appointments.id))
        .where(
          and(
            eq(appointments.id, appointmentId),
            inArray(appointments.siteId, siteScope(ctx)),
            inArray(people.siteId, siteScope(ctx)),
            inArray(appointments.kind, visibleAppointmentKinds(ctx.user.role)),
          ),
        )
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "appointment.view", "appointment", appointmentId);
  await recordAudit(ctx.db, { ...actor(ctx), action: "appointment.view", outcome: "success", personId: row.personId, siteId: row.siteId, entityType: "appointment", entityId: row.id });
  const { givenName, familyName, ...rest } = row;
  return { ...rest, personName: `${givenName} ${familyName}` };
}

export type UpcomingRange = "today" | "week";

export type UpcomingRow = {
  id: string;
  personId: string;
  personName: string;
  crn: string;
  siteId: string;
  siteName: string;
  kind: AppointmentKind;
  type: AppointmentType;
  startsAt: Date;
  clinicianAttends: boolean;
  outcome: AppointmentOutcome | null;
};

/** Appointments at the user's sites today, or this week (Monday to Sunday), in London time. */
export async function listUpcoming({ ctx, range, siteId, now = new Date() }: { ctx: Ctx; range: UpcomingRange; siteId?: string; now?: Date }) {
  await assertCan(ctx, "appointment:read", "appointments.upcoming");
  const today = todayInLondon(now);
  const from = range === "today" ? today : startOfWeek(today);
  const to = range === "today" ? addDays(today, 1) : addDays(from, 7);
  const { start, end } = londonDayBounds(from, to);
  const rows = await ctx.db
    .select(appointmentSummaryColumns)
    .from(appointments)
    .innerJoin(people, eq(people.id, appointments.personId))
    .innerJoin(sites, eq(sites.id, appointments.siteId))
    .where(
      and(
        inArray(appointments.siteId, siteScope(ctx)),
        inArray(appointments.kind, visibleAppointmentKinds(ctx.user.role)),
        siteId ? eq(appointments.siteId, siteId) : undefined,
        gte(appointments.startsAt, start),
        lt(appointments.startsAt, end),
      ),
    )
    .orderBy(asc(sites.name), asc(appointments.startsAt))
    .limit(1000);
  return {
    from,
    to: addDays(to, -1),
    rows: rows.map(({ givenName, familyName, ...r }) => ({ ...r, personName: `${givenName} ${familyName}` })) satisfies UpcomingRow[],
  };
}
