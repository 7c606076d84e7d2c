import "server-only";
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { gpRegistrations, healthChecks, screenings } from "@/db/schema";
import type { ScreeningProgramme } from "@/domain/health";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { consentStates } from "../consent/current";
import { personInScope } from "../people/in-scope";

/**
 * What a probation officer may know of a person's health (DOMAIN.md): statuses only, and only
 * while the person consents to sharing with probation. This is the only shape that leaves the
 * server for an officer: no answers, scores, bands, conditions or notes are even selected.
 */
export type ProbationHealthStatus =
  | { shared: false }
  | {
      shared: true;
      gpRegistered: boolean | null;
      screenings: { programme: ScreeningProgramme; status: "booked" | "attended"; on: string | null }[];
      lastHealthCheckOn: Date | null;
    };

export async function getProbationHealthStatus({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<ProbationHealthStatus> {
  await assertCan(ctx, "health-status:read", "health-status.view");
  const person = await personInScope(ctx, personId, "health-status.view");

  const consent = await consentStates(ctx.db, person.id);
  const shared = consent.share_with_probation === "given";
  await recordAudit(ctx.db, {
    ...actor(ctx),
    action: "health-status.view",
    outcome: "success",
    personId: person.id,
    siteId: person.siteId,
    entityType: "person",
    entityId: person.id,
    detail: { shared },
  });
  if (!shared) return { shared: false };

  const [gp] = await ctx.db
    .select({ status: gpRegistrations.status })
    .from(gpRegistrations)
    .where(eq(gpRegistrations.personId, person.id))
    .orderBy(desc(gpRegistrations.recordedAt))
    .limit(1);
  const screeningRows = await ctx.db
    .select({ programme: screenings.programme, status: screenings.status, bookedFor: screenings.bookedFor, attendedOn: screenings.attendedOn })
    .from(screenings)
    .where(and(eq(screenings.personId, person.id), inArray(screenings.status, ["booked", "attended", "result_received"])));
  const [lastCheck] = await ctx.db
    .select({ completedAt: healthChecks.completedAt })
    .from(healthChecks)
    .where(and(eq(healthChecks.personId, person.id), eq(healthChecks.status, "completed"), isNotNull(healthChecks.completedAt)))
    .orderBy(desc(healthChecks.completedAt))
    .limit(1);

  return {
    shared: true,
    gpRegistered: gp ? gp.status === "registered" : null,
    screenings: screeningRows.map((s) =>
      s.status === "booked" ? { programme: s.programme, status: "booked" as const, on: s.bookedFor } : { programme: s.programme, status: "attended" as const, on: s.attendedOn },
    ),
    lastHealthCheckOn: lastCheck?.completedAt ?? null,
  };
}
