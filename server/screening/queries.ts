import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { healthChecks, people, screenings, sites, users } from "@/db/schema";
import type { ConsentState } from "@/domain/consent";
import { todayInLondon } from "@/domain/dates";
import { screeningProgrammes, type RecordedScreeningStatus, type ScreeningProgramme } from "@/domain/health";
import { allScreeningEligibility, type Eligibility, type EligibilityStatus, type SmokingHistory } from "@/domain/screening";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { consentStates } from "../consent/current";
import { personInScope, recordPerson, type HealthRecordPerson } from "../people/in-scope";
import { siteScope } from "../scope";

/**
 * Smoking history for lung screening: the smoking status of each person's latest health check
 * (by when the check was started) that recorded one; "unknown" when none did.
 */
async function smokingHistories(db: Executor, personIds: string[] | SQLWrapper): Promise<Map<string, SmokingHistory>> {
  const rows = await db
    .selectDistinctOn([healthChecks.personId], { personId: healthChecks.personId, smokingStatus: healthChecks.smokingStatus })
    .from(healthChecks)
    .where(and(inArray(healthChecks.personId, personIds), isNotNull(healthChecks.smokingStatus)))
    .orderBy(healthChecks.personId, desc(healthChecks.createdAt), desc(healthChecks.updatedAt));
  return new Map(rows.flatMap((r) => (r.smokingStatus ? [[r.personId, r.smokingStatus] as const] : [])));
}

export type ScreeningProgrammeState = {
  programme: ScreeningProgramme;
  /** Computed from date of birth, sex registered at GP, smoking history and the last test. */
  eligibility: Eligibility;
  /** What the hub has done; null when nothing is recorded. */
  recordedStatus: RecordedScreeningStatus | null;
  discussedOn: string | null;
  bookedFor: string | null;
  attendedOn: string | null;
  declinedOn: string | null;
  resultReceivedOn: string | null;
  lastTestOn: string | null;
  lastResultHpvNegative: boolean | null;
  note: string | null;
  updatedAt: Date | null;
  updatedByName: string | null;
  /** 0 when nothing is recorded yet: the form sends it back for the concurrency check. */
  version: number;
};

export type ScreeningOverview = {
  person: HealthRecordPerson;
  /** Recording needs consent to care from the hub: the page says so rather than offering a form that would be refused. */
  hubCareConsent: ConsentState;
  smokingHistory: SmokingHistory;
  /** One entry per programme, in the service's order. */
  programmes: ScreeningProgrammeState[];
};

/** Every programme for one person: computed eligibility beside what the hub recorded. Every view is audited. */
export async function getScreeningOverview({ ctx, personId, today = todayInLondon() }: { ctx: Ctx; personId: string; today?: string }): Promise<ScreeningOverview> {
  await assertCan(ctx, "health:read", "screening.view");
  const person = await personInScope(ctx, personId, "screening.view");
  const rows = await ctx.db
    .select({
      programme: screenings.programme,
      status: screenings.status,
      discussedOn: screenings.discussedOn,
      bookedFor: screenings.bookedFor,
      attendedOn: screenings.attendedOn,
      declinedOn: screenings.declinedOn,
      resultReceivedOn: screenings.resultReceivedOn,
      lastTestOn: screenings.lastTestOn,
      lastResultHpvNegative: screenings.lastResultHpvNegative,
      note: screenings.note,
      updatedAt: screenings.updatedAt,
      updatedByName: users.name,
      version: screenings.version,
    })
    .from(screenings)
    .leftJoin(users, eq(users.id, screenings.updatedById))
    .where(eq(screenings.personId, person.id));
  const smokingHistory = (await smokingHistories(ctx.db, [person.id])).get(person.id) ?? "unknown";
  const { hub_care: hubCareConsent } = await consentStates(ctx.db, person.id);
  const byProgramme = new Map(rows.map((r) => [r.programme, r]));
  const eligibility = allScreeningEligibility(
    { dateOfBirth: person.dateOfBirth, sexRegisteredAtGp: person.sexRegisteredAtGp, ethnicGroup: person.ethnicGroup, smokingHistory, today },
    Object.fromEntries(rows.map((r) => [r.programme, { lastTestOn: r.lastTestOn, lastResultHpvNegative: r.lastResultHpvNegative }])),
  );

  await recordAudit(ctx.db, { ...actor(ctx), action: "screening.view", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id });
  return {
    person: recordPerson(person),
    hubCareConsent,
    smokingHistory,
    programmes: screeningProgrammes.map((programme) => {
      const r = byProgramme.get(programme);
      return {
        programme,
        eligibility: eligibility[programme],
        recordedStatus: r?.status ?? null,
        discussedOn: r?.discussedOn ?? null,
        bookedFor: r?.bookedFor ?? null,
        attendedOn: r?.attendedOn ?? null,
        declinedOn: r?.declinedOn ?? null,
        resultReceivedOn: r?.resultReceivedOn ?? null,
        lastTestOn: r?.lastTestOn ?? null,
        lastResultHpvNegative: r?.lastResultHpvNegative ?? null,
        note: r?.note ?? null,
        updatedAt: r?.updatedAt ?? null,
        updatedByName: r?.updatedByName ?? null,
        version: r?.version ?? 0,
      };
    }),
  };
}

