import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { people, requirementReviews, treatmentRequirements } from "@/db/schema";
import { messages, requirementMessages } from "@/domain/messages";
import { requirementIsOpen, requirementProblems } from "@/domain/requirements";
import type { CreateRequirementInput, RecordReviewInput, UpdateRequirementInput } from "@/domain/schemas/requirement";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { personInScope } from "../people/in-scope";
import { ConflictError, ValidationError } from "../errors";
import { peopleInScope, requirementInScope } from "./scope";

// Audit rows record the kind, the status and the version: never the note or a review's outcome.

/** The schema checks these too; a use case called directly is held to the same rules. */
function assertConsistent(input: CreateRequirementInput | UpdateRequirementInput): void {
  const problems = requirementProblems(input);
  if (Object.keys(problems).length) throw new ValidationError(problems);
}

function requirementColumns(input: CreateRequirementInput | UpdateRequirementInput) {
  return {
    status: input.status,
    suitabilityAssessedOn: input.suitabilityAssessedOn,
    suitable: input.suitable,
    madeOn: input.madeOn,
    lengthMonths: input.lengthMonths,
    provider: input.provider,
    treatmentStartedOn: input.treatmentStartedOn,
    endedOn: input.endedOn,
    note: input.note,
  };
}

/**
 * Adds a requirement to a person. One of each kind at a time: a second DRR is for a new order,
 * once the first has been completed or breached (or was found unsuitable).
 */
export async function createRequirement({ ctx, input }: { ctx: Ctx; input: CreateRequirementInput }): Promise<{ id: string }> {
  await assertCan(ctx, "requirement:write", "requirement.create");
  const person = await personInScope(ctx, input.personId, "requirement.create");
  assertConsistent(input);

  return ctx.db.transaction(async (tx) => {
    return withIdempotency(tx, ctx, input.idempotencyKey, "requirement.create", async () => {
      // Lock the person so two people adding the same kind at once cannot both succeed.
      await tx.select({ id: people.id }).from(people).where(eq(people.id, person.id)).for("update");
      const sameKind = await tx
        .select({ status: treatmentRequirements.status })
        .from(treatmentRequirements)
        .where(and(eq(treatmentRequirements.personId, person.id), eq(treatmentRequirements.kind, input.kind)));
      if (sameKind.some((r) => requirementIsOpen(r.status))) throw new ValidationError({ kind: requirementMessages.alreadyOpen(input.kind) });

      const [created] = await tx
        .insert(treatmentRequirements)
        .values({ personId: person.id, kind: input.kind, ...requirementColumns(input) })
        .returning({ id: treatmentRequirements.id });
      if (!created) throw new Error("insert returned no row");
      await recordAudit(tx, {
        ...actor(ctx),
        action: "requirement.create",
        outcome: "success",
        personId: person.id,
        siteId: person.siteId,
        entityType: "treatment_requirement",
        entityId: created.id,
        detail: { kind: input.kind, status: input.status },
      });
      return created;
    });
  });
}

/** Saves a change only if nobody else saved (or recorded a review) since the form was opened. */
export async function updateRequirement({ ctx, input }: { ctx: Ctx; input: UpdateRequirementInput }): Promise<{ version: number }> {
  await assertCan(ctx, "requirement:write", "requirement.update");
  const existing = await requirementInScope(ctx, input.personId, input.requirementId, "requirement.update");
  assertConsistent(input);

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(treatmentRequirements)
      .set({ ...requirementColumns(input), version: sql`${treatmentRequirements.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(treatmentRequirements.id, existing.id),
          eq(treatmentRequirements.version, input.version),
          inArray(treatmentRequirements.personId, peopleInScope(ctx)),
        ),
      )
      .returning({ version: treatmentRequirements.version });
    if (!row) throw new ConflictError(messages.conflict);
    await recordAudit(tx, {
      ...actor(ctx),
      action: "requirement.update",
      outcome: "success",
      personId: existing.personId,
      siteId: existing.siteId,
      entityType: "treatment_requirement",
      entityId: existing.id,
      detail: { kind: existing.kind, fromStatus: existing.status, toStatus: input.status, version: row.version },
    });
    return { version: row.version };
  });
}

/**
 * Records a court review of a requirement. The review is part of the requirement's record: it
 * carries the version the page was opened at and moves it on, so a double submission (or a page
 * left open while someone else recorded the same review) records it once.
 */
export async function recordReview({ ctx, input }: { ctx: Ctx; input: RecordReviewInput }): Promise<{ id: string }> {
  await assertCan(ctx, "requirement:write", "requirement.review");
  const existing = await requirementInScope(ctx, input.personId, input.requirementId, "requirement.review");
  if (!existing.madeOn) throw new ValidationError({ reviewedOn: requirementMessages.reviewNeedsOrder });
  if (input.reviewedOn < existing.madeOn) throw new ValidationError({ reviewedOn: requirementMessages.reviewBeforeOrder });
  if (existing.endedOn && input.reviewedOn > existing.endedOn) throw new ValidationError({ reviewedOn: requirementMessages.reviewAfterEnd });

  return ctx.db.transaction(async (tx) => {
    const [bumped] = await tx
      .update(treatmentRequirements)
      .set({ version: sql`${treatmentRequirements.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(treatmentRequirements.id, existing.id),
          eq(treatmentRequirements.version, input.version),
          inArray(treatmentRequirements.personId, peopleInScope(ctx)),
        ),
      )
      .returning({ version: treatmentRequirements.version });
    if (!bumped) throw new ConflictError(messages.conflict);
    const [sameDay] = await tx
      .select({ id: requirementReviews.id })
      .from(requirementReviews)
      .where(and(eq(requirementReviews.requirementId, existing.id), eq(requirementReviews.reviewedOn, input.reviewedOn)))
      .limit(1);
    if (sameDay) throw new ValidationError({ reviewedOn: requirementMessages.reviewDuplicate });

    const [created] = await tx
      .insert(requirementReviews)
      .values({ requirementId: existing.id, reviewedOn: input.reviewedOn, outcome: input.outcome, recordedById: ctx.user.id })
      .returning({ id: requirementReviews.id });
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, {
      ...actor(ctx),
      action: "requirement.review",
      outcome: "success",
      personId: existing.personId,
      siteId: existing.siteId,
      entityType: "requirement_review",
      entityId: created.id,
      detail: { requirementId: existing.id, kind: existing.kind, reviewedOn: input.reviewedOn, version: bumped.version },
    });
    return created;
  });
}
