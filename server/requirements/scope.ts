import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { people, treatmentRequirements } from "@/db/schema";
import type { Ctx } from "../context";
import { denyNotFound } from "../authz";
import { siteScope, UUID_PATTERN } from "../scope";

/** The ids of the people at the user's sites, as a subquery for a WHERE clause (STYLE.md 4). */
export function peopleInScope(ctx: Ctx) {
  return ctx.db.select({ id: people.id }).from(people).where(inArray(people.siteId, siteScope(ctx)));
}

/**
 * One of a person's requirements, with the person's site, in one query scoped to the user's sites;
 * a requirement elsewhere, or of someone else, is not found (and the refusal audited as `action`).
 */
export async function requirementInScope(ctx: Ctx, personId: string, requirementId: string, action: string) {
  const [row] =
    UUID_PATTERN.test(personId) && UUID_PATTERN.test(requirementId)
      ? await ctx.db
          .select({
            id: treatmentRequirements.id,
            personId: treatmentRequirements.personId,
            siteId: people.siteId,
            kind: treatmentRequirements.kind,
            status: treatmentRequirements.status,
            madeOn: treatmentRequirements.madeOn,
            endedOn: treatmentRequirements.endedOn,
            version: treatmentRequirements.version,
          })
          .from(treatmentRequirements)
          .innerJoin(people, eq(people.id, treatmentRequirements.personId))
          .where(and(eq(treatmentRequirements.id, requirementId), eq(treatmentRequirements.personId, personId), inArray(people.siteId, siteScope(ctx))))
          .limit(1)
      : [];
  if (!row) return denyNotFound(ctx, action, "treatment_requirement", requirementId);
  return row;
}