export type ScreeningDueRow = {
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  programme: ScreeningProgramme;
  status: Extract<EligibilityStatus, "due" | "overdue">;
  nextDueOn: string | null;
};

/** Once booked, attended, declined or with a result in, the hub has acted: no longer on the worklist. */
const ACTED: readonly RecordedScreeningStatus[] = ["booked", "attended", "declined", "result_received"];

/**
 * People at the user's sites (or one of them) with a programme due or overdue that the hub has
 * not yet acted on, overdue first. Three queries for everyone at the sites, site scope in the
 * SQL; eligibility is computed here (pilot scale: hundreds of people a site).
 */
export async function listScreeningDueAtSites({
  ctx,
  siteId,
  today = todayInLondon(),
  audit = true,
}: {
  ctx: Ctx;
  siteId?: string;
  today?: string;
  audit?: boolean;
}): Promise<ScreeningDueRow[]> {
  await assertCan(ctx, "health:read", "screening.worklist");
  const scope: SQL[] = [inArray(people.siteId, siteScope(ctx))];
  if (siteId) scope.push(eq(people.siteId, siteId));
  const peopleHere = ctx.db.select({ id: people.id }).from(people).where(and(...scope));

  const persons = await ctx.db
    .select({
      id: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      dateOfBirth: people.dateOfBirth,
      sexRegisteredAtGp: people.sexRegisteredAtGp,
      ethnicGroup: people.ethnicGroup,
    })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .where(and(...scope))
    .orderBy(asc(people.familyName), asc(people.givenName), asc(people.id));
  const recorded = await ctx.db
    .select({ personId: screenings.personId, programme: screenings.programme, status: screenings.status, lastTestOn: screenings.lastTestOn, lastResultHpvNegative: screenings.lastResultHpvNegative })
    .from(screenings)
    .where(inArray(screenings.personId, peopleHere));
  const smoking = await smokingHistories(ctx.db, peopleHere);

  const recordedByPerson = new Map<string, typeof recorded>();
  for (const r of recorded) recordedByPerson.set(r.personId, [...(recordedByPerson.get(r.personId) ?? []), r]);

  const out: ScreeningDueRow[] = [];
  for (const p of persons) {
    const mine = recordedByPerson.get(p.id) ?? [];
    const eligibility = allScreeningEligibility(
      { dateOfBirth: p.dateOfBirth, sexRegisteredAtGp: p.sexRegisteredAtGp, ethnicGroup: p.ethnicGroup, smokingHistory: smoking.get(p.id) ?? "unknown", today },
      Object.fromEntries(mine.map((r) => [r.programme, { lastTestOn: r.lastTestOn, lastResultHpvNegative: r.lastResultHpvNegative }])),
    );
    for (const programme of screeningProgrammes) {
      const { status, nextDueOn } = eligibility[programme];
      if (status !== "due" && status !== "overdue") continue;
      const acted = mine.find((r) => r.programme === programme)?.status;
      if (acted && ACTED.includes(acted)) continue;
      out.push({ personId: p.id, personName: `${p.familyName}, ${p.givenName}`, crn: p.crn, siteName: p.siteName, programme, status, nextDueOn });
    }
  }
  // Overdue first, then the longest due; the sort is stable, so names stay in order within a date.
  out.sort((a, b) => (a.status === b.status ? (a.nextDueOn ?? "").localeCompare(b.nextDueOn ?? "") : a.status === "overdue" ? -1 : 1));

  if (audit) {
    await recordAudit(ctx.db, { ...actor(ctx), action: "screening.worklist", outcome: "success", siteId: siteId ?? null, detail: { count: out.length } });
  }
  return out;
}
