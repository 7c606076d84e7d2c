import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { people, requirementReviews, treatmentRequirements, users } from "@/db/schema";
import { todayInLondon } from "@/domain/dates";
import type { RequirementKind } from "@/domain/people";
import type { RequirementStatus } from "@/domain/referrals";
import { requirementEndsOn, reviewSchedule, type ReviewSchedule } from "@/domain/requirements";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { personInScope, recordPerson, type HealthRecordPerson } from "../people/in-scope";
import { siteScope, UUID_PATTERN } from "../scope";

// Treatment requirements are part of the sentence: clinicians and probation officers see the same
// fields, and none of them is clinical (the form asks for no clinical detail in the note).

export type RequirementReview = { id: string; reviewedOn: string; outcome: string; recordedByName: string; recordedAt: Date };

export type RequirementView = {
  id: string;
  kind: RequirementKind;
  status: RequirementStatus;
  suitabilityAssessedOn: string | null;
  suitable: boolean | null;
  provider: string | null;
  madeOn: string | null;
  lengthMonths: number | null;
  /** The order date plus its length. */
  endsOn: string | null;
  treatmentStartedOn: string | null;
  endedOn: string | null;
  note: string | null;
  version: number;
  updatedAt: Date;
  /** Newest first. */
  reviews: RequirementReview[];
  schedule: ReviewSchedule;
};

export type RequirementsOverview = { person: HealthRecordPerson; requirements: RequirementView[] };

const columns = {
  id: treatmentRequirements.id,
  kind: treatmentRequirements.kind,
  status: treatmentRequirements.status,
  suitabilityAssessedOn: treatmentRequirements.suitabilityAssessedOn,
  suitable: treatmentRequirements.suitable,
  provider: treatmentRequirements.provider,
  madeOn: treatmentRequirements.madeOn,
  lengthMonths: treatmentRequirements.lengthMonths,
  treatmentStartedOn: treatmentRequirements.treatmentStartedOn,
  endedOn: treatmentRequirements.endedOn,
  note: treatmentRequirements.note,
  version: treatmentRequirements.version,
  updatedAt: treatmentRequirements.updatedAt,
};

type Row = Omit<RequirementView, "endsOn" | "reviews" | "schedule">;

async function withReviews(ctx: Ctx, rows: Row[], today: string): Promise<RequirementView[]> {
  const ids = rows.map((r) => r.id);
  const reviews = ids.length
    ? await ctx.db
        .select({
          id: requirementReviews.id,
          requirementId: requirementReviews.requirementId,
          reviewedOn: requirementReviews.reviewedOn,
          outcome: requirementReviews.outcome,
          recordedByName: users.name,
          recordedAt: requirementReviews.recordedAt,
        })
        .from(requirementReviews)
        .innerJoin(users, eq(users.id, requirementReviews.recordedById))
        .where(inArray(requirementReviews.requirementId, ids))
        .orderBy(desc(requirementReviews.reviewedOn), desc(requirementReviews.recordedAt))
    : [];
  return rows.map((r) => {
    const own = reviews
      .filter((v) => v.requirementId === r.id)
      .map((v) => ({ id: v.id, reviewedOn: v.reviewedOn, outcome: v.outcome, recordedByName: v.recordedByName, recordedAt: v.recordedAt }));
    return {
      ...r,
      endsOn: requirementEndsOn(r.madeOn, r.lengthMonths),
      reviews: own,
      schedule: reviewSchedule({
        kind: r.kind,
        lengthMonths: r.lengthMonths,
        madeOn: r.madeOn,
        treatmentStartedOn: r.treatmentStartedOn,
        endedOn: r.endedOn,
        reviews: own.map((v) => v.reviewedOn),
        today,
      }),
    };
  });
}

/** A person's treatment requirements with their court reviews and review schedule. Every view is audited. */
export async function listRequirements({ ctx, personId, today = todayInLondon() }: { ctx: Ctx; personId: string; today?: string }): Promise<RequirementsOverview> {
  await assertCan(ctx, "requirement:read", "requirements.view");
  const person = await personInScope(ctx, personId, "requirements.view");
  const rows = await ctx.db
    .select(columns)
    .from(treatmentRequirements)
    .where(eq(treatmentRequirements.personId, person.id))
    .orderBy(asc(treatmentRequirements.kind), asc(treatmentRequirements.createdAt), asc(treatmentRequirements.id));
  const requirements = await withReviews(ctx, rows, today);
  await recordAudit(ctx.db, { ...actor(ctx), action: "requirements.view", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id });
  return { person: recordPerson(person), requirements };
}

/** One of the person's requirements, for its page; another site's, or another person's, is not found. */
export async function getRequirement({
  ctx,
  personId,
  requirementId,
  today = todayInLondon(),
}: {
  ctx: Ctx;
  personId: string;
  requirementId: string;
  today?: string;
}): Promise<{ person: HealthRecordPerson; requirement: RequirementView }> {
  await assertCan(ctx, "requirement:read", "requirement.view");
  const person = await personInScope(ctx, personId, "requirement.view");
  const rows = UUID_PATTERN.test(requirementId)
    ? await ctx.db
        .select(columns)
        .from(treatmentRequirements)
        .innerJoin(people, eq(people.id, treatmentRequirements.personId))
        .where(and(eq(treatmentRequirements.id, requirementId), eq(treatmentRequirements.personId, person.id), inArray(people.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  const [requirement] = await withReviews(ctx, rows, today);
  if (!requirement) return denyNotFound(ctx, "requirement.view", "treatment_requirement", requirementId);
  await recordAudit(ctx.db, {
    ...actor(ctx),
    action: "requirement.view",
    outcome: "success",
    personId: person.id,
    siteId: person.siteId,
    entityType: "treatment_requirement",
    entityId: requirement.id,
  });
  return { person: recordPerson(person), requirement };
}
