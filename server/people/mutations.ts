import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { people, treatmentRequirements, userSites, users } from "@/db/schema";
import { messages } from "@/domain/messages";
import type { RequirementKind } from "@/domain/people";
import type { CreatePersonInput, UpdatePersonInput } from "@/domain/schemas/person";
import type { Executor } from "@/db/client";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { ConflictError, ValidationError } from "../errors";
import { uniqueViolation } from "../db-errors";
import { inMySites, siteScope } from "../scope";
import { personInScope } from "./in-scope";

type PersonFields = CreatePersonInput;

function chosenRequirements(input: PersonFields): RequirementKind[] {
  const out: RequirementKind[] = [];
  if (input.requirementMHTR) out.push("MHTR");
  if (input.requirementDRR) out.push("DRR");
  if (input.requirementATR) out.push("ATR");
  return out;
}

/** Checks that need the database: the site is one of the user's, the officer works there, CRN and NHS number are free. */
async function checkPersonFields(db: Executor, ctx: Ctx, input: PersonFields, excludePersonId?: string): Promise<void> {
  const errors: Record<string, string> = {};
  if (!inMySites(ctx, input.siteId)) errors.siteId = messages.siteNotYours;
  else if (input.assignedOfficerId) {
    const [officer] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userSites, eq(userSites.userId, users.id))
      .where(and(eq(users.id, input.assignedOfficerId), eq(users.role, "probation_officer"), eq(users.disabled, false), eq(userSites.siteId, input.siteId)))
      .limit(1);
    if (!officer) errors.assignedOfficerId = messages.officerNotAtSite;
  }
  // Uniqueness is checked across all sites (a CRN is national) without revealing where the match is.
  const [crnMatch] = await db.select({ id: people.id }).from(people).where(eq(people.crn, input.crn)).limit(1);
  if (crnMatch && crnMatch.id !== excludePersonId) errors.crn = messages.crnTaken;
  if (input.nhsNumber) {
    const [nhsMatch] = await db.select({ id: people.id }).from(people).where(eq(people.nhsNumber, input.nhsNumber)).limit(1);
    if (nhsMatch && nhsMatch.id !== excludePersonId) errors.nhsNumber = messages.nhsTaken;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

function rethrowUnique(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === "people_crn_key") throw new ValidationError({ crn: messages.crnTaken });
  if (constraint === "people_nhs_number_key") throw new ValidationError({ nhsNumber: messages.nhsTaken });
  throw error;
}

function personColumns(input: PersonFields) {
  return {
    givenName: input.givenName,
    familyName: input.familyName,
    dateOfBirth: input.dateOfBirth,
    crn: input.crn,
    nhsNumber: input.nhsNumber,
    sexRegisteredAtGp: input.sexRegisteredAtGp,
    genderIdentity: input.genderIdentity,
    ethnicGroup: input.ethnicGroup,
    orderType: input.orderType,
    siteId: input.siteId,
    assignedOfficerId: input.assignedOfficerId,
  };
}

export async function createPerson({ ctx, input, enrolledOn }: { ctx: Ctx; input: CreatePersonInput; enrolledOn: string }): Promise<{ id: string }> {
  await assertCan(ctx, "person:create", "person.create");
  try {
    return await ctx.db.transaction(async (tx) => {
      return withIdempotency(tx, ctx, input.idempotencyKey, "person.create", async () => {
        await checkPersonFields(tx, ctx, input);
        const [created] = await tx.insert(people).values({ ...personColumns(input), enrolledOn }).returning({ id: people.id });
        if (!created) throw new Error("insert returned no row");
        const kinds = chosenRequirements(input);
        if (kinds.length) await tx.insert(treatmentRequirements).values(kinds.map((kind) => ({ personId: created.id, kind })));
        await recordAudit(tx, {
          ...actor(ctx),
          action: "person.create",
          outcome: "success",
          personId: created.id,
          siteId: input.siteId,
          entityType: "person",
          entityId: created.id,
        });
        return created;
      });
    });
  } catch (error) {
    rethrowUnique(error);
  }
}

/** Saves an edit only if nobody else saved since the form was opened (the version the form carried). */
export async function updatePerson({ ctx, input }: { ctx: Ctx; input: UpdatePersonInput }): Promise<void> {
  await assertCan(ctx, "person:update", "person.update");
  const existing = await personInScope(ctx, input.personId, "person.update");

  try {
    await ctx.db.transaction(async (tx) => {
      await checkPersonFields(tx, ctx, input, input.personId);
      const updated = await tx
        .update(people)
        .set({ ...personColumns(input), version: sql`${people.version} + 1`, updatedAt: new Date() })
        .where(and(eq(people.id, input.personId), eq(people.version, input.version), inArray(people.siteId, siteScope(ctx))))
        .returning({ id: people.id });
      if (updated.length === 0) throw new ConflictError(messages.conflict);

      // Requirements are tracked on their own pages (status, reviews, version): editing the
      // person only ever adds a newly ticked kind, never deletes one and its court reviews.
      const wanted = chosenRequirements(input);
      const current = await tx.select({ id: treatmentRequirements.id, kind: treatmentRequirements.kind }).from(treatmentRequirements).where(eq(treatmentRequirements.personId, input.personId));
      const added = wanted.filter((k) => !current.some((r) => r.kind === k));
      if (added.length) await tx.insert(treatmentRequirements).values(added.map((kind) => ({ personId: input.personId, kind })));

      await recordAudit(tx, {
        ...actor(ctx),
        action: "person.update",
        outcome: "success",
        personId: input.personId,
        siteId: input.siteId,
        entityType: "person",
        entityId: input.personId,
        detail: { fromSite: existing.siteId, version: input.version + 1, requirementsAdded: added },
      });
    });
  } catch (error) {
    rethrowUnique(error);
  }
}
